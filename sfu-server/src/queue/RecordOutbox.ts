import type { Logger } from '../logger.ts';
import { databaseUnavailable } from '../store/db.ts';

interface Write {
  what: string;
  run: () => Promise<unknown>;
}

export interface RecordOutboxOptions {
  logger: Logger;
  /** The first wait before retrying after an outage; it doubles up to maxRetryDelayMs. */
  firstRetryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Writes held at most; past this the oldest are dropped (and logged), so an outage cannot exhaust memory. */
  maxHeld?: number;
}

/**
 * Call-record writes, kept out of the path of the people they record: a write is made at once when the
 * database answers, and held and retried (with backoff, in order for each record) while it does not, so a
 * Postgres outage delays the records but never a caller's ring or join. Writes for one record stay in order:
 * while one of them is held or in flight, later ones wait behind it.
 *
 * Held writes live in this process: they survive an outage of the database, not a crash of the process (a
 * clean shutdown tries them once more and logs what is left).
 */
export class RecordOutbox {
  /** Writes waiting per record, the first one in flight or due for a retry. */
  private readonly queues = new Map<string, Write[]>();
  /** Records whose first write is being made now: nobody else starts on them. */
  private readonly busy = new Set<string>();
  private held = 0;
  private timer: NodeJS.Timeout | undefined;
  private delayMs: number;
  private draining: Promise<void> | undefined;
  private readonly log: Logger;
  private readonly firstDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxHeld: number;

  constructor(opts: RecordOutboxOptions) {
    this.log = opts.logger.child({ component: 'record-outbox' });
    this.firstDelayMs = opts.firstRetryDelayMs ?? 500;
    this.maxDelayMs = opts.maxRetryDelayMs ?? 5_000;
    this.maxHeld = opts.maxHeld ?? 50_000;
    this.delayMs = this.firstDelayMs;
  }

  /** Writes held for a retry now. */
  get size(): number {
    return this.held;
  }

  /**
   * Writes `run` for record `key`, now or (when the database is out of reach, or an earlier write of this
   * record is waiting) later. Resolves once it is written or held; rejects only for an error a retry would not
   * cure (a bad value, a broken query), which the caller should treat as a failed step.
   */
  async write(key: string, what: string, run: () => Promise<unknown>): Promise<void> {
    const waiting = this.queues.get(key);
    if (waiting) {
      this.hold(waiting, { what, run });
      return;
    }
    const queue: Write[] = [];
    this.queues.set(key, queue);
    this.busy.add(key);
    let failure: unknown;
    let outage = false;
    try {
      await run();
    } catch (err) {
      if (databaseUnavailable(err)) {
        this.log.warn({ err, key, what }, 'record not written: the database is unavailable; holding it to retry');
        queue.unshift({ what, run });
        this.held++;
        outage = true;
      } else failure = err;
    } finally {
      this.busy.delete(key);
    }
    if (queue.length === 0) this.queues.delete(key);
    else if (outage) this.schedule();
    // Written: what queued behind it meanwhile goes now.
    else void this.drainKey(key).then((ok) => ok || this.schedule());
    if (failure !== undefined) throw failure;
  }

  /** Tries every held write once more (shutdown); logs what could not be written. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.drainAll();
    if (this.held > 0) this.log.error({ held: this.held }, 'call records not written before shutdown');
  }

  private hold(queue: Write[], w: Write): void {
    if (this.held >= this.maxHeld) {
      this.log.error({ what: w.what }, 'record outbox full: write dropped');
      return;
    }
    queue.push(w);
    this.held++;
  }

  private schedule(): void {
    if (this.timer || this.draining) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drainAll();
    }, this.delayMs);
    this.timer.unref();
  }

  private drainAll(): Promise<void> {
    this.draining ??= (async () => {
      let outage = false;
      try {
        for (const key of [...this.queues.keys()]) {
          if (!(await this.drainKey(key))) {
            outage = true;
            break;
          }
        }
      } finally {
        this.draining = undefined;
      }
      if (outage) {
        this.delayMs = Math.min(this.delayMs * 2, this.maxDelayMs);
        this.schedule();
      } else {
        if (this.delayMs !== this.firstDelayMs) this.log.info('held call records written');
        this.delayMs = this.firstDelayMs;
      }
    })();
    return this.draining;
  }

  /** Writes one record's queue in order; false when the database is still out of reach. */
  private async drainKey(key: string): Promise<boolean> {
    const queue = this.queues.get(key);
    if (!queue || this.busy.has(key)) return true;
    this.busy.add(key);
    try {
      while (queue.length > 0) {
        const w = queue[0]!;
        try {
          await w.run();
        } catch (err) {
          if (databaseUnavailable(err)) return false;
          this.log.error({ err, key, what: w.what }, 'held record write failed; dropped');
        }
        queue.shift();
        this.held--;
      }
      this.queues.delete(key);
      return true;
    } finally {
      this.busy.delete(key);
    }
  }
}
