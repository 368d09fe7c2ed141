/**
 * The queue's rules as plain functions over an in-memory state. The memory store applies them directly;
 * the Redis store implements the same steps in Lua and is tested against these for equality.
 */
import { QUEUE_RULES, type BreakReason, type Gender } from '@sign-relay/shared';
import { AppError } from '../errors.ts';
import { NORMAL_SCORE_OFFSET, type Interpreter, type LineIds, type NewEntry, type Place, type PresenceTarget, type QueueEntry, type QueueEvent } from './model.ts';

export interface QueueState<L extends LineIds> {
  entries: Map<L['entry'], QueueEntry<L>>;
  interpreters: Map<L['interpreter'], Interpreter<L>>;
}

export function emptyState<L extends LineIds>(): QueueState<L> {
  return { entries: new Map(), interpreters: new Map() };
}

const clone = <T>(x: T): T => structuredClone(x);

function entryOrThrow<L extends LineIds>(s: QueueState<L>, id: L['entry']): QueueEntry<L> {
  const e = s.entries.get(id);
  if (!e) throw new AppError('NOT_FOUND', 'You are not in the queue.');
  return e;
}

function interpreterOrThrow<L extends LineIds>(s: QueueState<L>, id: L['interpreter']): Interpreter<L> {
  const i = s.interpreters.get(id);
  if (!i) throw new AppError('NOT_FOUND', 'That interpreter is not signed in.');
  return i;
}

function setState<L extends LineIds>(i: Interpreter<L>, state: Interpreter<L>['state'], now: number): void {
  i.state = state;
  i.since = now;
  if (state === 'available') i.idleSince = now;
  if (state !== 'break') i.breakReason = null;
  if (state !== 'wrap-up') i.wrapUpUntil = null;
  if (state !== 'offered' && state !== 'in-call') {
    i.entryId = null;
    i.transferFrom = null;
  }
}

/** Callers in line order (waiting and offered, which keep their place until answered). */
export function lineOrder<L extends LineIds>(s: QueueState<L>): QueueEntry<L>[] {
  return [...s.entries.values()].filter((e) => e.state !== 'in-call').sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : 1));
}

/** Positions 1, 2, 3… in line order; a caller being rung keeps their number until answered. */
export function places<L extends LineIds>(s: QueueState<L>): Place<L>[] {
  return lineOrder(s).map((entry, index) => ({ entry: clone(entry), position: index + 1 }));
}

/**
 * Adds a caller at the back of the line. A guest has at most one entry in a line: a guest who already has one
 * (waiting, rung or in a call, whatever connection they joined from) is not added again, and is told which.
 */
export function enqueue<L extends LineIds>(s: QueueState<L>, e: NewEntry<L>, now: number): QueueEvent<L>[] {
  if (s.entries.has(e.id)) return [];
  for (const other of s.entries.values()) {
    if (other.guestId === e.guestId) return [{ type: 'already-in-line', entry: clone(other) }];
  }
  // An explicit literal (not a spread): entries built by spreading ended up in V8's slow property mode,
  // making every routing scan ~40× slower at 10,000 callers.
  s.entries.set(e.id, {
    id: e.id,
    guestId: e.guestId,
    channel: e.channel,
    kioskId: e.kioskId,
    kioskVerified: e.kioskVerified ?? false,
    topic: e.topic,
    preferredGender: e.preferredGender,
    camera: e.camera ?? null,
    enqueuedAt: now,
    score: NORMAL_SCORE_OFFSET + now,
    state: 'waiting',
    interpreterId: null,
    offerExpiresAt: null,
    disconnectedUntil: null,
    requeued: false,
    offerCount: 0,
  });
  return [{ type: 'queue-changed' }];
}

