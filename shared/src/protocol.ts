/**
 * The signaling protocol: every client→server event is declared here once, with its zod payload schema
 * and its result type. The server validates each payload with the schema on arrival; clients use the
 * same types. Event names are `domain:verb`.
 */
import { z } from 'zod';
import type { Ack } from './errors.ts';
import type { CallEndReason } from './media.ts';
import { CALL_END_REASONS, MEDIA_SOURCES } from './media.ts';
import { BREAK_REASONS, CALLER_CAMERAS, GENDERS, SERVICE_TOPICS, type Channel, type QueueResume, type QueueStatus, type ServiceTopic } from './queue.ts';
import type { Role } from './auth.ts';
import { chatBodyProblem, type ChatMessage, type ChatQueueStatus, type ChatSessionInfo, type ChatOffer } from './chat.ts';
import { ID_PATTERN, idOf } from './ids.ts';
import { caseDraftSchema, WRAP_UP_OUTCOMES, CASE_LIMITS, type CaseDetail, type CaseDraft, type CaseReceipt, type CaseSummary, type ReadBack, type ReadBackState } from './cases.ts';
import type { CallId, ChatSessionId, ConsumerId, EntryId, PeerId, ProducerId, UserId } from './ids.ts';
import type { Colleague, ConsumerOptions, DeskOffer, DeskState, PeerInfo, ProducerInfo, TransportOptions, WallboardSnapshot } from './views.ts';

const id = z.string().regex(ID_PATTERN, 'must be an id');
const callId = idOf<CallId>();
const entryId = idOf<EntryId>();
const sessionId = idOf<ChatSessionId>();
/**
 * A caller's name as the other party sees it: letters (with their marks), spaces and punctuation only, so no
 * digits posing as a phone line, no symbols, and no invisible or direction-changing characters.
 */
const personName = z
  .string()
  .trim()
  .max(100)
  .regex(/^[\p{L}\p{M}\p{Zs}\p{P}]*$/u, 'must be letters, spaces and punctuation');
/** Open JSON objects from WebRTC (RTP parameters and the like) are bounded, then checked by mediasoup. */
const looseObject = z.record(z.string().max(64), z.unknown()).refine((o) => Object.keys(o).length <= 64, 'too many keys');

const dtlsParameters = z.object({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(z.object({ algorithm: z.enum(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']), value: z.string().max(200).regex(/^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})+$/, 'must be a hex fingerprint') }))
    .min(1)
    .max(8),
});

const rtpParameters = z.object({
  mid: z.string().max(32).optional(),
  codecs: z.array(looseObject).min(1).max(16),
  headerExtensions: z.array(looseObject).max(32).optional(),
  encodings: z.array(looseObject).max(8).optional(),
  rtcp: looseObject.optional(),
});

const rtpCapabilities = z.object({
  codecs: z.array(looseObject).max(64).optional(),
  headerExtensions: z.array(looseObject).max(64).optional(),
});

/** A name and a phone number or e-mail address for a call-back (all optional). */
const contact = z
  .object({
    name: z.string().trim().max(100).optional(),
    phone: z.string().regex(/^[0-9+()\- ]{6,30}$/, 'must be a phone number').optional(),
    email: z.email().max(200).optional(),
  })
  .strict();

/** The call, chat or call-back request a case form belongs to. */
const caseRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('call'), callId }).strict(),
  z.object({ kind: z.literal('chat'), sessionId }).strict(),
  z.object({ kind: z.literal('callback'), callbackId: id }).strict(),
]);
export type CaseRef = z.infer<typeof caseRef>;

