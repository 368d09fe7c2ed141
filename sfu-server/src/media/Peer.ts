import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import type { MediaSource, ParticipantRole, PeerId, PeerInfo, ServerToClientEvents } from '@sign-relay/shared';

/** How a room talks to one participant's client, without knowing about sockets. */
export interface PeerSink {
  notify<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
}

export type Direction = 'send' | 'recv';

export interface TransportAppData {
  direction: Direction;
  peerId: PeerId;
  [key: string]: unknown;
}

export interface ProducerAppData {
  source: MediaSource;
  peerId: PeerId;
  /** When the producer was created (ms epoch), to time the first key-frame request (see CallRoom). */
  startedAt: number;
  [key: string]: unknown;
}

/**
 * What one participant may hold at once: a transport per direction, a producer per source (camera and
 * microphone), and a consumer per producer of the others, never more than this many per producer of theirs.
 */
export const PEER_LIMITS = { transports: 2, producers: 2, consumersPerProducer: 3 } as const;

/**
 * One participant in a call and every mediasoup object they own. `close()` is idempotent and frees all of
 * them: closing a transport closes its producers and consumers inside mediasoup.
 */
export class Peer extends EventEmitter<{ close: [] }> {
  readonly transports = new Map<string, types.WebRtcTransport>();
  readonly producers = new Map<string, types.Producer>();
  readonly consumers = new Map<string, types.Consumer>();
  /** Consumers being created, by the producer they receive: a second request for one waits for the first. */
  readonly consuming = new Map<string, Promise<types.Consumer>>();
  /** Transports and producers being created: claimed before mediasoup is awaited, so requests at once cannot pass a check together. */
  private readonly claimedDirections = new Set<Direction>();
  private readonly claimedSources = new Set<MediaSource>();
  private closedFlag = false;

  constructor(
    readonly id: PeerId,
    readonly role: ParticipantRole,
    readonly displayName: string,
    readonly sink: PeerSink,
  ) {
    super();
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  info(): PeerInfo {
    return { peerId: this.id, role: this.role, displayName: this.displayName };
  }

  transportFor(direction: Direction): types.WebRtcTransport | undefined {
    for (const t of this.transports.values()) {
      if ((t.appData as TransportAppData).direction === direction) return t;
    }
    return undefined;
  }

  producerFor(source: MediaSource): types.Producer | undefined {
    for (const p of this.producers.values()) {
      if ((p.appData as ProducerAppData).source === source) return p;
    }
    return undefined;
  }

  /** This peer's live consumer of a producer, if any. */
  consumerOf(producerId: string): types.Consumer | undefined {
    for (const c of this.consumers.values()) if (c.producerId === producerId && !c.closed) return c;
    return undefined;
  }

  /**
   * Claims the creation of this direction's transport, synchronously: undefined when the peer has one, is
   * creating one, or is at its cap. The returned function gives the claim back (once the transport is kept or failed).
   */
  claimTransport(direction: Direction): (() => void) | undefined {
    if (this.closedFlag || this.claimedDirections.has(direction) || this.transportFor(direction)) return undefined;
    if (this.transports.size + this.claimedDirections.size >= PEER_LIMITS.transports) return undefined;
    this.claimedDirections.add(direction);
    return () => this.claimedDirections.delete(direction);
  }

  /** As {@link claimTransport}, for the producer of one source. */
  claimProducer(source: MediaSource): (() => void) | undefined {
    if (this.closedFlag || this.claimedSources.has(source) || this.producerFor(source)) return undefined;
    if (this.producers.size + this.claimedSources.size >= PEER_LIMITS.producers) return undefined;
    this.claimedSources.add(source);
    return () => this.claimedSources.delete(source);
  }

  /**
   * Closes every transport (and with them every producer and consumer) while the peer stays in the call:
   * its client makes new ones after a connection that could not be restarted.
   */
  resetMedia(): void {
    for (const t of [...this.transports.values()]) t.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
    this.consuming.clear();
  }

  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.resetMedia();
    this.emit('close');
  }
}
