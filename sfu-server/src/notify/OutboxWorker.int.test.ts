/**
 * The notification outbox against real databases and a real HTTP gateway: a message exists exactly when its
 * transaction committed, survives a restart between the change and the send, is retried until the gateway
 * accepts it and then accepted once, goes to one of several workers at a time, and after a worker that crashed
 * holding it is sent again by another with the same idempotency key.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../testing/freshDatabase.ts';
import { createLogger } from '../logger.ts';
import { createDatabase, type Database } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import type { Queryable } from '../store/repositories/queryable.ts';
import { claimDueNotifications, enqueueNotification, markNotificationFailed, type NewOutboxMessage } from '../store/repositories/outboxRepository.ts';
import { createNotifications } from './index.ts';
import type { Notifier, OutboxMessage } from './Notifier.ts';
import { NotificationError } from './Notifier.ts';
import { OutboxWorker, retryDelayMs, type OutboxWorkerOptions } from './OutboxWorker.ts';
import { WebhookNotifier } from './WebhookNotifier.ts';

const logger = createLogger('silent');
/** Fast enough that a test takes seconds; nothing below asserts on speed. */
const FAST: OutboxWorkerOptions = { pollMs: 20, backoffBaseMs: 20, backoffMaxMs: 200 };

function closeMessage(recipient = '0912345678'): NewOutboxMessage {
  const caseNumber = `1999-${randomUUID().slice(0, 8)}`;
  return { caseId: null, kind: 'case-closed', channel: 'sms', recipient, body: { caseNumber, status: 'closed', zh: `案件 ${caseNumber} 已結案`, en: `Case ${caseNumber} closed` } };
}

/** Enqueues in a transaction of its own that commits or rolls back, as a case change would. */
async function enqueueIn(db: Database, outcome: 'COMMIT' | 'ROLLBACK', m = closeMessage()): Promise<string> {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    const id = await enqueueNotification(client, m);
    await client.query(outcome);
    return id;
  } finally {
    client.release();
  }
}

interface OutboxRow {
  attempts: number;
  sentAt: Date | null;
  lastError: string | null;
  claimedUntil: Date | null;
}

