/**
 * What the server shows people over signaling, in answers and pushes: the peers and media of a call, an
 * interpreter's desk and colleagues, and the supervisors' wallboard.
 */
import type { MediaSource, ParticipantRole } from './media.ts';
import type { BreakReason, CallerCamera, Channel, Gender, InterpreterState, ServiceTopic } from './queue.ts';
import type { StaffRole } from './auth.ts';
import type { CallId, ConsumerId, EntryId, PeerId, ProducerId, TransportId, UserId } from './ids.ts';

/** What a peer in a call looks like to the others. */
export interface PeerInfo {
  peerId: PeerId;
  role: ParticipantRole;
  displayName: string;
}

export interface ProducerInfo {
  producerId: ProducerId;
  peerId: PeerId;
  kind: 'audio' | 'video';
  source: MediaSource;
  paused: boolean;
}

export interface TransportOptions {
  id: TransportId;
  iceParameters: unknown;
  iceCandidates: unknown[];
  dtlsParameters: unknown;
}

export interface ConsumerOptions {
  id: ConsumerId;
  producerId: ProducerId;
  peerId: PeerId;
  kind: 'audio' | 'video';
  rtpParameters: unknown;
  source: MediaSource;
}

/** An interpreter's own desk, as their screen shows it. */
export interface DeskState {
  state: InterpreterState;
  since: number;
  breakReason: BreakReason | null;
  missedOffers: number;
  wrapUpUntil: number | null;
  /** The caller being offered or in the call. */
  entryId: EntryId | null;
  callId: CallId | null;
}

/** A call ringing on an interpreter's desk. */
export interface DeskOffer {
  entryId: EntryId;
  channel: Channel;
  kioskId: string | null;
  /** Whether the kiosk named was proven to be that kiosk; staff see it marked unverified when not. */
  kioskVerified: boolean;
  topic: ServiceTopic | null;
  preferredGender: Gender | null;
  queuedAt: number;
  /** When the ring stops and the call moves on (ms epoch). */
  expiresAt: number;
  /** Set when a colleague is handing over a call in progress. */
  transferFrom: { userId: UserId; displayName: string } | null;
  /** The caller went back to the head of the line after their interpreter's connection dropped. */
  requeued: boolean;
  /** The caller's camera when they joined (null: not known), so the desk can say why there is no picture. */
  camera: CallerCamera | null;
}

export interface Colleague {
  userId: UserId;
  displayName: string;
  role: StaffRole;
  state: InterpreterState;
}

/** Thresholds of the wallboard's warnings. */
export const WALLBOARD_RULES = {
  /** A gap between video calls shorter than this is no break: the signing goes on. */
  breakGapSec: 5 * 60,
  /** Signing this long without a break turns amber, then red (interpreters rotate every 20–30 minutes). */
  signingAmberSec: 20 * 60,
  signingRedSec: 30 * 60,
  /** A call-back request open longer than this raises an alarm. */
  callbackOverdueSec: 4 * 3600,
} as const;

/** Something on the wallboard that needs a supervisor now. */
export type WallboardAlarm =
  /** Video callers wait and no interpreter is available. */
  | { kind: 'video-unstaffed'; waiting: number; longestWaitSec: number }
  /** Text chats wait and no chat seat is open. */
  | { kind: 'chat-unstaffed'; waiting: number; longestWaitSec: number }
  /** Call-back requests open longer than `WALLBOARD_RULES.callbackOverdueSec`. */
  | { kind: 'callback-overdue'; waiting: number; longestWaitSec: number };

/** What the supervisor wallboard shows, live. */
export interface WallboardSnapshot {
  at: number;
  waiting: { entryId: EntryId; channel: Channel; kioskId: string | null; kioskVerified: boolean; topic: ServiceTopic | null; waitedSec: number; state: 'waiting' | 'offered'; requeued: boolean }[];
  longestWaitSec: number;
  interpreters: {
    userId: UserId;
    displayName: string;
    role: StaffRole;
    state: InterpreterState;
    since: number;
    breakReason: BreakReason | null;
    /** Start of this interpreter's video signing without a break (`WALLBOARD_RULES.breakGapSec`), null when rested. */
    signingSince: number | null;
    /** Text chats this interpreter carries now (chats are typed, not signed: they do not count as signing). */
    activeChats: number;
  }[];
  /** The text-chat line: chats not yet answered (waiting or ringing) and the interpreters' chat seats. */
  chats: { waiting: number; longestWaitSec: number; seatsInUse: number; seatsOpen: number };
  /** Call-back requests not yet done; `claimed` of them taken by an interpreter. */
  callbacks: { open: number; claimed: number; oldestWaitSec: number | null };
  /** What needs a supervisor now, most urgent first (see `WALLBOARD_RULES`). */
  alarms: WallboardAlarm[];
  callsInProgress: { entryId: EntryId; callId: CallId | null; interpreterId: UserId; interpreterName: string; since: number; channel: Channel; kioskId: string | null; kioskVerified: boolean }[];
  today: {
    answered: number;
    abandoned: number;
    /** Share answered within 120 s (0–1), null before the first finished call. */
    serviceLevel: number | null;
    abandonRate: number | null;
    averageHandleSec: number | null;
    averageSpeedOfAnswerSec: number | null;
  };
}
