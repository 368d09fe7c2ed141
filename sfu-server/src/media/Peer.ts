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
 * One participant in a call and every mediasoup object they own. `close()` is idempotent and frees all of
 * them: closing a transport closes its producers and consumers inside mediasoup.
 */
export class Peer extends EventEmitter<{ close: [] }> {
  readonly transports = new Map<string, types.WebRtcTransport>();
  readonly producers = new Map<string, types.Producer>();
  readonly consumers = new Map<string, types.Consumer>();
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

  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    for (const t of this.transports.values()) t.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
    this.emit('close');
  }
}
