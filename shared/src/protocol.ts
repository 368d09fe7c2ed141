/**
 * The signaling protocol: every client→server event is declared here once, with its zod payload schema
 * and its result type. The server validates each payload with the schema on arrival; clients use the
 * same types. Event names are `domain:verb`.
 */
import { z } from 'zod';
import type { Ack } from './errors.ts';
import type { CallEndReason, MediaSource, ParticipantRole } from './media.ts';
import { CALL_END_REASONS, MEDIA_SOURCES, PARTICIPANT_ROLES } from './media.ts';
import { ID_PATTERN } from './ids.ts';
import type { CallId, ConsumerId, PeerId, ProducerId, TransportId } from './ids.ts';

const id = z.string().regex(ID_PATTERN, 'must be an id');
const shortText = z.string().max(200);
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

/** Payload schemas of every client→server event. */
export const clientSchemas = {
  'call:create': z.object({}).strict(),
  'call:join': z.object({ callId: id, role: z.enum(PARTICIPANT_ROLES), displayName: shortText.optional() }).strict(),
  'call:hangup': z.object({}).strict(),
  'media:createTransport': z.object({ direction: z.enum(['send', 'recv']) }).strict(),
  'media:connectTransport': z.object({ transportId: id, dtlsParameters }).strict(),
  'media:produce': z
    .object({ transportId: id, kind: z.enum(['audio', 'video']), rtpParameters, source: z.enum(MEDIA_SOURCES) })
    .strict(),
  'media:consume': z.object({ producerId: id, rtpCapabilities }).strict(),
  'media:resumeConsumer': z.object({ consumerId: id }).strict(),
  'media:pauseProducer': z.object({ producerId: id }).strict(),
  'media:resumeProducer': z.object({ producerId: id }).strict(),
} as const;

export type ClientEventName = keyof typeof clientSchemas;
export type ClientPayload<E extends ClientEventName> = z.infer<(typeof clientSchemas)[E]>;

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

/** Result types of every client→server event. */
export interface ClientResults {
  'call:create': { callId: CallId };
  'call:join': { callId: CallId; peerId: PeerId; routerRtpCapabilities: unknown; peers: PeerInfo[]; producers: ProducerInfo[] };
  'call:hangup': Record<string, never>;
  'media:createTransport': TransportOptions;
  'media:connectTransport': Record<string, never>;
  'media:produce': { producerId: ProducerId };
  'media:consume': ConsumerOptions;
  'media:resumeConsumer': Record<string, never>;
  'media:pauseProducer': Record<string, never>;
  'media:resumeProducer': Record<string, never>;
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
}

export const CALL_END_REASON_SET: ReadonlySet<string> = new Set(CALL_END_REASONS);
