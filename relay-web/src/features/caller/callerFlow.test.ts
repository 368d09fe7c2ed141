import { describe, expect, it } from 'vitest';
import type { CallId, QueueStatus } from '@sign-relay/shared';
import { callerReducer, INITIAL_STEP, initialStep, resumedEvent, storedEntryOf } from './callerFlow.ts';
import type { CallerEvent, CallerStep } from './callerFlow.ts';
import { asEntryId } from '@sign-relay/shared/testing/ids.ts';

const CALL = 'c0000000-0000-4000-8000-000000000001' as CallId;
const status = (p: Partial<QueueStatus> = {}): QueueStatus => ({ entryId: asEntryId('e1'), position: 2, estimatedWaitSec: 300, state: 'waiting', staffed: 1, requeued: false, ...p });
const run = (events: CallerEvent[], from: CallerStep = INITIAL_STEP): CallerStep => events.reduce(callerReducer, from);

const waiting: CallerStep = { step: 'waiting', entryId: asEntryId('e1'), status: status(), requeued: false, leaving: false };
const inCall: CallerStep = { step: 'in-call', entryId: asEntryId('e1'), callId: CALL, connectedAt: 1 };

describe('the caller flow', () => {
  it('goes start → topic → preferences → joining → waiting', () => {
    const s = run([{ type: 'start' }, { type: 'pick-topic', topic: 'dispatch' }, { type: 'pick-gender', gender: 'female' }, { type: 'join' }]);
    expect(s).toEqual({ step: 'joining', topic: 'dispatch', gender: 'female' });
    expect(callerReducer(s, { type: 'joined', status: status() })).toEqual(waiting);
  });

  it('lets the topic be skipped, defaults to no gender preference, and goes back a step at a time', () => {
    const prefs = run([{ type: 'start' }, { type: 'pick-topic', topic: null }]);
    expect(prefs).toEqual({ step: 'preferences', topic: null, gender: 'any' });
    expect(run([{ type: 'back' }], prefs)).toEqual({ step: 'topic' });
    expect(run([{ type: 'back' }, { type: 'back' }], prefs)).toEqual(INITIAL_STEP);
  });

  it('follows live status for its own entry only', () => {
    const moved = callerReducer(waiting, { type: 'status', status: status({ position: 1, state: 'offered', estimatedWaitSec: 0 }) });
    expect(moved).toMatchObject({ step: 'waiting', status: { position: 1, state: 'offered' } });
    expect(callerReducer(waiting, { type: 'status', status: status({ entryId: asEntryId('other'), position: 9 }) })).toBe(waiting);
  });

  it('connects on queue:connected for its entry', () => {
    expect(callerReducer(waiting, { type: 'connected', entryId: asEntryId('e1'), callId: CALL, at: 5 })).toEqual({ step: 'in-call', entryId: 'e1', callId: CALL, connectedAt: 5 });
    expect(callerReducer(waiting, { type: 'connected', entryId: asEntryId('e2'), callId: CALL, at: 5 })).toBe(waiting);
  });

  it('goes back to waiting, marked requeued and first, when the interpreter drops (call:ended first, then queue:requeued)', () => {
    const ended = callerReducer(inCall, { type: 'call-ended', reason: 'requeued' });
    expect(ended).toEqual({ step: 'waiting', entryId: 'e1', status: null, requeued: true, leaving: false });
    const back = callerReducer(ended, { type: 'requeued', status: status({ position: 1, requeued: true }) });
    expect(back).toMatchObject({ step: 'waiting', requeued: true, status: { position: 1 } });
  });

  it('handles queue:requeued arriving before call:ended too', () => {
    const back = callerReducer(inCall, { type: 'requeued', status: status({ position: 1, requeued: true }) });
    expect(back).toMatchObject({ step: 'waiting', requeued: true, status: { position: 1 } });
    // The late call:ended no longer applies.
    expect(callerReducer(back, { type: 'call-ended', reason: 'requeued' })).toBe(back);
  });

  it('keeps the requeued notice while later statuses arrive', () => {
    const back = callerReducer(inCall, { type: 'call-ended', reason: 'requeued' });
    const later = callerReducer(back, { type: 'status', status: status({ position: 1, requeued: false }) });
    expect(later).toMatchObject({ requeued: true });
  });

  it('ends with the reason, and "call again" starts at the topic', () => {
    const over = callerReducer(inCall, { type: 'call-ended', reason: 'hangup' });
    expect(over).toEqual({ step: 'over', outcome: { kind: 'ended', reason: 'hangup' } });
    expect(callerReducer(over, { type: 'again' })).toEqual({ step: 'topic' });
    expect(callerReducer(over, { type: 'home' })).toEqual(INITIAL_STEP);
    expect(callerReducer(inCall, { type: 'call-failed', failure: 'CALL_ENDED' })).toEqual({ step: 'over', outcome: { kind: 'failed', failure: 'CALL_ENDED' } });
  });

  it('leaves the line: busy while asked, out when done, back when refused', () => {
    const leaving = callerReducer(waiting, { type: 'leave' });
    expect(leaving).toMatchObject({ leaving: true });
    expect(callerReducer(leaving, { type: 'leave-failed' })).toMatchObject({ leaving: false });
    expect(callerReducer(leaving, { type: 'left', entryId: asEntryId('e1'), reason: 'left' })).toEqual({ step: 'over', outcome: { kind: 'left-queue', reason: 'left' } });
    expect(callerReducer(waiting, { type: 'left', entryId: asEntryId('e1'), reason: 'lost' })).toEqual({ step: 'over', outcome: { kind: 'left-queue', reason: 'lost' } });
    // Being in a call is not leaving the line.
    expect(callerReducer(inCall, { type: 'left', entryId: asEntryId('e1'), reason: 'left' })).toBe(inCall);
  });

  it('reports a failed join and retries it with the same choices', () => {
    const joining: CallerStep = { step: 'joining', topic: 'petition', gender: 'male' };
    const failed = callerReducer(joining, { type: 'join-failed', code: 'RATE_LIMITED' });
    expect(failed).toEqual({ step: 'join-failed', code: 'RATE_LIMITED', topic: 'petition', gender: 'male' });
    expect(callerReducer(failed, { type: 'join' })).toEqual(joining);
  });

  it('ignores events that do not fit the step', () => {
    expect(callerReducer(INITIAL_STEP, { type: 'join' })).toBe(INITIAL_STEP);
    expect(callerReducer(INITIAL_STEP, { type: 'call-ended', reason: 'hangup' })).toBe(INITIAL_STEP);
    expect(callerReducer(waiting, { type: 'again' })).toBe(waiting);
  });
});

