import type { BreakReason, CallerCamera, Channel, Gender, InterpreterState, ServiceTopic } from '@sign-relay/shared';

/** Ordering scores: callers sent back to the head (their interpreter dropped) sort before everyone else. */
export const NORMAL_SCORE_OFFSET = 1e13;

/** A caller in the queue, from joining until their call ends (or they leave). */
export interface QueueEntry {
  id: string;
  guestId: string;
  channel: Channel;
  kioskId: string | null;
  topic: ServiceTopic | null;
  preferredGender: Gender | null;
  /** The caller's camera as their check found it when joining (null: not known). */
  camera: CallerCamera | null;
  /** When the caller first joined (speed of answer is measured from here, also after a requeue). */
  enqueuedAt: number;
  /** Queue order: lower first. */
  score: number;
  state: 'waiting' | 'offered' | 'in-call';
  /** The interpreter being rung (offered) or in the call (in-call). */
  interpreterId: string | null;
  offerExpiresAt: number | null;
  /** Set while the caller's connection is down: they keep their place but are not offered until back. */
  disconnectedUntil: number | null;
  requeued: boolean;
  offerCount: number;
}

/** An interpreter's presence on the desk. */
export interface Interpreter {
  id: string;
  gender: Gender | null;
  state: InterpreterState;
  /** When the current state began. */
  since: number;
  /** Idle since: routing rings the interpreter idle longest. An offer withdrawn by the caller does not reset it. */
  idleSince: number;
  missedOffers: number;
  breakReason: BreakReason | null;
  /** The entry being offered to, or in call with, this interpreter. */
  entryId: string | null;
  /** For a transfer offer: the interpreter handing the call over. */
  transferFrom: string | null;
  wrapUpUntil: number | null;
}

export interface NewEntry {
  id: string;
  guestId: string;
  channel: Channel;
  kioskId: string | null;
  topic: ServiceTopic | null;
  preferredGender: Gender | null;
  /** The caller's camera check; absent or null when not known. */
  camera?: CallerCamera | null;
}

/** Something that happened in the queue, for the service to announce and record. */
export type QueueEvent =
  | { type: 'offered'; entry: QueueEntry; interpreterId: string; transferFrom: string | null }
  | { type: 'answered'; entry: QueueEntry; interpreterId: string; transferFrom: string | null }
  | { type: 'offer-ended'; entry: QueueEntry; interpreterId: string; why: 'declined' | 'timeout' | 'withdrawn' }
  | { type: 'interpreter'; interpreter: Interpreter }
  | { type: 'abandoned'; entry: QueueEntry; why: 'left' | 'lost' }
  | { type: 'requeued'; entry: QueueEntry }
  | { type: 'call-ended'; entry: QueueEntry; interpreterId: string }
  | { type: 'queue-changed' };

export type PresenceTarget = 'available' | 'break' | 'offline';

/** A caller's place: 1-based in line order (a caller being rung keeps their number). */
export interface Place {
  entry: QueueEntry;
  position: number;
}

export interface QueueSnapshot {
  entries: QueueEntry[];
  interpreters: Interpreter[];
}

/**
 * The queue and desk presence, behind one narrow interface with two implementations: in memory (one
 * process) and Redis (many processes). Every method is one atomic step: two processes can never offer the
 * same caller twice or ring one interpreter for two callers. Methods return what happened; a refused step
 * throws an AppError and changes nothing, because every refusal is decided before the step's first change
 * (neither store rolls back; the differential test checks both).
 */
export interface QueueStore {
  /** Adds a caller at the back of the line (idempotent for the same id). */
  enqueue(entry: NewEntry, now: number): Promise<QueueEvent[]>;
  /** The caller leaves (or is given up on): removed wherever they are; a ringing interpreter is freed. */
  remove(entryId: string, why: 'left' | 'lost', now: number): Promise<QueueEvent[]>;
  /** The caller's connection dropped (until = grace end) or came back (until = null). */
  setConnection(entryId: string, until: number | null, now: number): Promise<QueueEvent[]>;
  /** Interpreter changes their own presence; signs them in on first use. */
  setPresence(interpreterId: string, to: PresenceTarget, opts: { gender?: Gender | null; reason?: BreakReason | null }, now: number): Promise<QueueEvent[]>;
  /** Routes at most one caller to an interpreter; returns [] when nobody can be matched. */
  matchOne(now: number): Promise<QueueEvent[]>;
  /**
   * An offered interpreter answers: accept, decline, or the ring timed out. Accepting a transfer puts the
   * transferring interpreter into wrap-up for `transferWrapUpMs` (default `QUEUE_RULES.wrapUpMs`; the service
   * passes its configured wrap-up).
   */
  respond(interpreterId: string, entryId: string, answer: 'accept' | 'decline' | 'timeout', now: number, transferWrapUpMs?: number): Promise<QueueEvent[]>;
  /** The call ended normally: the interpreter goes to wrap-up for `wrapUpMs`; the entry is gone. */
  endCall(interpreterId: string, wrapUpMs: number, now: number): Promise<QueueEvent[]>;
  /** The interpreter's connection dropped mid-call: the caller goes back to the head of the line. */
  requeueCaller(interpreterId: string, now: number): Promise<QueueEvent[]>;
  /** Offers an in-progress call to another available interpreter (or supervisor). */
  offerTransfer(fromInterpreterId: string, toInterpreterId: string, now: number): Promise<QueueEvent[]>;
  /** Applies every deadline that has passed: ring timeouts, wrap-up ends, reconnect graces. */
  tick(now: number): Promise<QueueEvent[]>;
  /** The caller's place, or undefined when not queued. */
  place(entryId: string): Promise<Place | undefined>;
  /** Every waiting caller's position, in order (for live position updates). */
  places(): Promise<Place[]>;
  interpreter(interpreterId: string): Promise<Interpreter | undefined>;
  snapshot(): Promise<QueueSnapshot>;
  close(): Promise<void>;
}
