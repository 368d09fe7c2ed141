/**
 * A randomised driver for QueueStores: thousands of arrivals, leaves, disconnects, reconnects, declines,
 * timeouts and hang-ups, with the queue's invariants checked after every step. With several store
 * instances over one backing store (Redis), each step runs one operation on each instance at once, so the
 * instances race.
 */
import { AppError } from '../errors.ts';
import type { LineIds, QueueEvent, QueueStore } from './model.ts';
import { entry } from './queueStoreContract.ts';

/** A small seeded PRNG (mulberry32), so a failing run can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzResult {
  steps: number;
  operations: number;
  refused: number;
  answered: number;
  abandoned: number;
}

/** Codes a store may legitimately refuse a random step with. */
const REFUSALS = new Set(['NOT_FOUND', 'BAD_REQUEST', 'NOT_IN_CALL', 'UNAVAILABLE']);

export async function runQueueFuzz(stores: QueueStore<LineIds>[], opts: { steps: number; seed: number; interpreters?: number }): Promise<FuzzResult> {
  const rand = rng(opts.seed);
  const pick = <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[Math.floor(rand() * xs.length)] : undefined);
  const interpreterIds = Array.from({ length: opts.interpreters ?? 5 }, (_, i) => `i${i}`);
  let now = 1_800_000_000_000;
  let nextId = 0;
  /** Entries that were accepted into the queue and have not left it through an event. */
  const live = new Set<string>();
  const result: FuzzResult = { steps: 0, operations: 0, refused: 0, answered: 0, abandoned: 0 };

  const account = (events: QueueEvent<LineIds>[]) => {
    for (const e of events) {
      if (e.type === 'abandoned') {
        if (!live.delete(e.entry.id)) throw new Error(`entry ${e.entry.id} abandoned twice or never queued`);
        result.abandoned++;
      } else if (e.type === 'call-ended') {
        if (!live.delete(e.entry.id)) throw new Error(`entry ${e.entry.id} ended twice or never queued`);
      } else if (e.type === 'answered') result.answered++;
    }
  };

  const randomOp = async (q: QueueStore<LineIds>): Promise<QueueEvent<LineIds>[]> => {
    const snap = await q.snapshot();
    const entries = snap.entries;
    const byState = (s: string) => snap.interpreters.filter((i) => i.state === s);
    const r = rand();
    if (r < 0.18) {
      const id = `e${nextId++}`;
      live.add(id);
      const gender = rand() < 0.2 ? (rand() < 0.5 ? 'female' : 'male') : null;
      return q.enqueue(entry(id, { preferredGender: gender, channel: rand() < 0.3 ? 'kiosk' : 'web', kioskId: null }), now);
    }
    if (r < 0.22) return q.remove(pick(entries)?.id ?? 'none', 'left', now);
    if (r < 0.27) {
      const e = pick(entries);
      return q.setConnection(e?.id ?? 'none', rand() < 0.5 ? now + 30_000 : null, now);
    }
    if (r < 0.40) {
      const target = pick(['available', 'available', 'available', 'break', 'offline'] as const)!;
      const gender = pick(['female', 'male', null] as const) ?? null;
      return q.setPresence(pick(interpreterIds)!, target, { gender }, now);
    }
    if (r < 0.55) return q.matchOne(now);
    if (r < 0.70) {
      const i = pick(byState('offered'));
      const answer = pick(['accept', 'accept', 'decline', 'timeout'] as const)!;
      return q.respond(i?.id ?? pick(interpreterIds)!, i?.entryId ?? pick(entries)?.id ?? 'none', answer, now);
    }
    if (r < 0.80) return q.endCall(pick(byState('in-call'))?.id ?? pick(interpreterIds)!, rand() < 0.5 ? 0 : 60_000, now);
    if (r < 0.84) return q.requeueCaller(pick(byState('in-call'))?.id ?? pick(interpreterIds)!, now);
    if (r < 0.88) return q.offerTransfer(pick(byState('in-call'))?.id ?? pick(interpreterIds)!, pick(interpreterIds)!, now);
    now += Math.floor(rand() * 25_000);
    return q.tick(now);
  };

  for (let step = 0; step < opts.steps; step++) {
    result.steps++;
    now += Math.floor(rand() * 500);
    const outcomes = await Promise.allSettled(stores.map((q) => randomOp(q)));
    for (const o of outcomes) {
      result.operations++;
      if (o.status === 'fulfilled') account(o.value);
      else if (o.reason instanceof AppError && REFUSALS.has(o.reason.code)) result.refused++;
      else throw o.reason;
    }
    await checkInvariants(stores[0]!, live, step);
  }
  return result;
}

/** No caller lost, none assigned twice, positions consecutive. */
export async function checkInvariants(q: QueueStore<LineIds>, live: ReadonlySet<string>, step: number): Promise<void> {
  const fail = (msg: string) => {
    throw new Error(`step ${step}: ${msg}`);
  };
  const snap = await q.snapshot();
  const ids = snap.entries.map((e) => e.id);
  if (new Set(ids).size !== ids.length) fail('an entry appears twice');
  const present = new Set(ids);
  for (const id of live) if (!present.has(id)) fail(`caller ${id} was lost`);
  for (const id of present) if (!live.has(id)) fail(`entry ${id} is present but was reported gone`);

  const holders = new Map<string, string[]>();
  for (const i of snap.interpreters) {
    if ((i.state === 'offered' || i.state === 'in-call') !== (i.entryId !== null)) fail(`interpreter ${i.id} in ${i.state} with entry ${i.entryId}`);
    if (i.entryId) holders.set(i.entryId, [...(holders.get(i.entryId) ?? []), i.id]);
  }
  const interp = new Map(snap.interpreters.map((i) => [i.id, i]));
  for (const e of snap.entries) {
    const hs = holders.get(e.id) ?? [];
    if (e.state === 'waiting' && hs.length > 0) fail(`waiting entry ${e.id} held by ${hs.join(',')}`);
    if (e.state === 'offered') {
      if (hs.length !== 1 || hs[0] !== e.interpreterId || interp.get(hs[0]!)?.state !== 'offered') fail(`offered entry ${e.id} held by ${hs.join(',')}`);
    }
    if (e.state === 'in-call') {
      const inCall = hs.filter((h) => interp.get(h)?.state === 'in-call');
      const transfers = hs.filter((h) => interp.get(h)?.state === 'offered');
      if (inCall.length !== 1 || inCall[0] !== e.interpreterId) fail(`in-call entry ${e.id} held by ${hs.join(',')}`);
      if (transfers.length > 1 || transfers.some((t) => interp.get(t)?.transferFrom !== e.interpreterId)) fail(`entry ${e.id} has a bad transfer`);
    }
  }
  for (const [entryId] of holders) if (!present.has(entryId)) fail(`an interpreter holds missing entry ${entryId}`);

  const places = await q.places();
  const waiting = places.map((p) => p.position);
  waiting.forEach((p, idx) => {
    if (p !== idx + 1) fail(`positions not consecutive: ${waiting.join(',')}`);
  });
  if (places.length !== snap.entries.filter((e) => e.state !== 'in-call').length) fail('places do not cover the line');
}
