/**
 * The HTTP rate limits on a real Redis: one count shared by every server process (each with its own
 * connection), and a Redis that stops answering or is gone lets requests through rather than locking every
 * caller and interpreter out.
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { keys } from '../store/keys.ts';
import { closeRedis, createRedis, type RedisClient } from '../store/redis.ts';
import { testServiceUrl } from '../testing/context.ts';
import { freshDatabase } from '../testing/freshDatabase.ts';
import { startTestServer } from '../testing/harness.ts';
import { startRedis } from '../testing/services.ts';
import { createLimit, type Limit, type LimitRule } from './rateLimits.ts';

const silent = createLogger('silent');
/** A guest-token-like limit: 5 at once, then one every 3 s. */
const RULE: LimitRule = { points: 1, durationSec: 3, burst: { points: 5, durationSec: 60 } };

/** Takes from the limits in turn, `n` times in all; how many were let through. */
async function takeInTurn(limits: Limit[], key: string, n: number): Promise<boolean[]> {
  const out: boolean[] = [];
  for (let i = 0; i < n; i++) out.push((await limits[i % limits.length]!.take(key)).ok);
  return out;
}

describe('rate limits on Redis', () => {
  let a: RedisClient;
  let b: RedisClient;
  const prefix = `test-rl-${process.pid}-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    // Two connections, as two server processes have.
    a = await createRedis(testServiceUrl('TEST_REDIS_URL'), silent, 'process-a');
    b = await createRedis(testServiceUrl('TEST_REDIS_URL'), silent, 'process-b');
  });
  afterAll(async () => {
    if (a) {
      const own = await a.keys(`${prefix}:*`);
      if (own.length > 0) await a.del(own);
    }
    await Promise.all([a && closeRedis(a), b && closeRedis(b)]);
  });

  it('holds one limit across two server processes when counted in Redis (review #1)', async () => {
    const store = (redis: RedisClient) => ({ redis, keyPrefix: keys(prefix).rateLimit, logger: silent });
    const shared = [createLimit(store(a), 'guestPerAddress', RULE), createLimit(store(b), 'guestPerAddress', RULE)];
    const verdicts = await takeInTurn(shared, '203.0.113.5', 12);
    // 1 steady + 5 burst between them, whichever process answered.
    expect(verdicts.filter(Boolean)).toHaveLength(6);
    expect(verdicts.slice(6)).toEqual([false, false, false, false, false, false]);
    const refused = await shared[1]!.take('203.0.113.5');
    expect(refused).toMatchObject({ ok: false });
    expect(refused.ok ? 0 : refused.retryAfterSec).toBeGreaterThan(0);
    // Another address is counted on its own.
    expect(await shared[0]!.take('203.0.113.6')).toEqual({ ok: true });
    // Counted in each process's memory instead, the same requests get twice the allowance: what Redis prevents.
    const alone = [createLimit({ keyPrefix: keys(prefix).rateLimit, logger: silent }, 'guestPerAddress', RULE), createLimit({ keyPrefix: keys(prefix).rateLimit, logger: silent }, 'guestPerAddress', RULE)];
    expect((await takeInTurn(alone, '203.0.113.5', 12)).filter(Boolean)).toHaveLength(12);
  });

  it('keeps each key in Redis only for its window (nothing to clear when a table fills up) (review #1)', async () => {
    const limit = createLimit({ redis: a, keyPrefix: keys(prefix).rateLimit, logger: silent }, 'ttl', { points: 3, durationSec: 60 });
    await limit.take('198.51.100.1');
    const stored = await a.keys(`${keys(prefix).rateLimit('ttl')}*`);
    expect(stored).toHaveLength(1);
    const ttl = await a.pTTL(stored[0]!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('lets requests through while Redis does not answer or is gone, logs it, and counts again once it answers (review #1)', { timeout: 30_000 }, async () => {
    const own = await startRedis();
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const redis = await createRedis(own.url, silent, 'fail-open');
    let paused = false;
    try {
      const limit = createLimit({ redis, keyPrefix: keys(prefix).rateLimit, logger, timeoutMs: 300 }, 'signInPerAddress', { points: 2, durationSec: 60 });
      expect(await takeInTurn([limit], '192.0.2.20', 3)).toEqual([true, true, false]);

      // Paused: nothing answers. Each check gives up within its timeout and lets the request through.
      process.kill(own.pid, 'SIGSTOP');
      paused = true;
      let started = Date.now();
      expect(await takeInTurn([limit], '192.0.2.20', 3)).toEqual([true, true, true]);
      expect(Date.now() - started).toBeLessThan(3 * 300 + 1_000);
      expect(lines.join('\n')).toMatch(/rate limit store failed.*requests let through/);
      process.kill(own.pid, 'SIGCONT');
      paused = false;
      // Answering again: the count kept in Redis holds again.
      expect(await limit.take('192.0.2.20')).toMatchObject({ ok: false });

      // Gone: the connection is refused, and every check lets the request through at once.
      await own.stop();
      started = Date.now();
      expect(await takeInTurn([limit], '192.0.2.20', 5)).toEqual([true, true, true, true, true]);
      await limit.refund('192.0.2.20');
      await limit.reset('192.0.2.20');
      expect(Date.now() - started).toBeLessThan(7 * 300 + 1_000);
    } finally {
      if (paused) process.kill(own.pid, 'SIGCONT');
      redis.destroy();
      await own.stop();
    }
  });
});

describe('two server processes behind one proxy, sharing Redis', () => {
  it('refuses one address the guest tokens it has spent on the other process (review #1)', { timeout: 60_000 }, async () => {
    const db = await freshDatabase();
    const env = { TRUST_PROXY: '1', REDIS_URL: testServiceUrl('TEST_REDIS_URL'), REDIS_PREFIX: `rl-${randomBytes(4).toString('hex')}`, JWT_SECRET: randomBytes(32).toString('hex') };
    const servers = [await startTestServer({ databaseUrl: db.url, env }), await startTestServer({ databaseUrl: db.url, env })];
    try {
      const guest = (url: string) =>
        fetch(`${url}/api/auth/guest`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.50' }, body: JSON.stringify({ channel: 'web' }) }).then((r) => r.status);
      const statuses: number[] = [];
      // 30 requests from one caller, every other one to each process: alone, each would let 21 through.
      for (let n = 0; n < 30; n++) statuses.push(await guest(servers[n % 2]!.url));
      const ok = statuses.filter((s) => s === 200).length;
      expect(ok).toBeGreaterThanOrEqual(20);
      expect(ok).toBeLessThanOrEqual(22);
      expect(statuses.filter((s) => s === 429)).toHaveLength(30 - ok);
    } finally {
      for (const s of servers) await s.close();
      await db.drop();
    }
  });
});
