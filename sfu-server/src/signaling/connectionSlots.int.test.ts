import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { closeRedis, createRedis, type RedisClient } from '../store/redis.ts';
import { testServiceUrl } from '../testing/context.ts';
import { RedisConnectionSlots } from './connectionSlots.ts';

const logger = createLogger('silent');

describe('connection limits shared through Redis (review #4, #14)', () => {
  let redis: RedisClient;
  const prefix = `slots-${randomBytes(4).toString('hex')}`;
  const made: RedisConnectionSlots[] = [];
  /** One server process's view of the limits. */
  const process = (leaseMs?: number) => {
    const slots = new RedisConnectionSlots({ client: redis, prefix, logger, ...(leaseMs !== undefined ? { leaseMs } : {}) });
    made.push(slots);
    return slots;
  };
  const guest = (id: string, cap = 3) => [
    { scope: `guest:${id}`, cap },
    { scope: 'address:203.0.113.7', cap: 20 },
  ];

  beforeAll(async () => {
    redis = await createRedis(testServiceUrl('TEST_REDIS_URL'), logger);
  });
  afterAll(async () => {
    for (const s of made) s.close();
    const own = await redis.keys(`${prefix}:*`);
    if (own.length > 0) await redis.del(own);
    await closeRedis(redis);
  });

  it("counts one caller's connections on every process together, and a refused claim counts nowhere", async () => {
    const a = process();
    const b = process();
    expect(await a.claim('a1', guest('g1'))).toBeNull();
    expect(await b.claim('b1', guest('g1'))).toBeNull();
    expect(await a.claim('a2', guest('g1'))).toBeNull();
    expect(await b.claim('b2', guest('g1'))).toMatchObject({ scope: 'guest:g1' });
    expect(await redis.zCard(`${prefix}:signaling:connections:address:203.0.113.7`)).toBe(3);
    await a.release('a1', ['guest:g1', 'address:203.0.113.7']);
    expect(await b.claim('b2', guest('g1'))).toBeNull();
  });

  it('many claims at once from two processes never pass the cap together', async () => {
    const a = process();
    const b = process();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim(`c${i}`, guest('g2'))));
    expect(results.filter((r) => r === null)).toHaveLength(3);
  });

  it("the connections of a process that died stop counting within its lease; a live process's are renewed", async () => {
    const dead = process(300);
    const live = process(300);
    expect(await dead.claim('d1', guest('g3', 2))).toBeNull();
    expect(await live.claim('l1', guest('g3', 2))).toBeNull();
    dead.close();
    expect(await live.claim('l2', guest('g3', 2))).toMatchObject({ scope: 'guest:g3' });
    // Past the dead process's lease (its connection is gone), while the live one renewed its own.
    await expect.poll(() => live.claim('l2', guest('g3', 2)), { timeout: 2_000, interval: 100 }).toBeNull();
    // Two more leases on, the live process's two connections still count (nothing else could show it: a wait).
    await delay(700);
    expect(await live.claim('l3', guest('g3', 2))).toMatchObject({ scope: 'guest:g3' });
  });
});
