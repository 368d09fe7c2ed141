import type pg from 'pg';
import type { ChatMessage } from '@sign-relay/shared';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { databaseUnavailable } from '../store/db.ts';
import { ChatRepository, type NewChatMessage } from '../store/repositories/chatRepository.ts';

interface Pending {
  m: NewChatMessage;
  resolve(r: { message: ChatMessage; duplicate: boolean } | undefined): void;
  reject(err: unknown): void;
}

/**
 * Group commit for chat messages: messages that arrive while a commit is in flight are written together in
 * the next transaction — one statement for the whole batch — so a durable Postgres pays one disk flush and
 * one round trip per batch instead of per message. A batch first locks its sessions' rows in a fixed order,
 * so concurrent batches (here or in another process) wait for each other instead of deadlocking.
 * Every message is still committed before its sender is answered; nothing is acknowledged from memory. With
 * the database out of reach a batch is refused at once with UNAVAILABLE (the client's outbox sends it again);
 * the next batch tries afresh.
 */
export class ChatWriter {
  private readonly pending: Pending[] = [];
  private running = 0;

  constructor(
    private readonly pool: Pick<pg.Pool, 'connect'>,
    private readonly repo: ChatRepository,
    private readonly logger: Logger,
    private readonly opts: { maxBatch: number; maxConcurrent: number } = { maxBatch: 256, maxConcurrent: 2 },
  ) {}

  append(m: NewChatMessage): Promise<{ message: ChatMessage; duplicate: boolean } | undefined> {
    return new Promise((resolve, reject) => {
      this.pending.push({ m, resolve, reject });
      if (this.running < this.opts.maxConcurrent) void this.drain().catch((err: unknown) => this.logger.error({ err }, 'chat writer stopped'));
    });
  }

  private async drain(): Promise<void> {
    this.running++;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, this.opts.maxBatch);
        // Whatever happens, every sender is answered (settling a promise twice changes nothing).
        await this.write(batch).catch((err: unknown) => {
          this.logger.error({ err, size: batch.length }, 'chat batch failed');
          for (const p of batch) p.reject(databaseUnavailable(err) ?? err);
        });
      }
    } finally {
      this.running--;
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    let inserted: Map<string, ChatMessage> | undefined;
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      this.refuse(batch, err);
      return;
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const tx = new ChatRepository(client);
      await tx.lockSessions(batch.map((p) => p.m.sessionId));
      inserted = await tx.insertMany(batch.map((p) => p.m));
      await client.query('COMMIT');
    } catch (err) {
      inserted = undefined;
      await client.query('ROLLBACK').catch((rollbackErr: unknown) => {
        broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
      });
      if (databaseUnavailable(err)) {
        // Writing one by one would only wait out the same timeouts once per message.
        client.release(broken ?? true);
        this.refuse(batch, err);
        return;
      }
      this.logger.warn({ err, size: batch.length }, 'chat batch failed; writing its messages one by one');
    }
    // A connection whose rollback failed is broken: drop it rather than hand it back.
    client.release(broken);
    // Outside the transaction (the embedded database has a single connection): resends and fallbacks.
    for (const p of batch) {
      const message = inserted?.get(p.m.id);
      if (message) {
        p.resolve({ message, duplicate: false });
        continue;
      }
      try {
        p.resolve(inserted ? await this.duplicateOrEnded(p.m) : await this.repo.append(p.m));
      } catch (err) {
        p.reject(databaseUnavailable(err) ?? err);
      }
    }
  }

  /** The database is out of reach: the whole batch is refused with a code the client retries on. */
  private refuse(batch: Pending[], err: unknown): void {
    this.logger.warn({ err, size: batch.length }, 'chat batch not written: the database is unavailable');
    const refusal = databaseUnavailable(err) ?? new AppError('UNAVAILABLE', 'Messages cannot be saved right now; please try again in a moment.');
    for (const p of batch) p.reject(refusal);
  }

  private async duplicateOrEnded(m: NewChatMessage): Promise<{ message: ChatMessage; duplicate: boolean } | undefined> {
    const earlier = await this.repo.byClientKey(m.sessionId, m.from, m.clientKey);
    return earlier ? { message: earlier, duplicate: true } : undefined;
  }
}
