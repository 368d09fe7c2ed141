/**
 * Queue and desk vocabulary shared by the server and every client.
 */
import type { CallId, EntryId } from './ids.ts';

/** The four 1999 services a caller can point at with a pictogram before waiting. */
export const SERVICE_TOPICS = ['consultation', 'transfer', 'petition', 'dispatch'] as const;
export type ServiceTopic = (typeof SERVICE_TOPICS)[number];

export const GENDERS = ['female', 'male'] as const;
export type Gender = (typeof GENDERS)[number];

export const CHANNELS = ['web', 'kiosk'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * The caller's own camera as their browser reported it before joining the line: working, refused by the caller
 * or the browser (`blocked`), or none that can be used (`missing`). Lets the desk say why there is no picture.
 */
export const CALLER_CAMERAS = ['ok', 'blocked', 'missing'] as const;
export type CallerCamera = (typeof CALLER_CAMERAS)[number];

/** An interpreter's state on the desk (ACE Direct's agent states). */
export const INTERPRETER_STATES = ['offline', 'available', 'offered', 'in-call', 'wrap-up', 'break'] as const;
export type InterpreterState = (typeof INTERPRETER_STATES)[number];

/** Why an interpreter is on break; `missed-offers` is set by the system after two missed offers in a row. */
export const BREAK_REASONS = ['rest', 'meal', 'meeting', 'training', 'technical', 'missed-offers'] as const;
export type BreakReason = (typeof BREAK_REASONS)[number];

/** Service rules, in one place. */
export const QUEUE_RULES = {
  /** An offer rings this long, then moves on. */
  offerTimeoutMs: 20_000,
  /** Missed offers in a row that put an interpreter on break. */
  missedOffersForBreak: 2,
  /** A gender preference is honoured at most this long; after it any interpreter may answer. */
  genderPreferenceMaxWaitMs: 60_000,
  /** A caller whose connection dropped keeps their place this long. */
  callerReconnectGraceMs: 30_000,
  /** Default wrap-up after a call. */
  wrapUpMs: 60_000,
  /** Speed-of-answer yardstick: 80 % of calls answered within this. */
  serviceLevelMs: 120_000,
  serviceLevelTarget: 0.8,
} as const;

/** What a waiting caller is shown, live. */
export interface QueueStatus {
  entryId: EntryId;
  /** 1 = first in line (being rung when state is 'offered'). */
  position: number;
  /** Estimated seconds until answered; null when no interpreter is on duty. */
  estimatedWaitSec: number | null;
  state: 'waiting' | 'offered';
  /** Interpreters on duty now (not offline, not on break). */
  staffed: number;
  /** True after the interpreter's connection dropped and the caller went back to the head of the line. */
  requeued: boolean;
}

/**
 * What `queue:resume` answers: the caller's place in line, or (answered while their connection was down, so
 * `queue:connected` never reached them) the call to join.
 */
export type QueueResume = QueueStatus | { state: 'connected'; entryId: EntryId; callId: CallId };