async function rowOf(db: Queryable, id: string): Promise<OutboxRow | undefined> {
  const r = await db.query<OutboxRow>(
    `SELECT attempts, sent_at AS "sentAt", last_error AS "lastError", claimed_until AS "claimedUntil" FROM notification_outbox WHERE id = $1`,
    [id],
  );
  return r.rows[0];
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const allSent = (db: Queryable, ids: string[]) => async () => {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM notification_outbox WHERE id = ANY($1::uuid[]) AND sent_at IS NOT NULL', [ids]);
  return r.rows[0]?.n === ids.length;
};

/** Counts what reached it per outbox id, and by which worker. */
class RecordingNotifier implements Notifier {
  readonly ids: string[] = [];
  constructor(private readonly shared?: Map<string, number>) {}
  async send(m: OutboxMessage): Promise<void> {
    // A little latency, so two workers' rounds overlap.
    await new Promise((r) => setTimeout(r, Math.random() * 5));
    this.ids.push(m.id);
    this.shared?.set(m.id, (this.shared.get(m.id) ?? 0) + 1);
  }
}

interface GatewayRequest {
  key: string | undefined;
  authorization: string | undefined;
  status: number;
  body: OutboxMessage;
}

/** A real HTTP gateway on 127.0.0.1: answers request n with `answer(n)` (a status, or 'hang' for no answer). */
async function startGateway(answer: (n: number) => number | 'hang'): Promise<{ url: string; requests: GatewayRequest[]; close(): Promise<void> }> {
  const requests: GatewayRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = answer(requests.length);
      const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
      if (status === 'hang') return;
      requests.push({ key: header('idempotency-key'), authorization: header('authorization'), status, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as OutboxMessage });
      res.writeHead(status, status >= 300 && status < 400 ? { location: 'http://127.0.0.1:1/elsewhere' } : {}).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** (a) and (b): the rules that matter on both databases. `open` opens the database as a new process would. */
async function expectDeliveredOnceAcrossRestart(open: () => Promise<Database>): Promise<void> {
  // Process one: a committed change and a rolled-back one; its worker is stopped before its first round.
  const first = await open();
  const committed = await enqueueIn(first, 'COMMIT');
  const rolledBack = await enqueueIn(first, 'ROLLBACK');
  const one = createNotifications({}, first.pool, logger, FAST);
  one.worker.start();
  await one.worker.stop();
  expect(one.log?.recent()).toEqual([]);
  expect((await rowOf(first.pool, committed))?.sentAt).toBeNull();
  await first.close();

  // Process two: a new pool and a new worker find the message and send it, once.
  const second = await open();
  try {
    const two = createNotifications({}, second.pool, logger, FAST);
    two.worker.start();
    await waitFor('the committed message', allSent(second.pool, [committed]));
    two.worker.kick();
    // More rounds, to give a second send (or the rolled-back message) every chance to appear.
    await new Promise((r) => setTimeout(r, 200));
    await two.worker.stop();
    await two.worker.stop();
    const delivered = two.log?.recent() ?? [];
    expect(delivered.filter((n) => n.outboxId === committed)).toHaveLength(1);
    expect(delivered.filter((n) => n.outboxId === rolledBack)).toHaveLength(0);
    expect(delivered.find((n) => n.outboxId === committed)).toMatchObject({ recipient: '0912345678', kind: 'case-closed', channel: 'sms' });
    expect(await rowOf(second.pool, committed)).toMatchObject({ attempts: 1, lastError: null, claimedUntil: null });
    expect(await rowOf(second.pool, rolledBack)).toBeUndefined();
  } finally {
    await second.close();
  }
}

describe('the outbox on a real Postgres server', () => {
  let fresh: FreshDatabase;
  const open = () => createDatabase({ databaseUrl: fresh.url, logger });

  beforeAll(async () => {
    fresh = await freshDatabase();
  });
  afterAll(async () => {
    await fresh?.drop();
  });
  beforeEach(async () => {
    await fresh.db.pool.query('TRUNCATE notification_outbox');
  });

  it('sends a committed message once, never a rolled-back one, and a restart between the change and the send loses nothing', async () => {
    await expectDeliveredOnceAcrossRestart(open);
  });

  it('retries a gateway that fails twice, then has it accept the message exactly once', async () => {
    const gateway = await startGateway((n) => (n < 2 ? 500 : 200));
    const notifier = new WebhookNotifier({ url: gateway.url, secret: 'gateway-secret' });
    const worker = new OutboxWorker(fresh.db.pool, notifier, logger, FAST);
    try {
      const id = await enqueueIn(fresh.db, 'COMMIT');
      worker.start();
      worker.kick();
      await waitFor('the accepted send', allSent(fresh.db.pool, [id]));
      await worker.stop();

      expect(gateway.requests.map((r) => r.status)).toEqual([500, 500, 200]);
      expect(gateway.requests.every((r) => r.key === id && r.authorization === 'Bearer gateway-secret')).toBe(true);
      expect(gateway.requests.filter((r) => r.status === 200 && r.key === id)).toHaveLength(1);
      expect(gateway.requests[2]?.body).toMatchObject({ id, kind: 'case-closed', channel: 'sms', recipient: '0912345678' });
      const row = await rowOf(fresh.db.pool, id);
      expect(row).toMatchObject({ attempts: 3, lastError: 'REJECTED: gateway answered 500', claimedUntil: null });
      expect(row?.sentAt).toBeInstanceOf(Date);
    } finally {
      await worker.stop();
      await gateway.close();
    }
  });

  it('gives each of 50 messages to exactly one of two workers running at once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(await enqueueNotification(fresh.db.pool, closeMessage(`09${String(i).padStart(8, '0')}`)));
    const pools = await Promise.all([open(), open()]);
    const counts = new Map<string, number>();
    const notifiers = pools.map(() => new RecordingNotifier(counts));
    const workers = pools.map((p, i) => new OutboxWorker(p.pool, notifiers[i]!, logger, { ...FAST, batchSize: 5 }));
    try {
      for (const w of workers) w.start();
      await waitFor('all 50 messages', allSent(fresh.db.pool, ids));
      await Promise.all(workers.map((w) => w.stop()));
      expect(ids.every((id) => counts.get(id) === 1)).toBe(true);
      expect(counts.size).toBe(50);
      expect(notifiers[0]!.ids.length + notifiers[1]!.ids.length).toBe(50);
      const attempts = await fresh.db.pool.query<{ attempts: number; n: number }>('SELECT attempts, count(*)::int AS n FROM notification_outbox GROUP BY attempts');
      expect(attempts.rows).toEqual([{ attempts: 1, n: 50 }]);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await Promise.all(pools.map((p) => p.close()));
    }
  });

  it('sends again, with the same idempotency key, a message whose worker crashed after sending it', async () => {
    const gateway = await startGateway(() => 200);
    const notifier = new WebhookNotifier({ url: gateway.url });
    const id = await enqueueIn(fresh.db, 'COMMIT');

    // The worker that crashes: it claims the message and sends it, then never records the send.
    const [claim] = await claimDueNotifications(fresh.db.pool, 10, 30_000);
    expect(claim?.id).toBe(id);
    await notifier.send({ id: claim!.id, caseId: claim!.caseId, kind: claim!.kind, channel: claim!.channel, recipient: claim!.recipient, body: claim!.body });

    const other = new OutboxWorker(fresh.db.pool, notifier, logger, FAST);
    try {
      other.start();
      // While the lease holds, the message is not the other worker's to send.
      await new Promise((r) => setTimeout(r, 200));
      expect(gateway.requests).toHaveLength(1);
      expect((await rowOf(fresh.db.pool, id))?.sentAt).toBeNull();

      // The lease runs out (as 30 s after the crash).
      await fresh.db.pool.query(`UPDATE notification_outbox SET claimed_until = now() - interval '1 second' WHERE id = $1`, [id]);
      other.kick();
      await waitFor('the resend', allSent(fresh.db.pool, [id]));
      await other.stop();

      expect(gateway.requests.map((r) => r.key)).toEqual([id, id]);
      expect(await rowOf(fresh.db.pool, id)).toMatchObject({ attempts: 1, lastError: null });
      // The crashed worker coming back to record a failure changes nothing: its claim is gone.
      expect(await markNotificationFailed(fresh.db.pool, id, claim!.claimedUntil, 'REJECTED: late', 1000)).toBe(false);
      expect(await rowOf(fresh.db.pool, id)).toMatchObject({ attempts: 1, lastError: null });
    } finally {
      await other.stop();
      await gateway.close();
    }
  });
});

describe('the outbox on embedded PGlite (one connection)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sign-relay-outbox-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('follows the same rules, across a restart of the embedded database', async () => {
    let migrated = false;
    await expectDeliveredOnceAcrossRestart(async () => {
      const db = await createDatabase({ embeddedDataDir: dir, logger });
      if (!migrated) await migrate(db.pool, logger);
      migrated = true;
      return db;
    });
  });

  it('retries through the single connection until the gateway accepts', async () => {
    const db = await createDatabase({ embeddedDataDir: dir, logger });
    const gateway = await startGateway((n) => (n < 2 ? 503 : 204));
    const worker = new OutboxWorker(db.pool, new WebhookNotifier({ url: gateway.url }), logger, FAST);
    try {
      const ids = [await enqueueIn(db, 'COMMIT'), await enqueueIn(db, 'COMMIT')];
      worker.start();
      await waitFor('both messages', allSent(db.pool, ids));
      await worker.stop();
      for (const id of ids) expect(gateway.requests.filter((r) => r.key === id && r.status === 204)).toHaveLength(1);
    } finally {
      await worker.stop();
      await gateway.close();
      await db.close();
    }
  });
});