/** Ends a ringing offer; the caller keeps their place, the interpreter is freed per `why`. */
function endOffer<L extends LineIds>(s: QueueState<L>, entry: QueueEntry<L>, i: Interpreter<L>, why: 'declined' | 'timeout' | 'withdrawn', now: number): QueueEvent<L>[] {
  const transfer = entry.state === 'in-call';
  if (!transfer) {
    entry.state = 'waiting';
    entry.interpreterId = null;
    entry.offerExpiresAt = null;
  }
  if (why === 'timeout') {
    i.missedOffers += 1;
    if (i.missedOffers >= QUEUE_RULES.missedOffersForBreak) {
      setState(i, 'break', now);
      i.breakReason = 'missed-offers';
    } else setState(i, 'available', now);
  } else if (why === 'declined') {
    i.missedOffers = 0;
    setState(i, 'available', now);
  } else {
    // Withdrawn (the caller left or dropped): not the interpreter's doing, so their idle time stands.
    const idleSince = i.idleSince;
    setState(i, 'available', now);
    i.idleSince = idleSince;
  }
  return [
    { type: 'offer-ended', entry: clone(entry), interpreterId: i.id, why },
    { type: 'interpreter', interpreter: clone(i) },
    { type: 'queue-changed' },
  ];
}

export function remove<L extends LineIds>(s: QueueState<L>, entryId: L['entry'], why: 'left' | 'lost', now: number): QueueEvent<L>[] {
  const entry = s.entries.get(entryId);
  if (!entry) return [];
  const events: QueueEvent<L>[] = [];
  if (entry.state === 'offered' && entry.interpreterId) {
    const i = s.interpreters.get(entry.interpreterId);
    if (i) events.push(...endOffer(s, entry, i, 'withdrawn', now));
  }
  if (entry.state === 'in-call') throw new AppError('BAD_REQUEST', 'The call is in progress; hang up instead.');
  s.entries.delete(entryId);
  events.push({ type: 'abandoned', entry: clone(entry), why }, { type: 'queue-changed' });
  return events;
}

export function setConnection<L extends LineIds>(s: QueueState<L>, entryId: L['entry'], until: number | null, now: number): QueueEvent<L>[] {
  const entry = entryOrThrow(s, entryId);
  if (entry.state === 'in-call') return [];
  entry.disconnectedUntil = until;
  const events: QueueEvent<L>[] = [];
  if (until !== null && entry.state === 'offered' && entry.interpreterId) {
    const i = s.interpreters.get(entry.interpreterId);
    if (i) events.push(...endOffer(s, entry, i, 'withdrawn', now));
  }
  events.push({ type: 'queue-changed' });
  return events;
}

export function setPresence<L extends LineIds>(
  s: QueueState<L>,
  id: L['interpreter'],
  to: PresenceTarget,
  opts: { gender?: Gender | null; reason?: BreakReason | null },
  now: number,
): QueueEvent<L>[] {
  let i = s.interpreters.get(id);
  // Refusals first: a refused step changes nothing, not even the gender.
  const current = i?.state ?? 'offline';
  const busy = current === 'offered' || current === 'in-call';
  if ((to !== 'offline' && busy) || (to === 'offline' && current === 'in-call')) throw new AppError('BAD_REQUEST', 'Finish the current call first.');
  if (!i) {
    i = { id, gender: opts.gender ?? null, state: 'offline', since: now, idleSince: now, missedOffers: 0, breakReason: null, entryId: null, transferFrom: null, wrapUpUntil: null };
    s.interpreters.set(id, i);
  } else if (opts.gender !== undefined) i.gender = opts.gender;
  const from = i.state;
  const events: QueueEvent<L>[] = [];
  switch (to) {
    case 'available':
      if (from === 'available') return [{ type: 'interpreter', interpreter: clone(i) }];
      setState(i, 'available', now);
      i.missedOffers = 0;
      break;
    case 'break':
      setState(i, 'break', now);
      i.breakReason = opts.reason ?? 'rest';
      break;
    case 'offline':
      if (from === 'offered' && i.entryId) {
        const entry = s.entries.get(i.entryId);
        if (entry) events.push(...endOffer(s, entry, i, 'withdrawn', now));
      }
      setState(i, 'offline', now);
      break;
  }
  events.push({ type: 'interpreter', interpreter: clone(i) });
  return events;
}

