/**
 * Several server processes on one queue: two RedisQueueStores over two connections and one key prefix,
 * racing. Every step must stay atomic: no caller lost, none offered twice, no interpreter rung for two.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testServiceUrl } from '../testing/context.ts';
import type { RedisClient } from '../store/redis.ts';
import type { LineIds, QueueEvent } from './model.ts';
import { RedisQueueStore } from './RedisQueueStore.ts';
import { runQueueFuzz } from './queueFuzz.ts';
import { entry } from './queueStoreContract.ts';

const T0 = 1_800_000_000_000;

describe('redis store: two processes racing on one queue', () => {
  let clients: RedisClient[];
  let stores: [RedisQueueStore<LineIds>, RedisQueueStore<LineIds>];
  let prefix: string;

  beforeEach(async () => {
    prefix = `test:queue-race:${randomUUID()}`;
    clients = await Promise.all(
      ['a', 'b'].map(async (name) => {
        const c = createClient({ url: testServiceUrl('TEST_REDIS_URL'), name: `queue-race-${name}` });
        await c.connect();
        return c;
      }),
    );
    stores = [new RedisQueueStore({ client: clients[0]!, prefix }), new RedisQueueStore({ client: clients[1]!, prefix })];
  });

  afterEach(async () => {
    for await (const batch of clients[0]!.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) if (batch.length) await clients[0]!.del(batch);
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all(clients.map((c) => c.close()));
  });

  it.each([1, 2])('keeps every invariant over 2,000 racing random steps (seed %i)', async (seed) => {
    const r = await runQueueFuzz(stores, { steps: 2_000, seed });
    expect(r.operations).toBe(4_000);
    expect(r.answered).toBeGreaterThan(50);
    expect(r.abandoned).toBeGreaterThan(20);
  });

  it('20 concurrent matchOne calls from each instance offer every caller and interpreter at most once', async () => {
    const [a, b] = stores;
    await Promise.all(Array.from({ length: 200 }, (_, k) => (k % 2 ? a : b).enqueue(entry(`c${String(k).padStart(3, '0')}`), T0 + k)));
    await Promise.all(Array.from({ length: 50 }, (_, k) => (k % 2 ? b : a).setPresence(`i${k}`, 'available', {}, T0 + 1_000 + k)));

    const round = async (now: number) => {
      const results = await Promise.all(Array.from({ length: 40 }, (_, k) => (k % 2 ? a : b).matchOne(now)));
      return results.flatMap((events: QueueEvent<LineIds>[]) => events.flatMap((e) => (e.type === 'offered' ? [{ entryId: e.entry.id, interpreterId: e.interpreterId }] : [])));
    };
    const first = await round(T0 + 2_000);
    const second = await round(T0 + 2_001);
    const offers = [...first, ...second];

    // 50 interpreters: the first 40 calls all match, the next 40 only 10 more.
    expect(first).toHaveLength(40);
    expect(second).toHaveLength(10);
    expect(new Set(offers.map((o) => o.interpreterId)).size).toBe(50);
    expect(new Set(offers.map((o) => o.entryId)).size).toBe(50);
    // The head of the line went first, longest-idle interpreters first.
    expect(offers.map((o) => o.entryId).sort()).toEqual(Array.from({ length: 50 }, (_, k) => `c${String(k).padStart(3, '0')}`));

    const snap = await a.snapshot();
    const offered = snap.entries.filter((e) => e.state === 'offered');
    expect(offered).toHaveLength(50);
    for (const e of offered) expect(snap.interpreters.find((i) => i.id === e.interpreterId)).toMatchObject({ state: 'offered', entryId: e.id });
    const positions = (await b.places()).map((p) => p.position);
    expect(positions).toEqual(Array.from({ length: 200 }, (_, k) => k + 1));
  });
});