/** Payload schemas of every client→server event. */
export const clientSchemas = {
  /**
   * Joins a call; the call gives the role (its caller, or the interpreter it was given to). `displayName` is
   * the caller's; staff are always shown by their account's name.
   */
  'call:join': z.object({ callId, displayName: personName.optional() }).strict(),
  'call:hangup': z.object({}).strict(),
  /** Leaves a call without ending it (the interpreter who handed the call over). */
  'call:leave': z.object({}).strict(),
  /** Presents a fresh access token on a long-lived connection (staff renew every few minutes). */
  'auth:renew': z.object({ token: z.string().min(10).max(4000) }).strict(),
  'queue:join': z
    .object({
      topic: z.enum(SERVICE_TOPICS).optional(),
      preferredGender: z.enum(GENDERS).optional(),
      contact: contact.optional(),
      /** What the caller's camera check found; absent when it had not answered yet. */
      camera: z.enum(CALLER_CAMERAS).optional(),
    })
    .strict(),
  'queue:leave': z.object({}).strict(),
  /** After a reconnect: take up the place in line again. */
  'queue:resume': z.object({ entryId }).strict(),
  'desk:setStatus': z
    .object({ status: z.enum(['available', 'break', 'offline']), reason: z.enum(BREAK_REASONS).exclude(['missed-offers']).optional() })
    .strict(),
  'desk:accept': z.object({ entryId }).strict(),
  'desk:decline': z.object({ entryId }).strict(),
  'desk:transfer': z.object({ toUserId: idOf<UserId>() }).strict(),
  'desk:colleagues': z.object({}).strict(),
  'wallboard:watch': z.object({}).strict(),
  'chat:start': z
    .object({
      topic: z.enum(SERVICE_TOPICS).optional(),
      contact: contact.optional(),
    })
    .strict(),
  'chat:resume': z.object({ sessionId }).strict(),
  /**
   * `fromChat`: the caller's own text chat that this call came from (the caller's side only). Its messages then
   * show above the call's chat for both parties. A hint: one that is not the caller's own text chat is ignored.
   */
  'chat:forCall': z.object({ callId, fromChat: sessionId.optional() }).strict(),
  'chat:send': z
    .object({
      sessionId,
      /** Chosen by the client once per message and reused for every resend of it. */
      clientKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, _ or -'),
      // The length check aborts: the body checks after it never walk a string already too long.
      body: z.string().max(20_000, { abort: true }).superRefine((b, ctx) => {
        const problem = chatBodyProblem(b);
        if (problem === 'empty') ctx.addIssue({ code: 'custom', message: 'the message is empty' });
        else if (problem === 'too-long') ctx.addIssue({ code: 'custom', message: 'the message is longer than 2,000 characters' });
        else if (problem === 'control-characters') ctx.addIssue({ code: 'custom', message: 'the message contains control characters' });
      }),
    })
    .strict(),
  'chat:sync': z.object({ sessionId, afterSeq: z.number().int().min(0) }).strict(),
  'chat:typing': z.object({ sessionId, typing: z.boolean() }).strict(),
  'chat:end': z.object({ sessionId }).strict(),
  'desk:chatStatus': z.object({ status: z.enum(['available', 'offline']) }).strict(),
  'desk:chatAccept': z.object({ sessionId }).strict(),
  'desk:chatDecline': z.object({ sessionId }).strict(),
  'desk:chats': z.object({}).strict(),
  /** The case form of a call or chat: its saved draft (first opened with what the caller chose), the read-back, the context. */
  'case:open': z.object({ ref: caseRef }).strict(),
  /** Saves the draft as it is typed; `baseVersion` is the version this edit was made on (a newer one is a CONFLICT). */
  'case:saveDraft': z.object({ ref: caseRef, draft: caseDraftSchema, baseVersion: z.number().int().min(0) }).strict(),
  /** Sends the draft's plain summary to the caller's screen to confirm (the draft must be complete). */
  'case:readBack': z.object({ ref: caseRef }).strict(),
  /** Files the draft as a case. `clientKey` once per case, reused on resends: a resend files nothing new. */
  'case:file': z
    .object({
      ref: caseRef,
      clientKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, _ or -'),
      /** Filing without a confirmed read-back needs a reason (the caller hung up). */
      skipReadBackReason: z.string().trim().min(1).max(300).optional(),
    })
    .strict(),
  /** This interpreter's case drafts typed into and not filed (the last day), to finish after the call. */
  'case:drafts': z.object({}).strict(),
  /** The caller answers the read-back on their screen. */
  'case:readBackAnswer': z.object({ readBackId: id, answer: z.enum(['correct', 'change']) }).strict(),
  /** The caller's pending read-back and the receipts of their cases (after a reload). */
  'case:mine': z.object({}).strict(),
  /** Wrap-up: how the call or chat ended, kept on its record. */
  'desk:wrapUp': z.object({ ref: caseRef, outcome: z.enum(WRAP_UP_OUTCOMES), notes: z.string().trim().max(CASE_LIMITS.wrapUpNotes).optional() }).strict(),
  'media:createTransport': z.object({ direction: z.enum(['send', 'recv']) }).strict(),
  'media:connectTransport': z.object({ transportId: id, dtlsParameters }).strict(),
  /** The connection failed (a network change, a NAT timeout): new ICE credentials, the transport reconnects. */
  'media:restartIce': z.object({ transportId: id }).strict(),
  'media:produce': z
    .object({ transportId: id, kind: z.enum(['audio', 'video']), rtpParameters, source: z.enum(MEDIA_SOURCES) })
    .strict(),
  'media:consume': z.object({ producerId: id, rtpCapabilities }).strict(),
  'media:resumeConsumer': z.object({ consumerId: id }).strict(),
  'media:pauseProducer': z.object({ producerId: id }).strict(),
  'media:resumeProducer': z.object({ producerId: id }).strict(),
  /** Packets arrive but nothing decodes (a loss burst took the reference frames): the sender is asked for a key frame. */
  'media:requestKeyFrame': z.object({ consumerId: id }).strict(),
  /**
   * Complete frames arrive but the browser holds them undecoded although a key frame came (its playout timing
   * was thrown off by a burst after a network drop): the consumer is replaced by a fresh one of the same media.
   */
  'media:renewConsumer': z.object({ consumerId: id, rtpCapabilities }).strict(),
  /**
   * The connection stayed broken although ICE was restarted: the server closes this participant's transports
   * (and with them their producers and consumers) so the client can make new ones, without leaving the call.
   */
  'media:reset': z.object({}).strict(),
} as const;