/**
 * Rings the longest-idle available interpreter for the first caller in line whom someone can take: a caller
 * whose gender preference is still in force (under 60 s) waits for a matching interpreter, and callers
 * behind them are served meanwhile. One pass over the line, no sort: this runs on every routing decision.
 */
export function matchOne<L extends LineIds>(s: QueueState<L>, now: number): QueueEvent<L>[] {
  const available = [...s.interpreters.values()].filter((i) => i.state === 'available').sort((a, b) => a.idleSince - b.idleSince || (a.id < b.id ? -1 : 1));
  if (available.length === 0) return [];
  const longestIdle: Record<Gender | 'any', Interpreter<L> | undefined> = {
    any: available[0],
    female: available.find((i) => i.gender === 'female'),
    male: available.find((i) => i.gender === 'male'),
  };
  let entry: QueueEntry<L> | undefined;
  let i: Interpreter<L> | undefined;
  for (const e of s.entries.values()) {
    if (e.state !== 'waiting' || e.disconnectedUntil !== null) continue;
    if (entry && (e.score > entry.score || (e.score === entry.score && e.id > entry.id))) continue;
    const preference = e.preferredGender && now - e.enqueuedAt < QUEUE_RULES.genderPreferenceMaxWaitMs ? e.preferredGender : 'any';
    const candidate = longestIdle[preference];
    if (!candidate) continue;
    entry = e;
    i = candidate;
  }
  if (!entry || !i) return [];
  entry.state = 'offered';
  entry.interpreterId = i.id;
  entry.offerExpiresAt = now + QUEUE_RULES.offerTimeoutMs;
  entry.offerCount += 1;
  setState(i, 'offered', now);
  i.entryId = entry.id;
  return [
    { type: 'offered', entry: clone(entry), interpreterId: i.id, transferFrom: null },
    { type: 'interpreter', interpreter: clone(i) },
    { type: 'queue-changed' },
  ];
}

export function respond<L extends LineIds>(s: QueueState<L>, interpreterId: L['interpreter'], entryId: L['entry'], answer: 'accept' | 'decline' | 'timeout', now: number, transferWrapUpMs: number = QUEUE_RULES.wrapUpMs): QueueEvent<L>[] {
  const i = interpreterOrThrow(s, interpreterId);
  const entry = s.entries.get(entryId);
  if (i.state !== 'offered' || i.entryId !== entryId || !entry) throw new AppError('NOT_FOUND', 'That call is no longer offered to you.');
  const transferFrom = i.transferFrom;
  if (answer !== 'accept') return endOffer(s, entry, i, answer === 'decline' ? 'declined' : 'timeout', now);
  const events: QueueEvent<L>[] = [];
  if (transferFrom) {
    const from = s.interpreters.get(transferFrom);
    if (from && from.state === 'in-call' && from.entryId === entryId) {
      setState(from, 'wrap-up', now);
      from.wrapUpUntil = now + transferWrapUpMs;
      events.push({ type: 'interpreter', interpreter: clone(from) });
    }
  }
  entry.state = 'in-call';
  entry.interpreterId = i.id;
  entry.offerExpiresAt = null;
  setState(i, 'in-call', now);
  i.entryId = entry.id;
  i.missedOffers = 0;
  events.push(
    { type: 'answered', entry: clone(entry), interpreterId: i.id, transferFrom },
    { type: 'interpreter', interpreter: clone(i) },
    { type: 'queue-changed' },
  );
  return events;
}

