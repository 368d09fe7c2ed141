/**
 * The caller's way through the service as one explicit state machine: start → topic → preferences →
 * joining → waiting (position, estimate) → in the call → over (call again). The interpreter's connection
 * dropping sends the caller back to waiting, first in line. Pure: the screen feeds it events and renders
 * its steps; the socket and the call live in the components.
 */
import { assertUnreachable, type CallId, type EntryId, type Gender, type QueueResume, type QueueStatus, type ServiceTopic } from '@sign-relay/shared';
import type { SessionEndReason, SessionFailure } from '../../media/callSnapshot.ts';
import type { RequestErrorCode } from '../../signaling/socket.ts';

export type GenderChoice = Gender | 'any';

export type CallerOutcome =
  | { kind: 'ended'; reason: SessionEndReason }
  | { kind: 'failed'; failure: SessionFailure }
  /** Out of the line without a call: the caller left (here or on another device), or was gone too long. */
  | { kind: 'left-queue'; reason: 'left' | 'lost' };

export type CallerStep =
  | { step: 'start' }
  | { step: 'topic' }
  | { step: 'preferences'; topic: ServiceTopic | null; gender: GenderChoice }
  | { step: 'joining'; topic: ServiceTopic | null; gender: GenderChoice }
  /** After a reload: taking up the stored place in line again. */
  | { step: 'resuming'; entryId: EntryId }
  | { step: 'waiting'; entryId: EntryId; status: QueueStatus | null; requeued: boolean; leaving: boolean }
  | { step: 'in-call'; entryId: EntryId; callId: CallId; connectedAt: number }
  | { step: 'over'; outcome: CallerOutcome }
  | { step: 'join-failed'; code: RequestErrorCode; topic: ServiceTopic | null; gender: GenderChoice };

export type CallerEvent =
  | { type: 'start' }
  | { type: 'pick-topic'; topic: ServiceTopic | null }
  | { type: 'pick-gender'; gender: GenderChoice }
  | { type: 'back' }
  | { type: 'join' }
  | { type: 'joined'; status: QueueStatus }
  | { type: 'join-failed'; code: RequestErrorCode }
  | { type: 'resume-failed' }
  | { type: 'status'; status: QueueStatus }
  | { type: 'leave' }
  | { type: 'leave-failed' }
  | { type: 'left'; entryId: EntryId; reason: 'left' | 'lost' }
  | { type: 'connected'; entryId: EntryId; callId: CallId; at: number }
  | { type: 'requeued'; status: QueueStatus }
  | { type: 'call-ended'; reason: SessionEndReason }
  | { type: 'call-failed'; failure: SessionFailure }
  | { type: 'again' }
  | { type: 'home' };

export const INITIAL_STEP: CallerStep = { step: 'start' };

/**
 * The event for what `queue:resume` answered: the place in line (as `joined` after a reload, as `status` after a
 * reconnect), or the call the caller was answered into while their connection was down.
 */
export function resumedEvent(r: QueueResume, as: 'joined' | 'status', now: number): CallerEvent {
  if (r.state === 'connected') return { type: 'connected', entryId: r.entryId, callId: r.callId, at: now };
  return as === 'joined' ? { type: 'joined', status: r } : { type: 'status', status: r };
}

/** What survives a reload (sessionStorage): the place in line and, once connected, the call. */
export interface StoredEntry {
  entryId: EntryId;
  callId: CallId | null;
}

/** The step to open with, from what was stored before a reload. */
export function initialStep(stored: StoredEntry | null, now: number): CallerStep {
  if (!stored) return INITIAL_STEP;
  if (stored.callId) return { step: 'in-call', entryId: stored.entryId, callId: stored.callId, connectedAt: now - 60_000 };
  return { step: 'resuming', entryId: stored.entryId };
}

/** What to store for a step (`null`: nothing, the caller is not in line). */
export function storedEntryOf(s: CallerStep): StoredEntry | null {
  switch (s.step) {
    case 'resuming':
    case 'waiting':
      return { entryId: s.entryId, callId: null };
    case 'in-call':
      return { entryId: s.entryId, callId: s.callId };
    case 'start':
    case 'topic':
    case 'preferences':
    case 'joining':
    case 'join-failed':
    case 'over':
      return null;
    default:
      return assertUnreachable(s);
  }
}

export function callerReducer(s: CallerStep, e: CallerEvent): CallerStep {
  switch (e.type) {
    case 'start':
      return s.step === 'start' ? { step: 'topic' } : s;
    case 'pick-topic':
      return s.step === 'topic' ? { step: 'preferences', topic: e.topic, gender: 'any' } : s;
    case 'pick-gender':
      return s.step === 'preferences' ? { ...s, gender: e.gender } : s;
    case 'back':
      if (s.step === 'preferences') return { step: 'topic' };
      if (s.step === 'topic') return { step: 'start' };
      return s;
    case 'join':
      if (s.step === 'preferences' || s.step === 'join-failed') return { step: 'joining', topic: s.topic, gender: s.gender };
      return s;
    case 'joined':
      if (s.step === 'joining' || s.step === 'resuming') {
        return { step: 'waiting', entryId: e.status.entryId, status: e.status, requeued: e.status.requeued, leaving: false };
      }
      return s;
    case 'join-failed':
      return s.step === 'joining' ? { step: 'join-failed', code: e.code, topic: s.topic, gender: s.gender } : s;
    case 'resume-failed':
      return s.step === 'resuming' ? INITIAL_STEP : s;
    case 'status':
      if (s.step === 'waiting' && e.status.entryId === s.entryId) return { ...s, status: e.status, requeued: s.requeued || e.status.requeued };
      if (s.step === 'resuming' && e.status.entryId === s.entryId) {
        return { step: 'waiting', entryId: s.entryId, status: e.status, requeued: e.status.requeued, leaving: false };
      }
      return s;
    case 'leave':
      return s.step === 'waiting' ? { ...s, leaving: true } : s;
    case 'leave-failed':
      return s.step === 'waiting' ? { ...s, leaving: false } : s;
    case 'left':
      if ((s.step === 'waiting' || s.step === 'resuming') && e.entryId === s.entryId) return { step: 'over', outcome: { kind: 'left-queue', reason: e.reason } };
      return s;
    case 'connected':
      if ((s.step === 'waiting' || s.step === 'resuming') && e.entryId === s.entryId) {
        return { step: 'in-call', entryId: e.entryId, callId: e.callId, connectedAt: e.at };
      }
      return s;
    case 'requeued':
      // The interpreter's connection dropped: back in line, first, with a notice that says so.
      if ((s.step === 'in-call' || s.step === 'waiting' || s.step === 'resuming') && e.status.entryId === s.entryId) {
        return { step: 'waiting', entryId: s.entryId, status: e.status, requeued: true, leaving: false };
      }
      return s;
    case 'call-ended':
      if (s.step !== 'in-call') return s;
      // `requeued` arrives just before the new place in line (queue:requeued) does.
      if (e.reason === 'requeued') return { step: 'waiting', entryId: s.entryId, status: null, requeued: true, leaving: false };
      return { step: 'over', outcome: { kind: 'ended', reason: e.reason } };
    case 'call-failed':
      return s.step === 'in-call' ? { step: 'over', outcome: { kind: 'failed', failure: e.failure } } : s;
    case 'again':
      return s.step === 'over' || s.step === 'join-failed' ? { step: 'topic' } : s;
    case 'home':
      return s.step === 'over' || s.step === 'join-failed' ? INITIAL_STEP : s;
  }
}