export type ClientEventName = keyof typeof clientSchemas;
export type ClientPayload<E extends ClientEventName> = z.infer<(typeof clientSchemas)[E]>;

/** Where a case form stands: what the caller chose, where a kiosk is, earlier cases of this caller or kiosk. */
export interface CaseContext {
  topic: ServiceTopic | null;
  channel: Channel;
  kioskId: string | null;
  /** Whether the kiosk proved it is that kiosk; staff see it marked unverified when not. */
  kioskVerified: boolean;
  /** The kiosk's site when the kiosk is known. */
  kiosk: { id: string; nameZh: string; nameEn: string; district: string | null; address: string | null; lat: number | null; lng: number | null } | null;
  /** What the caller left for a call-back, if anything. */
  contact: { name: string | null; phone: string | null; email: string | null } | null;
  earlier: CaseSummary[];
}

/** A case form typed into and not filed: the desk offers to finish it. */
export interface PendingDraft {
  ref: CaseRef;
  draft: CaseDraft;
  updatedAt: number;
}

/** The case form of one call or chat. */
export interface CaseWorkspace {
  ref: CaseRef;
  draft: CaseDraft;
  version: number;
  readBack: ReadBackState | null;
  context: CaseContext;
  /** Cases already filed from this call or chat. */
  filed: CaseSummary[];
}

