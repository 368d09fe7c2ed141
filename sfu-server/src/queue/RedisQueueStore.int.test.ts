/**
 * RedisQueueStore against a real Redis (the `int` project's globalSetup): the shared QueueStore contract,
 * plus what only Redis has — scripts reloaded after a flush, many processes' keys apart, closing rules.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServiceUrl } from '../testing/context.ts';
import type { RedisClient } from '../store/redis.ts';
import { RedisQueueStore } from './RedisQueueStore.ts';
import { describeQueueStore, entry } from './queueStoreContract.ts';
import type { LineIds } from './model.ts';
import { asGuestId } from '@sign-relay/shared/testing/ids.ts';

const T0 = 1_800_000_000_000;
let client: RedisClient;
const prefixes: string[] = [];

/** A store over the shared client under a prefix no other test uses. */
function freshStore(prefix = `test:queue:${randomUUID()}`): RedisQueueStore<LineIds> {
  prefixes.push(prefix);
  return new RedisQueueStore({ client, prefix });
}

beforeAll(async () => {
  client = createClient({ url: testServiceUrl('TEST_REDIS_URL') });
  await client.connect();
});

afterAll(async () => {
  for (const prefix of prefixes) {
    for await (const batch of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) if (batch.length) await client.del(batch);
  }
  await client.close();
});

describeQueueStore('redis store', async () => freshStore());

describe('redis store: Redis specifics', () => {
  it('reloads its script when Redis has lost it (restart, SCRIPT FLUSH)', async () => {
    const q = freshStore();
    await q.enqueue(entry('a'), T0);
    await client.scriptFlush();
    expect(await q.enqueue(entry('b'), T0 + 1)).toEqual([{ type: 'queue-changed' }]);
    expect((await q.places()).map((p) => p.entry.id)).toEqual(['a', 'b']);
  });

  it('keeps queues under different prefixes apart, and shares one prefix between instances', async () => {
    const prefix = `test:queue:${randomUUID()}`;
    const a = freshStore(prefix);
    const b = freshStore(prefix);
    const other = freshStore();
    await a.enqueue(entry('x'), T0);
    expect((await b.place('x'))?.position).toBe(1);
    expect(await other.place('x')).toBeUndefined();
  });

  it('round-trips entries exactly: nulls, kiosk ids, unicode, large times, the camera check', async () => {
    const q = freshStore();
    const e = entry('電話-1', { channel: 'kiosk', kioskId: 'kiosk/松山', topic: 'petition', guestId: asGuestId('g "quoted" \\ 👋'), camera: 'missing' });
    await q.enqueue(e, T0 + 123);
    const [place] = await q.places();
    expect(place?.entry).toEqual({
      ...e,
      kioskVerified: false,
      enqueuedAt: T0 + 123,
      score: 1e13 + T0 + 123,
      state: 'waiting',
      interpreterId: null,
      offerExpiresAt: null,
      disconnectedUntil: null,
      requeued: false,
      offerCount: 0,
    });
    await q.setPresence('i1', 'available', {}, T0);
    expect(await q.interpreter('i1')).toEqual({
      id: 'i1', gender: null, state: 'available', since: T0, idleSince: T0, missedOffers: 0, breakReason: null, entryId: null, transferFrom: null, wrapUpUntil: null,
    });
  });

  it('refuses with the same code and message as the rules', async () => {
    const q = freshStore();
    await expect(q.setConnection('nobody', null, T0)).rejects.toMatchObject({ name: 'AppError', code: 'NOT_FOUND', message: 'You are not in the queue.' });
    await expect(q.respond('i9', 'a', 'accept', T0)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'That interpreter is not signed in.' });
    await expect(q.endCall('i9', 0, T0)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('at bench scale (10,000 callers, 500 interpreters) matches the line in order, skipping callers it cannot serve yet', async () => {
    const q = freshStore();
    // Every 5th caller wants a female interpreter (none is on the desk); the first three have dropped.
    const wantsFemale = (k: number) => k % 5 === 0;
    const id = (k: number) => `c${String(k).padStart(5, '0')}`;
    for (let k = 0; k < 10_000; k += 1_000) {
      await Promise.all(Array.from({ length: 1_000 }, (_, j) => q.enqueue(entry(id(k + j), { preferredGender: wantsFemale(k + j) ? 'female' : null }), T0 + k + j)));
    }
    await Promise.all([1, 2, 3].map((k) => q.setConnection(id(k), T0 + 60_000, T0 + 10_000)));
    await Promise.all(Array.from({ length: 500 }, (_, k) => q.setPresence(`i${String(k).padStart(3, '0')}`, 'available', { gender: k % 2 ? 'male' : null }, T0 + 10_000 + k)));

    const offers: string[] = [];
    for (let k = 0; k < 500; k++) {
      const ev = await q.matchOne(T0 + 20_000);
      const offered = ev.find((e) => e.type === 'offered');
      expect(offered?.type === 'offered' && offered.interpreterId).toBe(`i${String(k).padStart(3, '0')}`);
      if (offered?.type === 'offered') offers.push(offered.entry.id);
    }
    const expected = Array.from({ length: 10_000 }, (_, k) => k).filter((k) => !wantsFemale(k) && k > 3).slice(0, 500).map(id);
    expect(offers).toEqual(expected);
    expect(await q.matchOne(T0 + 20_001)).toEqual([]);

    const places = await q.places();
    expect(places).toHaveLength(10_000);
    // Positions run 1…10,000 over the whole line; callers being rung keep their numbers.
    expect(places.map((p) => p.position)).toEqual(Array.from({ length: 10_000 }, (_, k) => k + 1));
    expect((await q.place(id(9_999)))?.position).toBe(10_000);
  });

  it('close() leaves a shared client open and closes one it owns, once', async () => {
    await freshStore().close();
    expect(client.isOpen).toBe(true);
    const own = createClient({ url: testServiceUrl('TEST_REDIS_URL') });
    await own.connect();
    const q = new RedisQueueStore({ client: own, prefix: `test:queue:${randomUUID()}`, ownsClient: true });
    await q.close();
    await q.close();
    expect(own.isOpen).toBe(false);
  });
});