describe('what survives a reload', () => {
  it('stores the entry while in line and the call while in it, nothing otherwise', () => {
    expect(storedEntryOf(waiting)).toEqual({ entryId: 'e1', callId: null });
    expect(storedEntryOf(inCall)).toEqual({ entryId: 'e1', callId: CALL });
    expect(storedEntryOf(INITIAL_STEP)).toBeNull();
    expect(storedEntryOf({ step: 'over', outcome: { kind: 'ended', reason: 'hangup' } })).toBeNull();
  });

  it('resumes the place, or the call, without the answered alert', () => {
    expect(initialStep(null, 0)).toEqual(INITIAL_STEP);
    expect(initialStep({ entryId: asEntryId('e1'), callId: null }, 0)).toEqual({ step: 'resuming', entryId: 'e1' });
    const s = initialStep({ entryId: asEntryId('e1'), callId: CALL }, 100_000);
    expect(s).toMatchObject({ step: 'in-call', callId: CALL });
    expect(s.step === 'in-call' && 100_000 - s.connectedAt).toBeGreaterThan(10_000);
  });

  it('a resumed place becomes waiting, or start when it is gone', () => {
    const resuming: CallerStep = { step: 'resuming', entryId: asEntryId('e1') };
    expect(callerReducer(resuming, { type: 'joined', status: status() })).toEqual(waiting);
    expect(callerReducer(resuming, { type: 'resume-failed' })).toEqual(INITIAL_STEP);
  });

  it('a caller answered while their connection was down goes into the call that queue:resume names (review #11)', () => {
    const resuming: CallerStep = { step: 'resuming', entryId: asEntryId('e1') };
    const answered = { state: 'connected', entryId: asEntryId('e1'), callId: CALL } as const;
    const inCallNow = { step: 'in-call', entryId: 'e1', callId: CALL, connectedAt: 7 };
    expect(callerReducer(resuming, resumedEvent(answered, 'joined', 7))).toEqual(inCallNow);
    expect(callerReducer(waiting, resumedEvent(answered, 'status', 7))).toEqual(inCallNow);
    expect(callerReducer(resuming, resumedEvent(status(), 'joined', 7))).toEqual(waiting);
    expect(resumedEvent(status(), 'status', 7)).toEqual({ type: 'status', status: status() });
  });
});