/** Who may send each event. Checked on every event before anything else runs. */
const CALL_PARTIES = ['guest', 'interpreter', 'supervisor'] as const satisfies readonly Role[];
const DESK = ['interpreter', 'supervisor'] as const satisfies readonly Role[];
export const EVENT_ROLES: { readonly [E in ClientEventName]: readonly Role[] } = {
  'call:join': CALL_PARTIES,
  'call:hangup': CALL_PARTIES,
  'call:leave': CALL_PARTIES,
  'media:createTransport': CALL_PARTIES,
  'media:connectTransport': CALL_PARTIES,
  'media:produce': CALL_PARTIES,
  'media:consume': CALL_PARTIES,
  'media:resumeConsumer': CALL_PARTIES,
  'media:restartIce': CALL_PARTIES,
  'media:pauseProducer': CALL_PARTIES,
  'media:resumeProducer': CALL_PARTIES,
  'media:requestKeyFrame': CALL_PARTIES,
  'media:renewConsumer': CALL_PARTIES,
  'media:reset': CALL_PARTIES,
  'auth:renew': ['guest', 'interpreter', 'supervisor', 'admin'],
  'queue:join': ['guest'],
  'queue:leave': ['guest'],
  'queue:resume': ['guest'],
  'desk:setStatus': DESK,
  'desk:accept': DESK,
  'desk:decline': DESK,
  'desk:transfer': DESK,
  'desk:colleagues': DESK,
  'wallboard:watch': ['supervisor', 'admin'],
  'chat:start': ['guest'],
  'chat:resume': CALL_PARTIES,
  'chat:forCall': CALL_PARTIES,
  'chat:send': CALL_PARTIES,
  'chat:sync': CALL_PARTIES,
  'chat:typing': CALL_PARTIES,
  'chat:end': CALL_PARTIES,
  'desk:chatStatus': DESK,
  'desk:chatAccept': DESK,
  'desk:chatDecline': DESK,
  'desk:chats': DESK,
  'case:open': DESK,
  'case:saveDraft': DESK,
  'case:readBack': DESK,
  'case:file': DESK,
  'case:drafts': DESK,
  'case:readBackAnswer': ['guest'],
  'case:mine': ['guest'],
  'desk:wrapUp': DESK,
};

/** Result types of every client→server event. */
export interface ClientResults {
  'call:join': { callId: CallId; peerId: PeerId; routerRtpCapabilities: unknown; peers: PeerInfo[]; producers: ProducerInfo[] };
  'call:hangup': Record<string, never>;
  'call:leave': Record<string, never>;
  'auth:renew': Record<string, never>;
  'queue:join': QueueStatus;
  'queue:leave': Record<string, never>;
  'queue:resume': QueueResume;
  'desk:setStatus': DeskState;
  'desk:accept': { callId: CallId };
  'desk:decline': Record<string, never>;
  'desk:transfer': Record<string, never>;
  'desk:colleagues': Colleague[];
  'wallboard:watch': WallboardSnapshot;
  'chat:start': ChatQueueStatus;
  'chat:resume': { session: ChatSessionInfo; messages: ChatMessage[]; status: ChatQueueStatus | null };
  /** `earlier`: the messages of the text chat the call came from (empty when it did not come from one). */
  'chat:forCall': { session: ChatSessionInfo; messages: ChatMessage[]; earlier: ChatMessage[] };
  'chat:send': ChatMessage;
  'chat:sync': ChatMessage[];
  'chat:typing': Record<string, never>;
  'chat:end': Record<string, never>;
  'desk:chatStatus': { seats: number; available: number; active: number };
  'desk:chatAccept': { session: ChatSessionInfo; messages: ChatMessage[] };
  'desk:chatDecline': Record<string, never>;
  'desk:chats': ChatSessionInfo[];
  'case:open': CaseWorkspace;
  'case:saveDraft': { version: number; readBack: ReadBackState | null };
  'case:readBack': ReadBackState;
  'case:file': { case: CaseDetail; duplicate: boolean };
  'case:drafts': PendingDraft[];
  'case:readBackAnswer': Record<string, never>;
  'case:mine': { readBack: ReadBack | null; receipts: CaseReceipt[] };
  'desk:wrapUp': Record<string, never>;
  'media:createTransport': TransportOptions;
  'media:connectTransport': Record<string, never>;
  'media:restartIce': { iceParameters: unknown };
  'media:produce': { producerId: ProducerId };
  'media:consume': ConsumerOptions;
  'media:resumeConsumer': Record<string, never>;
  'media:pauseProducer': Record<string, never>;
  'media:resumeProducer': Record<string, never>;
  'media:requestKeyFrame': Record<string, never>;
  'media:renewConsumer': ConsumerOptions;
  'media:reset': Record<string, never>;
}

