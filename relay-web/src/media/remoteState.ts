/**
 * What we know about the other participants: who is in the call and which media they send.
 * Immutable updates only (the call screen renders snapshots), and no mediasoup objects here:
 * producers are known before they are consumed, so peers and media are kept apart and joined
 * on read, which makes the order of `call:peerJoined` and `media:newProducer` irrelevant.
 */
import type { MediaSource, PeerId, PeerInfo, ProducerId, ProducerInfo } from '@sign-relay/shared';

/** One remote producer and, once consumed, its track. */
export interface RemoteMedia {
  producerId: ProducerId;
  peerId: PeerId;
  kind: 'audio' | 'video';
  source: MediaSource;
  /** The sender paused it (camera or mic switched off on their side). */
  paused: boolean;
  /** The consumer's track, `null` until consumed. */
  track: MediaStreamTrack | null;
  /** RTP has arrived on the track at least once. */
  receiving: boolean;
}

export interface RemoteState {
  /** In join order. */
  peers: readonly PeerInfo[];
  media: readonly RemoteMedia[];
}

export const EMPTY_REMOTE_STATE: RemoteState = { peers: [], media: [] };

/** The participant shown large, with the media to play. */
export interface PrimaryRemote {
  peer: PeerInfo | null;
  video: RemoteMedia | null;
  audio: RemoteMedia | null;
}

export function addPeer(s: RemoteState, peer: PeerInfo): RemoteState {
  const peers = s.peers.filter((p) => p.peerId !== peer.peerId);
  return { ...s, peers: [...peers, peer] };
}

/** Removes the peer and all its media. */
export function removePeer(s: RemoteState, peerId: PeerId): RemoteState {
  return { peers: s.peers.filter((p) => p.peerId !== peerId), media: s.media.filter((m) => m.peerId !== peerId) };
}

/** Records a producer announced by the server; an already known one keeps its track. */
export function addProducer(s: RemoteState, info: ProducerInfo): RemoteState {
  const existing = s.media.find((m) => m.producerId === info.producerId);
  const entry: RemoteMedia = {
    producerId: info.producerId,
    peerId: info.peerId,
    kind: info.kind,
    source: info.source,
    paused: info.paused,
    track: existing?.track ?? null,
    receiving: existing?.receiving ?? false,
  };
  return { ...s, media: [...s.media.filter((m) => m.producerId !== info.producerId), entry] };
}

export function removeProducer(s: RemoteState, producerId: ProducerId): RemoteState {
  return { ...s, media: s.media.filter((m) => m.producerId !== producerId) };
}

function patchMedia(s: RemoteState, producerId: ProducerId, patch: Partial<RemoteMedia>): RemoteState {
  if (!s.media.some((m) => m.producerId === producerId)) return s;
  return { ...s, media: s.media.map((m) => (m.producerId === producerId ? { ...m, ...patch } : m)) };
}

export function setTrack(s: RemoteState, producerId: ProducerId, track: MediaStreamTrack | null): RemoteState {
  return patchMedia(s, producerId, { track, receiving: track !== null && !track.muted });
}

export function setPaused(s: RemoteState, producerId: ProducerId, paused: boolean): RemoteState {
  return patchMedia(s, producerId, { paused });
}

export function setReceiving(s: RemoteState, producerId: ProducerId): RemoteState {
  return patchMedia(s, producerId, { receiving: true });
}

/**
 * The participant shown large: the caller if they are in the call (what every interpreter needs to see,
 * also while a call is handed over), else the first to have joined (for the caller, their interpreter).
 */
export function primaryRemote(s: RemoteState): PrimaryRemote {
  const peer = s.peers.find((p) => p.role === 'caller') ?? s.peers[0] ?? null;
  // Media can arrive before its peer is announced; show it anyway under an unknown peer.
  const peerId = peer?.peerId ?? s.media[0]?.peerId;
  const mine = s.media.filter((m) => m.peerId === peerId);
  // The newest of each kind: a peer whose connection was rebuilt sends new producers, announced after the old.
  return {
    peer,
    video: mine.findLast((m) => m.kind === 'video') ?? null,
    audio: mine.findLast((m) => m.kind === 'audio') ?? null,
  };
}