describe('the webhook gateway', () => {
  const message = (): OutboxMessage => ({ id: randomUUID(), ...closeMessage() });

  it('counts no answer within the timeout, no connection and a redirect as failures, with safe coded errors', async () => {
    const hanging = await startGateway(() => 'hang');
    const redirecting = await startGateway(() => 302);
    const closed = await startGateway(() => 200);
    await closed.close();
    try {
      const timeout = new WebhookNotifier({ url: hanging.url, timeoutMs: 200 }).send(message());
      await expect(timeout).rejects.toBeInstanceOf(NotificationError);
      await expect(timeout).rejects.toMatchObject({ code: 'TIMEOUT' });
      const refused = new WebhookNotifier({ url: closed.url }).send(message());
      await expect(refused).rejects.toMatchObject({ code: 'UNREACHABLE', message: 'gateway unreachable (ECONNREFUSED)' });
      await expect(new WebhookNotifier({ url: redirecting.url }).send(message())).rejects.toMatchObject({ code: 'REJECTED', message: 'gateway answered 302' });
      expect(redirecting.requests).toHaveLength(1);
      expect(redirecting.requests[0]?.authorization).toBeUndefined();
    } finally {
      await hanging.close();
      await redirecting.close();
    }
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base, jitters within ±20 % and never passes the cap', () => {
    const opts = { backoffBaseMs: 2_000, backoffMaxMs: 600_000 };
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, opts, () => 0.5))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(retryDelayMs(1, opts, () => 0)).toBe(1_600);
    expect(retryDelayMs(1, opts, () => 0.999999)).toBeLessThanOrEqual(2_400);
    expect(retryDelayMs(9, opts, () => 0.5)).toBe(512_000);
    for (const n of [10, 20, 50, 1_000]) expect(retryDelayMs(n, opts, () => 0.999999)).toBeLessThanOrEqual(600_000);
    expect(retryDelayMs(50, opts, () => 0)).toBe(480_000);
  });
});