/** socket.io typing of client→server events: a payload and an ack callback. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientPayload<E>, ack: (result: Ack<ClientResults[E]>) => void) => void;
};

/** Server→client notifications. */
export interface ServerToClientEvents {
  'call:peerJoined': (p: PeerInfo) => void;
  'call:peerLeft': (p: { peerId: PeerId }) => void;
  'call:ended': (p: { callId: CallId; reason: CallEndReason }) => void;
  'media:newProducer': (p: ProducerInfo) => void;
  'media:producerPaused': (p: { producerId: ProducerId; peerId: PeerId }) => void;
  'media:producerResumed': (p: { producerId: ProducerId; peerId: PeerId }) => void;
  'media:consumerClosed': (p: { consumerId: ConsumerId; producerId: ProducerId }) => void;
  /** The caller's place in line, whenever it (or the estimate) changes. */
  'queue:status': (p: QueueStatus) => void;
  /** An interpreter answered: join this call. */
  'queue:connected': (p: { entryId: EntryId; callId: CallId }) => void;
  /** The interpreter's connection dropped: the caller is back at the head of the line. */
  'queue:requeued': (p: QueueStatus) => void;
  /** The caller is no longer in line (left on another device, or gone too long). */
  'queue:left': (p: { entryId: EntryId; reason: 'left' | 'lost' }) => void;
  'desk:state': (p: DeskState) => void;
  'desk:offer': (p: DeskOffer) => void;
  'desk:offerEnded': (p: { entryId: EntryId; why: 'declined' | 'timeout' | 'withdrawn' | 'answered' }) => void;
  'wallboard:update': (p: WallboardSnapshot) => void;
  'chat:message': (p: ChatMessage) => void;
  /** The call's chat was linked to the text chat it came from: its messages, for the call's interpreters. */
  'chat:earlier': (p: { sessionId: ChatSessionId; messages: ChatMessage[] }) => void;
  'chat:typing': (p: { sessionId: ChatSessionId; from: 'guest' | 'staff'; typing: boolean }) => void;
  'chat:status': (p: ChatQueueStatus) => void;
  'chat:connected': (p: { sessionId: ChatSessionId; interpreterName: string }) => void;
  'chat:ended': (p: { sessionId: ChatSessionId; by: 'guest' | 'staff' | 'system'; reason: 'ended' | 'left' | 'lost' }) => void;
  'desk:chatOffer': (p: ChatOffer) => void;
  /** To the caller: confirm what the interpreter is about to file. */
  'case:readBack': (p: ReadBack) => void;
  /** To the interpreters of the call or chat: the caller answered the read-back. */
  'case:readBackAnswered': (p: { ref: CaseRef; readBack: ReadBackState }) => void;
  /** To the caller: a case was filed; its number and plain summary. */
  'case:filed': (p: CaseReceipt) => void;
  'desk:chatOfferEnded': (p: { sessionId: ChatSessionId; why: 'declined' | 'timeout' | 'withdrawn' | 'answered' }) => void;
}

export const CALL_END_REASON_SET: ReadonlySet<string> = new Set(CALL_END_REASONS);
