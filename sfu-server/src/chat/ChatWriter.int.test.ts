/**
 * The group-commit writer against real databases: a batch is one statement, yet every message gets its
 * session's next sequence number in the order sent, a client key is stored once (in the batch, or already
 * stored), an ended session stores nothing, and writers in separate sessions (as two server processes would
 * be) never deadlock on the sessions they share.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatSessionId } from '@sign-relay/shared';
import { freshDatabase, type FreshDatabase } from '../testing/freshDatabase.ts';
import { createLogger } from '../logger.ts';
import { createDatabase, IN_MEMORY_DATA_DIR, type Database } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { ChatRepository, type NewChatMessage } from '../store/repositories/chatRepository.ts';
import { ChatWriter } from './ChatWriter.ts';
import { asChatSessionId, asGuestId } from '@sign-relay/shared/testing/ids.ts';

const logger = createLogger('silent');

async function newSession(repo: ChatRepository): Promise<ChatSessionId> {
  const id = asChatSessionId(randomUUID());
  await repo.createText({ id, guestId: asGuestId(randomUUID()), channel: 'web', kioskId: null, topic: null });
  return id;
}

function message(sessionId: ChatSessionId, clientKey: string, body = clientKey, from: 'guest' | 'staff' = 'guest'): NewChatMessage {
  return { id: randomUUID(), sessionId, from, senderId: null, senderName: '', clientKey, body };
}

async function expectWriterRules(db: Database): Promise<void> {
  const repo = new ChatRepository(db.pool);
  const writer = new ChatWriter(db.pool, repo, logger);
  const a = await newSession(repo);
  const b = await newSession(repo);
  const ended = await newSession(repo);
  await repo.end(ended, 'guest-ended', new Date());
  const stored = await writer.append(message(a, 'stored-before'));
  expect(stored).toMatchObject({ duplicate: false, message: { seq: 1 } });

  // Sent together, so they land in one or two batches: interleaved sessions, a key twice, a stored key, an ended chat.
  const results = await Promise.all([
    writer.append(message(a, 'a-one')),
    writer.append(message(b, 'b-one')),
    writer.append(message(a, 'a-two', 'a-two', 'staff')),
    writer.append(message(a, 'a-one', 'resent')),
    writer.append(message(a, 'stored-before', 'resent')),
    writer.append(message(ended, 'too-late')),
    writer.append(message(b, 'b-two')),
    writer.append(message(a, 'a-one', 'same key, other sender', 'staff')),
  ]);
  const [aOne, bOne, aTwo, aOneAgain, storedAgain, late, bTwo, aStaffOne] = results;
  expect(aOne).toMatchObject({ duplicate: false, message: { seq: 2, body: 'a-one', from: 'guest' } });
  expect(bOne).toMatchObject({ duplicate: false, message: { seq: 1 } });
  expect(aTwo).toMatchObject({ duplicate: false, message: { seq: 3, from: 'staff' } });
  expect(aOneAgain).toEqual({ duplicate: true, message: aOne?.message });
  expect(storedAgain).toEqual({ duplicate: true, message: stored?.message });
  expect(late).toBeUndefined();
  expect(bTwo).toMatchObject({ duplicate: false, message: { seq: 2 } });
  expect(aStaffOne).toMatchObject({ duplicate: false, message: { seq: 4, from: 'staff', body: 'same key, other sender' } });

  expect((await repo.messagesAfter(a, 0)).map((m) => [m.seq, m.body])).toEqual([
    [1, 'stored-before'],
    [2, 'a-one'],
    [3, 'a-two'],
    [4, 'same key, other sender'],
  ]);
  expect((await repo.messagesAfter(b, 0)).map((m) => m.body)).toEqual(['b-one', 'b-two']);
  expect(await repo.messagesAfter(ended, 0)).toEqual([]);
}

describe('ChatWriter on a real Postgres server', () => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await freshDatabase();
  });
  afterAll(async () => {
    await fresh?.drop();
  });

  it('numbers, deduplicates and refuses like one insert per message', async () => {
    await expectWriterRules(fresh.db);
  });

  it('keeps every session gap-free and in order with writers in four separate sessions sharing the chats', async () => {
    const repo = new ChatRepository(fresh.db.pool);
    const chats = await Promise.all(Array.from({ length: 12 }, () => newSession(repo)));
    const pools = await Promise.all(Array.from({ length: 4 }, () => createDatabase({ databaseUrl: fresh.url, logger })));
    try {
      const writers = pools.map((p) => new ChatWriter(p.pool, new ChatRepository(p.pool), logger, { maxBatch: 16, maxConcurrent: 3 }));
      // Every writer writes to every chat, so batches overlap on sessions in every order: without the ordered
      // lock, Postgres finds deadlocks here (and the fallback would still store, but a second later).
      const perWriter = 120;
      const sent = writers.map((w, wi) =>
        Promise.all(Array.from({ length: perWriter }, (_, k) => w.append(message(chats[(k * 7 + wi) % chats.length]!, `w${wi}-${k}`)))),
      );
      const results = (await Promise.all(sent)).flat();
      expect(results.every((r) => r && !r.duplicate)).toBe(true);
      let total = 0;
      for (const id of chats) {
        const seqs = (await repo.messagesAfter(id, 0, 10_000)).map((m) => m.seq);
        expect(seqs).toEqual(seqs.map((_, i) => i + 1));
        total += seqs.length;
      }
      expect(total).toBe(writers.length * perWriter);
      const deadlocks = await fresh.db.pool.query<{ deadlocks: string }>('SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()');
      expect(Number(deadlocks.rows[0]?.deadlocks)).toBe(0);
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
  });
});

describe('ChatWriter on embedded PGlite', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createDatabase({ embeddedDataDir: IN_MEMORY_DATA_DIR, logger });
    await migrate(db.pool, logger);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('follows the same rules', async () => {
    await expectWriterRules(db);
  });
});

describe('ChatWriter when Postgres goes away', () => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await freshDatabase();
  });
  afterAll(async () => {
    await fresh?.drop();
  });

  it('a chat write with Postgres gone rejects and the server stays up (review #2)', async () => {
    const real = fresh.db.pool;
    let down = false;
    const refused = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED /tmp/.s.PGSQL.5432'), { code: 'ECONNREFUSED' }));
    // The pool as a server restart leaves it: no idle client to hand out, and no new connection to be had.
    const pool = {
      connect: () => (down ? refused() : real.connect()),
      query: (...args: Parameters<typeof real.query>) => (down ? refused() : (real.query as (...a: unknown[]) => Promise<unknown>)(...args)),
    } as unknown as typeof real;
    const repo = new ChatRepository(pool);
    const writer = new ChatWriter(pool, repo, logger);
    const sessionId = await newSession(new ChatRepository(real));

    down = true;
    const during = await Promise.allSettled([writer.append(message(sessionId, 'one')), writer.append(message(sessionId, 'two'))]);
    for (const r of during) {
      expect(r.status).toBe('rejected');
      expect(r.status === 'rejected' && r.reason).toMatchObject({ name: 'AppError', code: 'UNAVAILABLE' });
    }

    down = false;
    expect(await writer.append(message(sessionId, 'three'))).toMatchObject({ duplicate: false, message: { seq: 1, body: 'three' } });
  });
});