export function endCall<L extends LineIds>(s: QueueState<L>, interpreterId: L['interpreter'], wrapUpMs: number, now: number): QueueEvent<L>[] {
  const i = interpreterOrThrow(s, interpreterId);
  if (i.state !== 'in-call' || !i.entryId) throw new AppError('NOT_IN_CALL', 'You are not in a call.');
  const entry = s.entries.get(i.entryId);
  const events: QueueEvent<L>[] = entry ? withdrawTransfers(s, entry, now) : [];
  s.entries.delete(i.entryId);
  setState(i, 'wrap-up', now);
  i.wrapUpUntil = now + wrapUpMs;
  events.push({ type: 'interpreter', interpreter: clone(i) });
  if (entry) events.unshift({ type: 'call-ended', entry: clone(entry), interpreterId });
  return events;
}

/** A transfer still ringing for a call that ends or loses its interpreter is withdrawn. */
function withdrawTransfers<L extends LineIds>(s: QueueState<L>, entry: QueueEntry<L>, now: number): QueueEvent<L>[] {
  const events: QueueEvent<L>[] = [];
  for (const other of s.interpreters.values()) {
    if (other.state === 'offered' && other.transferFrom !== null && other.entryId === entry.id) {
      events.push(...endOffer(s, entry, other, 'withdrawn', now));
    }
  }
  return events;
}

export function requeueCaller<L extends LineIds>(s: QueueState<L>, interpreterId: L['interpreter'], now: number): QueueEvent<L>[] {
  const i = interpreterOrThrow(s, interpreterId);
  if (i.state !== 'in-call' || !i.entryId) throw new AppError('NOT_IN_CALL', 'You are not in a call.');
  const entry = entryOrThrow(s, i.entryId);
  const events = withdrawTransfers(s, entry, now);
  entry.state = 'waiting';
  entry.interpreterId = null;
  entry.offerExpiresAt = null;
  entry.requeued = true;
  entry.score = now;
  setState(i, 'offline', now);
  events.push({ type: 'requeued', entry: clone(entry) }, { type: 'interpreter', interpreter: clone(i) }, { type: 'queue-changed' });
  return events;
}

export function offerTransfer<L extends LineIds>(s: QueueState<L>, fromId: L['interpreter'], toId: L['interpreter'], now: number): QueueEvent<L>[] {
  const from = interpreterOrThrow(s, fromId);
  if (from.state !== 'in-call' || !from.entryId) throw new AppError('NOT_IN_CALL', 'You are not in a call.');
  const to = s.interpreters.get(toId);
  if (!to || to.state !== 'available' || toId === fromId) throw new AppError('UNAVAILABLE', 'That colleague is not available.');
  const entry = entryOrThrow(s, from.entryId);
  if ([...s.interpreters.values()].some((o) => o.state === 'offered' && o.entryId === entry.id)) {
    throw new AppError('BAD_REQUEST', 'A transfer is already ringing.');
  }
  setState(to, 'offered', now);
  to.entryId = entry.id;
  to.transferFrom = fromId;
  entry.offerCount += 1;
  return [
    { type: 'offered', entry: clone(entry), interpreterId: toId, transferFrom: fromId },
    { type: 'interpreter', interpreter: clone(to) },
  ];
}

export function tick<L extends LineIds>(s: QueueState<L>, now: number): QueueEvent<L>[] {
  const events: QueueEvent<L>[] = [];
  for (const i of [...s.interpreters.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (i.state === 'offered' && i.entryId) {
      // An offer (ordinary or transfer) rings out a fixed time after the interpreter was rung.
      if (now >= i.since + QUEUE_RULES.offerTimeoutMs) events.push(...respond(s, i.id, i.entryId, 'timeout', now));
    } else if (i.state === 'wrap-up' && i.wrapUpUntil !== null && now >= i.wrapUpUntil) {
      setState(i, 'available', now);
      events.push({ type: 'interpreter', interpreter: clone(i) });
    }
  }
  for (const entry of [...s.entries.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (entry.disconnectedUntil !== null && now >= entry.disconnectedUntil && entry.state !== 'in-call') {
      events.push(...remove(s, entry.id, 'lost', now));
    }
  }
  return events;
}
