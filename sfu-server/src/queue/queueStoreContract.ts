/**
 * The behaviour every QueueStore<LineIds> must have, as a test suite run against each implementation.
 * Every transition of the queue and of the interpreter states is exercised here.
 */
import { QUEUE_RULES } from '@sign-relay/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LineIds, NewEntry, QueueEvent, QueueStore } from './model.ts';
import { asGuestId } from '@sign-relay/shared/testing/ids.ts';

const T0 = 1_800_000_000_000;
const OFFER = QUEUE_RULES.offerTimeoutMs;

export function entry(id: string, over: Partial<NewEntry<LineIds>> = {}): NewEntry<LineIds> {
  return { id, guestId: asGuestId(`g-${id}`), channel: 'web', kioskId: null, topic: null, preferredGender: null, ...over };
}

const types = (events: QueueEvent<LineIds>[]) => events.map((e) => e.type);
const offered = (events: QueueEvent<LineIds>[]) => events.flatMap((e) => (e.type === 'offered' ? [{ entryId: e.entry.id, interpreterId: e.interpreterId }] : []));

export function describeQueueStore(name: string, make: () => Promise<QueueStore<LineIds>>): void {
  describe(`${name}: queue and interpreter states`, () => {
    let q: QueueStore<LineIds>;
    beforeEach(async () => {
      q = await make();
    });
    afterEach(async () => {
      await q.close();
    });

    const positions = async () => (await q.places()).map((p) => [p.entry.id, p.position]);
    const state = async (id: string) => (await q.interpreter(id))?.state;

    it('queues callers in arrival order with consecutive positions; enqueue is idempotent', async () => {
      await q.enqueue(entry('a'), T0);
      await q.enqueue(entry('b'), T0 + 1);
      await q.enqueue(entry('c'), T0 + 2);
      expect(await q.enqueue(entry('a'), T0 + 3)).toEqual([]);
      expect(await positions()).toEqual([['a', 1], ['b', 2], ['c', 3]]);
      expect((await q.place('b'))?.position).toBe(2);
      expect(await q.place('zz')).toBeUndefined();
    });

    it('holds one entry per guest: a second join, from any connection, returns the one they have, until it is gone (review #4)', async () => {
      const guestId = asGuestId('g-same');
      await q.enqueue(entry('a', { guestId }), T0);
      await q.enqueue(entry('b'), T0 + 1);
      const again = await q.enqueue(entry('a2', { guestId }), T0 + 2);
      expect(again).toEqual([{ type: 'already-in-line', entry: expect.objectContaining({ id: 'a', guestId, state: 'waiting' }) }]);
      expect(await positions()).toEqual([['a', 1], ['b', 2]]);
      // Rung and answered, it is still theirs: no second entry while the call is on.
      await q.setPresence('i1', 'available', {}, T0 + 3);
      await q.matchOne(T0 + 4);
      await q.respond('i1', 'a', 'accept', T0 + 5);
      expect(await q.enqueue(entry('a3', { guestId }), T0 + 6)).toEqual([{ type: 'already-in-line', entry: expect.objectContaining({ id: 'a', state: 'in-call' }) }]);
      // Once the call is over the guest may join again.
      await q.endCall('i1', 0, T0 + 7);
      expect(await q.enqueue(entry('a4', { guestId }), T0 + 8)).toEqual([{ type: 'queue-changed' }]);
      expect(await positions()).toEqual([['b', 1], ['a4', 2]]);
      expect((await q.entryOfGuest(guestId))?.id).toBe('a4');
      expect(await q.entryOfGuest(asGuestId('g-nobody'))).toBeUndefined();
      await q.remove('a4', 'left', T0 + 9);
      expect(await q.entryOfGuest(guestId)).toBeUndefined();
      expect(await q.enqueue(entry('a5', { guestId }), T0 + 10)).toEqual([{ type: 'queue-changed' }]);
    });

    it("keeps the caller's camera check with the entry (null when not known) and hands it on with the offer", async () => {
      await q.enqueue(entry('a', { camera: 'blocked' }), T0);
      await q.enqueue(entry('b'), T0 + 1);
      expect((await q.place('a'))?.entry.camera).toBe('blocked');
      expect((await q.place('b'))?.entry.camera).toBeNull();
      await q.setPresence('i1', 'available', {}, T0 + 2);
      const ev = await q.matchOne(T0 + 3);
      const offer = ev.find((e) => e.type === 'offered');
      expect(offer?.type === 'offered' ? offer.entry.camera : undefined).toBe('blocked');
    });

    it('offers nobody when no interpreter is available, then the longest-idle interpreter', async () => {
      await q.enqueue(entry('a'), T0);
      expect(await q.matchOne(T0)).toEqual([]);
      await q.setPresence('i2', 'available', {}, T0 + 20);
      await q.setPresence('i1', 'available', {}, T0 + 10);
      const ev = await q.matchOne(T0 + 30);
      expect(offered(ev)).toEqual([{ entryId: 'a', interpreterId: 'i1' }]);
      expect(await state('i1')).toBe('offered');
      expect(await positions()).toEqual([['a', 1]]);
      expect(await q.matchOne(T0 + 31)).toEqual([]);
    });

    it('accept puts the interpreter in the call and takes the caller out of the line', async () => {
      await q.enqueue(entry('a'), T0);
      await q.enqueue(entry('b'), T0 + 1);
      await q.setPresence('i1', 'available', {}, T0);
      await q.matchOne(T0 + 2);
      const ev = await q.respond('i1', 'a', 'accept', T0 + 3);
      expect(types(ev)).toContain('answered');
      expect(await state('i1')).toBe('in-call');
      expect(await positions()).toEqual([['b', 1]]);
      await expect(q.respond('i1', 'a', 'accept', T0 + 4)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('decline keeps the caller in place and rings the next longest-idle interpreter', async () => {
      await q.enqueue(entry('a'), T0);
      await q.enqueue(entry('b'), T0 + 1);
      await q.setPresence('i1', 'available', {}, T0);
      await q.setPresence('i2', 'available', {}, T0 + 5);
      await q.matchOne(T0 + 10);
      await q.respond('i1', 'a', 'decline', T0 + 11);
      expect(await positions()).toEqual([['a', 1], ['b', 2]]);
      const i1 = await q.interpreter('i1');
      expect(i1).toMatchObject({ state: 'available', idleSince: T0 + 11, missedOffers: 0 });
      expect(offered(await q.matchOne(T0 + 12))).toEqual([{ entryId: 'a', interpreterId: 'i2' }]);
      expect(offered(await q.matchOne(T0 + 13))).toEqual([{ entryId: 'b', interpreterId: 'i1' }]);
    });

    it('an offer rings 20 s; two missed in a row put the interpreter on break with the reason', async () => {
      await q.enqueue(entry('a'), T0);
      await q.setPresence('i1', 'available', {}, T0);
      await q.matchOne(T0);
      expect(await q.tick(T0 + OFFER - 1)).toEqual([]);
      const ev = await q.tick(T0 + OFFER);
      expect(ev.find((e) => e.type === 'offer-ended')).toMatchObject({ why: 'timeout' });
      expect(await q.interpreter('i1')).toMatchObject({ state: 'available', missedOffers: 1 });
      await q.matchOne(T0 + OFFER + 1);
      await q.tick(T0 + 2 * OFFER + 1);
      expect(await q.interpreter('i1')).toMatchObject({ state: 'break', breakReason: 'missed-offers', missedOffers: 2 });
      expect(await positions()).toEqual([['a', 1]]);
      await q.setPresence('i1', 'available', {}, T0 + 3 * OFFER);
      expect(await q.interpreter('i1')).toMatchObject({ state: 'available', missedOffers: 0, breakReason: null });
    });

    it('answering an offer resets the missed-offer streak', async () => {
      await q.enqueue(entry('a'), T0);
      await q.setPresence('i1', 'available', {}, T0);
      await q.matchOne(T0);
      await q.tick(T0 + OFFER);
      await q.matchOne(T0 + OFFER);
      await q.respond('i1', 'a', 'accept', T0 + OFFER + 1);
      expect(await q.interpreter('i1')).toMatchObject({ missedOffers: 0, state: 'in-call' });
    });

    it('honours a gender preference for up to 60 s, serving others meanwhile', async () => {
      await q.enqueue(entry('a', { preferredGender: 'female' }), T0);
      await q.enqueue(entry('b'), T0 + 1);
      await q.setPresence('m1', 'available', { gender: 'male' }, T0);
      expect(offered(await q.matchOne(T0 + 2))).toEqual([{ entryId: 'b', interpreterId: 'm1' }]);
      await q.respond('m1', 'b', 'accept', T0 + 3);
      await q.endCall('m1', 0, T0 + 4);
      await q.tick(T0 + 5);
      expect(await q.matchOne(T0 + QUEUE_RULES.genderPreferenceMaxWaitMs - 1)).toEqual([]);
      expect(offered(await q.matchOne(T0 + QUEUE_RULES.genderPreferenceMaxWaitMs))).toEqual([{ entryId: 'a', interpreterId: 'm1' }]);
    });

    it('prefers a matching interpreter even when another has been idle longer', async () => {
      await q.enqueue(entry('a', { preferredGender: 'female' }), T0);
      await q.setPresence('m1', 'available', { gender: 'male' }, T0);
      await q.setPresence('f1', 'available', { gender: 'female' }, T0 + 5);
      expect(offered(await q.matchOne(T0 + 6))).toEqual([{ entryId: 'a', interpreterId: 'f1' }]);
    });

    it('a caller who leaves is removed; leaving while rung frees the interpreter with their idle time kept', async () => {
      await q.enqueue(entry('a'), T0);
      await q.enqueue(entry('b'), T0 + 1);
      await q.setPresence('i1', 'available', {}, T0);
      await q.matchOne(T0 + 2);
      const ev = await q.remove('a', 'left', T0 + 3);
      expect(types(ev)).toEqual(expect.arrayContaining(['offer-ended', 'abandoned']));
      expect(await q.interpreter('i1')).toMatchObject({ state: 'available', idleSince: T0 });
      expect(await positions()).toEqual([['b', 1]]);
      expect(await q.remove('a', 'left', T0 + 4)).toEqual([]);
    });

    it('a dropped caller keeps their place, is not rung, and is given up after the grace period', async () => {
      await q.enqueue(entry('a'), T0);
      await q.enqueue(entry('b'), T0 + 1);
      await q.setConnection('a', T0 + 30_000, T0 + 2);
      await q.setPresence('i1', 'available', {}, T0);
      expect(offered(await q.matchOne(T0 + 3))).toEqual([{ entryId: 'b', interpreterId: 'i1' }]);
      expect(await positions()).toEqual([['a', 1], ['b', 2]]);
      await q.setConnection('a', null, T0 + 4);
      await q.respond('i1', 'b', 'decline', T0 + 5);
      expect(offered(await q.matchOne(T0 + 6))).toEqual([{ entryId: 'a', interpreterId: 'i1' }]);
      await q.setConnection('b', T0 + 10, T0 + 7);
      const ev = await q.tick(T0 + 10);
      expect(ev.find((e) => e.type === 'abandoned')).toMatchObject({ why: 'lost', entry: { id: 'b' } });
    });

    it('a caller dropping while rung withdraws the offer', async () => {
      await q.enqueue(entry('a'), T0);
      await q.setPresence('i1', 'available', {}, T0);
      await q.matchOne(T0);
      const ev = await q.setConnection('a', T0 + 30_000, T0 + 1);
      expect(ev.find((e) => e.type === 'offer-ended')).toMatchObject({ why: 'withdrawn' });
      expect(await q.interpreter('i1')).toMatchObject({ state: 'available', missedOffers: 0 });
    });

    it('a call ends into wrap-up, which ends by its timer or early', async () => {
      await q.enqueue(entry('a'), T0);
      await q.enqueue(entry('b'), T0);
      await q.setPresence('i1', 'available', {}, T0);
      await q.matchOne(T0);
      await q.respond('i1', 'a', 'accept', T0);
      const ev = await q.endCall('i1', 60_000, T0 + 100);
      expect(types(ev)).toContain('call-ended');
      expect(await q.interpreter('i1')).toMatchObject({ state: 'wrap-up', wrapUpUntil: T0 + 60_100 });
      expect(await q.matchOne(T0 + 200)).toEqual([]);
      await q.tick(T0 + 60_100);
      expect(await q.interpreter('i1')).toMatchObject({ state: 'available', since: T0 + 60_100 });
      await q.matchOne(T0 + 60_101);
      await q.respond('i1', 'b', 'accept', T0 + 60_102);
      await q.endCall('i1', 60_000, T0 + 70_000);
      await q.setPresence('i1', 'available', {}, T0 + 70_001);
      expect(await q.interpreter('i1')).toMatchObject({ state: 'available' });
      await expect(q.endCall('i1', 1, T0 + 70_002)).rejects.toMatchObject({ code: 'NOT_IN_CALL' });
    });

    it("an interpreter dropping mid-call sends the caller back to the head of the line", async () => {
      await q.enqueue(entry('a'), T0);
      await q.enqueue(entry('b'), T0 + 1);
      await q.enqueue(entry('c'), T0 + 2);
      await q.setPresence('i1', 'available', {}, T0);
      await q.matchOne(T0 + 3);
      await q.respond('i1', 'a', 'accept', T0 + 4);
      const ev = await q.requeueCaller('i1', T0 + 1000);
      expect(ev.find((e) => e.type === 'requeued')).toMatchObject({ entry: { id: 'a', requeued: true, enqueuedAt: T0 } });
      expect(await positions()).toEqual([['a', 1], ['b', 2], ['c', 3]]);
      expect(await state('i1')).toBe('offline');
    });

    it('transfers a call to an available colleague; a declined transfer leaves the call as it was', async () => {
      await q.enqueue(entry('a'), T0);
      await q.setPresence('i1', 'available', {}, T0);
      await q.matchOne(T0);
      await q.respond('i1', 'a', 'accept', T0);
      await expect(q.offerTransfer('i1', 'i2', T0 + 1)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      await q.setPresence('i2', 'available', {}, T0 + 1);
      const ev = await q.offerTransfer('i1', 'i2', T0 + 2);
      expect(ev.find((e) => e.type === 'offered')).toMatchObject({ interpreterId: 'i2', transferFrom: 'i1', entry: { id: 'a' } });
      await expect(q.offerTransfer('i1', 'i2', T0 + 3)).rejects.toBeTruthy();
      await q.respond('i2', 'a', 'decline', T0 + 4);
      expect(await state('i1')).toBe('in-call');
      expect(await state('i2')).toBe('available');
      await q.offerTransfer('i1', 'i2', T0 + 5);
      const acc = await q.respond('i2', 'a', 'accept', T0 + 6, 7_000);
      expect(acc.find((e) => e.type === 'answered')).toMatchObject({ interpreterId: 'i2', transferFrom: 'i1' });
      // The transferring interpreter wraps up for the service's configured time.
      expect(await q.interpreter('i1')).toMatchObject({ state: 'wrap-up', wrapUpUntil: T0 + 6 + 7_000 });
      expect(await q.interpreter('i2')).toMatchObject({ state: 'in-call', entryId: 'a' });
      expect(await q.places()).toEqual([]);
    });

    it('a transfer rings out after 20 s, and is withdrawn if the call ends first', async () => {
      await q.enqueue(entry('a'), T0);
      await q.setPresence('i1', 'available', {}, T0);
      await q.setPresence('i2', 'available', {}, T0 + 1);
      await q.matchOne(T0 + 2);
      await q.respond('i1', 'a', 'accept', T0 + 2);
      await q.offerTransfer('i1', 'i2', T0 + 10);
      await q.tick(T0 + 10 + OFFER);
      expect(await q.interpreter('i2')).toMatchObject({ state: 'available', missedOffers: 1 });
      expect(await state('i1')).toBe('in-call');
      await q.offerTransfer('i1', 'i2', T0 + 10 + OFFER + 1);
      await q.endCall('i1', 1000, T0 + 10 + OFFER + 2);
      expect(await q.interpreter('i2')).toMatchObject({ state: 'available', missedOffers: 1 });
    });

    it('refuses presence changes that would drop a call, and going offline withdraws a ringing offer', async () => {
      await q.enqueue(entry('a'), T0);
      await q.setPresence('i1', 'available', {}, T0);
      await q.matchOne(T0);
      await expect(q.setPresence('i1', 'break', { gender: 'female' }, T0 + 1)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      expect(await q.interpreter('i1')).toMatchObject({ state: 'offered', gender: null });
      await expect(q.setPresence('i1', 'available', {}, T0 + 1)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      const ev = await q.setPresence('i1', 'offline', {}, T0 + 2);
      expect(ev.find((e) => e.type === 'offer-ended')).toMatchObject({ why: 'withdrawn' });
      expect(await positions()).toEqual([['a', 1]]);
      await q.setPresence('i1', 'available', {}, T0 + 3);
      await q.matchOne(T0 + 3);
      await q.respond('i1', 'a', 'accept', T0 + 4);
      await expect(q.setPresence('i1', 'offline', {}, T0 + 5)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(q.remove('a', 'left', T0 + 6)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });

    it('break carries a reason and can be entered from available, wrap-up and offline', async () => {
      await q.setPresence('i1', 'break', { reason: 'meal' }, T0);
      expect(await q.interpreter('i1')).toMatchObject({ state: 'break', breakReason: 'meal' });
      await q.setPresence('i1', 'available', { gender: 'female' }, T0 + 1);
      expect(await q.interpreter('i1')).toMatchObject({ state: 'available', gender: 'female', breakReason: null });
      await q.setPresence('i1', 'break', {}, T0 + 2);
      expect(await q.interpreter('i1')).toMatchObject({ breakReason: 'rest' });
      await q.setPresence('i1', 'offline', {}, T0 + 3);
      expect(await state('i1')).toBe('offline');
    });

    it('snapshot lists every entry and interpreter', async () => {
      await q.enqueue(entry('a'), T0);
      await q.setPresence('i1', 'break', {}, T0);
      const snap = await q.snapshot();
      expect(snap.entries.map((e) => e.id)).toEqual(['a']);
      expect(snap.interpreters.map((i) => i.id)).toEqual(['i1']);
    });
  });
}
