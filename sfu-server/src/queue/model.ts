import type { BreakReason, CallerCamera, Channel, EntryId, Gender, GuestId, InterpreterState, ServiceTopic, UserId } from '@sign-relay/shared';

/** Ordering scores: callers sent back to the head (their interpreter dropped) sort before everyone else. */
export const NORMAL_SCORE_OFFSET = 1e13;

/**
 * The ids one line is keyed by: who waits (`entry`) and who answers (`interpreter`). The same rules and stores
 * run the video line ({@link VideoLineIds}) and the text-chat line (chat/seats.ts), each with its own kinds of
 * id, so an id of one line cannot be handed to the other.
 */
export interface LineIds {
  entry: string;
  interpreter: string;
}

/** The video line: callers' places in line, answered by interpreters (their staff accounts). */
export interface VideoLineIds extends LineIds {
  entry: EntryId;
  interpreter: UserId;
}

/** A caller in the queue, from joining until their call ends (or they leave). */
export interface QueueEntry<L extends LineIds> {
  id: L['entry'];
  guestId: GuestId;
  channel: Channel;
  kioskId: string | null;
  /** Whether the kiosk named was proven to be that kiosk (staff are told when it was not). */
  kioskVerified: boolean;
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
  interpreterId: L['interpreter'] | null;
  offerExpiresAt: number | null;
  /** Set while the caller's connection is down: they keep their place but are not offered until back. */
  disconnectedUntil: number | null;
  requeued: boolean;
  offerCount: number;
}

/** An interpreter's presence on the desk. */
export interface Interpreter<L extends LineIds> {
  id: L['interpreter'];
  gender: Gender | null;
  state: InterpreterState;
  /** When the current state began. */
  since: number;
  /** Idle since: routing rings the interpreter idle longest. An offer withdrawn by the caller does not reset it. */
  idleSince: number;
  missedOffers: number;
  breakReason: BreakReason | null;
  /** The entry being offered to, or in call with, this interpreter. */
  entryId: L['entry'] | null;
  /** For a transfer offer: the interpreter handing the call over. */
  transferFrom: L['interpreter'] | null;
  wrapUpUntil: number | null;
}

export interface NewEntry<L extends LineIds> {
  id: L['entry'];
  guestId: GuestId;
  channel: Channel;
  kioskId: string | null;
  /** Absent: not proven. */
  kioskVerified?: boolean | undefined;
  topic: ServiceTopic | null;
  preferredGender: Gender | null;
  /** The caller's camera check; absent or null when not known. */
  camera?: CallerCamera | null;
}

/** Something that happened in the queue, for the service to announce and record. */
export type QueueEvent<L extends LineIds> =
  | { type: 'offered'; entry: QueueEntry<L>; interpreterId: L['interpreter']; transferFrom: L['interpreter'] | null }
  | { type: 'answered'; entry: QueueEntry<L>; interpreterId: L['interpreter']; transferFrom: L['interpreter'] | null }
  | { type: 'offer-ended'; entry: QueueEntry<L>; interpreterId: L['interpreter']; why: 'declined' | 'timeout' | 'withdrawn' }
  | { type: 'interpreter'; interpreter: Interpreter<L> }
  | { type: 'abandoned'; entry: QueueEntry<L>; why: 'left' | 'lost' }
  | { type: 'requeued'; entry: QueueEntry<L> }
  | { type: 'call-ended'; entry: QueueEntry<L>; interpreterId: L['interpreter'] }
  /** Enqueue of a guest who already has an entry in this line: nothing changed; this is theirs. */
  | { type: 'already-in-line'; entry: QueueEntry<L> }
  | { type: 'queue-changed' };

export type PresenceTarget = 'available' | 'break' | 'offline';

/** A caller's place: 1-based in line order (a caller being rung keeps their number). */
export interface Place<L extends LineIds> {
  entry: QueueEntry<L>;
  position: number;
}

export interface QueueSnapshot<L extends LineIds> {
  entries: QueueEntry<L>[];
  interpreters: Interpreter<L>[];
}

/**
 * The queue and desk presence, behind one narrow interface with two implementations: in memory (one
 * process) and Redis (many processes). Every method is one atomic step: two processes can never offer the
 * same caller twice or ring one interpreter for two callers. Methods return what happened; a refused step
 * throws an AppError and changes nothing, because every refusal is decided before the step's first change
 * (neither store rolls back; the differential test checks both).
 */
export interface QueueStore<L extends LineIds> {
  /**
   * Adds a caller at the back of the line (idempotent for the same id). A guest holds at most one entry per
   * line: enqueuing a guest who has one changes nothing and returns an `already-in-line` event carrying it.
   */
  enqueue(entry: NewEntry<L>, now: number): Promise<QueueEvent<L>[]>;
  /** The caller leaves (or is given up on): removed wherever they are; a ringing interpreter is freed. */
  remove(entryId: L['entry'], why: 'left' | 'lost', now: number): Promise<QueueEvent<L>[]>;
  /** The caller's connection dropped (until = grace end) or came back (until = null). */
  setConnection(entryId: L['entry'], until: number | null, now: number): Promise<QueueEvent<L>[]>;
  /** Interpreter changes their own presence; signs them in on first use. */
  setPresence(interpreterId: L['interpreter'], to: PresenceTarget, opts: { gender?: Gender | null; reason?: BreakReason | null }, now: number): Promise<QueueEvent<L>[]>;
  /** Routes at most one caller to an interpreter; returns [] when nobody can be matched. */
  matchOne(now: number): Promise<QueueEvent<L>[]>;
  /**
   * An offered interpreter answers: accept, decline, or the ring timed out. Accepting a transfer puts the
   * transferring interpreter into wrap-up for `transferWrapUpMs` (default `QUEUE_RULES.wrapUpMs`; the service
   * passes its configured wrap-up).
   */
  respond(interpreterId: L['interpreter'], entryId: L['entry'], answer: 'accept' | 'decline' | 'timeout', now: number, transferWrapUpMs?: number): Promise<QueueEvent<L>[]>;
  /** The call ended normally: the interpreter goes to wrap-up for `wrapUpMs`; the entry is gone. */
  endCall(interpreterId: L['interpreter'], wrapUpMs: number, now: number): Promise<QueueEvent<L>[]>;
  /** The interpreter's connection dropped mid-call: the caller goes back to the head of the line. */
  requeueCaller(interpreterId: L['interpreter'], now: number): Promise<QueueEvent<L>[]>;
  /** Offers an in-progress call to another available interpreter (or supervisor). */
  offerTransfer(fromInterpreterId: L['interpreter'], toInterpreterId: L['interpreter'], now: number): Promise<QueueEvent<L>[]>;
  /** Applies every deadline that has passed: ring timeouts, wrap-up ends, reconnect graces. */
  tick(now: number): Promise<QueueEvent<L>[]>;
  /** The guest's entry in this line (waiting, rung or in a call), if they have one. */
  entryOfGuest(guestId: GuestId): Promise<QueueEntry<L> | undefined>;
  /** The caller's place, or undefined when not queued. */
  place(entryId: L['entry']): Promise<Place<L> | undefined>;
  /** Every waiting caller's position, in order (for live position updates). */
  places(): Promise<Place<L>[]>;
  interpreter(interpreterId: L['interpreter']): Promise<Interpreter<L> | undefined>;
  snapshot(): Promise<QueueSnapshot<L>>;
  close(): Promise<void>;
}
