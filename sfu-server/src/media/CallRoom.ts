import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import {
  MAX_PARTICIPANTS,
  type CallEndReason,
  type CallId,
  type ClientPayload,
  type ClientResults,
  type ConsumerId,
  type MediaSource,
  type ParticipantRole,
  type PeerId,
  type ProducerId,
  type ProducerInfo,
  type TransportId,
} from '@sign-relay/shared';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { PortRange } from './WorkerPool.ts';
import { Peer, PEER_LIMITS, type Direction, type PeerSink, type ProducerAppData, type TransportAppData } from './Peer.ts';

export interface CallRoomOptions {
  listenIp: string;
  announcedIp: string | undefined;
  /** The router's worker's ports; every transport of this call listens within them. */
  portRange: PortRange;
  logger: Logger;
}

/** The bitrate a browser may send us per transport: 640×480@30 with headroom, plus Opus. */
const MAX_INCOMING_BITRATE = 1_500_000;

/**
 * Browsers ignore a key-frame request that comes within ~300 ms of the key frame they last sent (Chromium's
 * minimum key-frame interval), and mediasoup only repeats an unanswered request after 1 s. A consumer
 * resumed moments after its producer started would ask exactly then, and the viewer would wait a full
 * second for a picture. So a video consumer's resume waits until its producer is this old.
 */
const FIRST_KEYFRAME_REQUEST_AGE_MS = 400;

/** Receivers' own key-frame requests (media:requestKeyFrame), per consumer. */
const KEYFRAME_REQUEST_INTERVAL_MS = 1_000;
/** A receiver may replace its consumer of one producer (media:renewConsumer) once in this long. */
export const RENEW_CONSUMER_INTERVAL_MS = 2_000;

/**
 * Where a call's WebRTC transports listen: UDP first, and TCP for networks that block UDP (ICE-TCP, passive on our
 * side), both within the port range of the router's worker.
 */
export function listenInfos(opts: Pick<CallRoomOptions, 'listenIp' | 'announcedIp' | 'portRange'>): types.TransportListenInfo[] {
  return (['udp', 'tcp'] as const).map((protocol) => ({
    protocol,
    ip: opts.listenIp,
    ...(opts.announcedIp ? { announcedAddress: opts.announcedIp } : {}),
    portRange: opts.portRange,
  }));
}

/** Wraps mediasoup's own errors (bad RTP parameters and the like) into a safe, coded error. */
async function media<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('MEDIA_ERROR', `Could not ${what}: the media parameters were refused.`);
  }
}

/**
 * A call: one mediasoup router and up to four participants. The room decides; peers only hold their
 * objects. `close(reason)` is idempotent, tells every participant why, and closes the router, which frees
 * every transport, producer and consumer of the call in the worker.
 */
export class CallRoom extends EventEmitter<{ close: [CallEndReason] }> {
  private readonly peers = new Map<PeerId, Peer>();
  private closedReason: CallEndReason | undefined;
  private readonly log: Logger;
  /** Every transport the router has, seen through mediasoup's observer (not our own bookkeeping). */
  private readonly routerTransports = new Set<types.Transport>();

  constructor(
    readonly id: CallId,
    readonly router: types.Router,
    private readonly opts: CallRoomOptions,
  ) {
    super();
    this.log = opts.logger.child({ callId: id, routerId: router.id });
    router.on('workerclose', () => this.close('media-failure'));
    router.observer.on('newtransport', (t: types.Transport) => {
      this.routerTransports.add(t);
      t.observer.once('close', () => this.routerTransports.delete(t));
    });
  }

  get closed(): boolean {
    return this.closedReason !== undefined;
  }

  get size(): number {
    return this.peers.size;
  }

  roles(): ParticipantRole[] {
    return [...this.peers.values()].map((p) => p.role);
  }

  /** Adds a participant; a role other than 'interpreter2'/'hearing' may be held by one person only. */
  join(role: ParticipantRole, displayName: string, sink: PeerSink): { peer: Peer; result: ClientResults['call:join'] } {
    if (this.closed) throw new AppError('CALL_ENDED', 'This call has ended.');
    if (this.peers.size >= MAX_PARTICIPANTS) throw new AppError('CALL_FULL', 'This call already has the most participants it can hold.');
    if ([...this.peers.values()].some((p) => p.role === role)) {
      throw new AppError('CALL_FULL', 'Someone in this call already has that role.');
    }
    const peer = new Peer(randomUUID() as PeerId, role, displayName, sink);
    const others = [...this.peers.values()];
    this.peers.set(peer.id, peer);
    for (const o of others) o.sink.notify('call:peerJoined', peer.info());
    this.log.info({ peerId: peer.id, role }, 'peer joined');
    return {
      peer,
      result: {
        callId: this.id,
        peerId: peer.id,
        routerRtpCapabilities: this.router.rtpCapabilities,
        peers: others.map((o) => o.info()),
        producers: others.flatMap((o) => [...o.producers.values()].map((p) => this.producerInfo(o, p))),
      },
    };
  }

  /** Removes a participant and frees their media; the others are told. */
  leave(peer: Peer): void {
    if (!this.peers.delete(peer.id)) return;
    peer.close();
    this.log.info({ peerId: peer.id, role: peer.role }, 'peer left');
    for (const o of this.peers.values()) o.sink.notify('call:peerLeft', { peerId: peer.id });
  }

  async createTransport(peer: Peer, direction: Direction): Promise<ClientResults['media:createTransport']> {
    this.assertMember(peer);
    // Claimed before awaiting the worker: requests made at once see the claim, not an empty slot.
    const release = peer.claimTransport(direction);
    if (!release) throw new AppError('BAD_REQUEST', `A ${direction} transport already exists.`);
    try {
      const appData: TransportAppData = { direction, peerId: peer.id };
      const transport = await media('create a transport', () =>
        this.router.createWebRtcTransport({
          listenInfos: listenInfos(this.opts),
          preferUdp: true,
          initialAvailableOutgoingBitrate: 1_000_000,
          appData,
        }),
      );
      if (peer.closed) {
        transport.close();
        throw new AppError('NOT_IN_CALL', 'You are no longer in this call.');
      }
      peer.transports.set(transport.id, transport);
      transport.observer.once('close', () => peer.transports.delete(transport.id));
      transport.on('dtlsstatechange', (state) => {
        if (state === 'failed' || state === 'closed') this.log.warn({ peerId: peer.id, transportId: transport.id, state }, 'transport dtls ended');
      });
      if (direction === 'send') await transport.setMaxIncomingBitrate(MAX_INCOMING_BITRATE).catch(() => undefined);
      return {
        id: transport.id as TransportId,
        iceParameters: transport.iceParameters,
        iceCandidates: transport.iceCandidates,
        dtlsParameters: transport.dtlsParameters,
      };
    } finally {
      release();
    }
  }

  async connectTransport(peer: Peer, p: ClientPayload<'media:connectTransport'>): Promise<void> {
    const transport = this.ownTransport(peer, p.transportId);
    await media('connect the transport', () => transport.connect({ dtlsParameters: p.dtlsParameters as types.DtlsParameters }));
  }

  /** New ICE credentials for one of the peer's transports, after its connection failed. */
  async restartIce(peer: Peer, transportId: string): Promise<types.IceParameters> {
    const transport = this.ownTransport(peer, transportId);
    const iceParameters = await media('restart the connection', () => transport.restartIce());
    this.log.info({ peerId: peer.id, transportId }, 'ice restarted');
    return iceParameters;
  }

  async produce(peer: Peer, p: ClientPayload<'media:produce'>): Promise<ProducerId> {
    const transport = this.ownTransport(peer, p.transportId);
    if ((transport.appData as TransportAppData).direction !== 'send') throw new AppError('BAD_REQUEST', 'Media can only be sent on a send transport.');
    const expected = p.source === 'camera' ? 'video' : 'audio';
    if (p.kind !== expected) throw new AppError('BAD_REQUEST', `A ${p.source} must send ${expected}.`);
    const release = peer.claimProducer(p.source);
    if (!release) throw new AppError('BAD_REQUEST', `Your ${p.source} is already being sent.`);
    try {
      const appData: ProducerAppData = { source: p.source, peerId: peer.id, startedAt: Date.now() };
      const producer = await media('send this media', () =>
        transport.produce({ kind: p.kind, rtpParameters: p.rtpParameters as unknown as types.RtpParameters, appData }),
      );
      if (peer.closed || transport.closed) {
        producer.close();
        throw new AppError('NOT_IN_CALL', 'You are no longer in this call.');
      }
      peer.producers.set(producer.id, producer);
      producer.observer.once('close', () => peer.producers.delete(producer.id));
      const info = this.producerInfo(peer, producer);
      for (const o of this.others(peer)) o.sink.notify('media:newProducer', info);
      return producer.id as ProducerId;
    } finally {
      release();
    }
  }

  /**
   * Receives another participant's producer. One consumer per producer: a repeated request (or one made at
   * the same time) gets the same consumer.
   */
  async consume(peer: Peer, p: ClientPayload<'media:consume'>): Promise<ClientResults['media:consume']> {
    this.assertMember(peer);
    const others = this.others(peer);
    const owner = others.find((o) => o.producers.has(p.producerId));
    const producer = owner?.producers.get(p.producerId);
    if (!owner || !producer) throw new AppError('NOT_FOUND', 'That media is not in this call.');
    const existing = peer.consumerOf(producer.id);
    if (existing) return this.consumerInfo(owner, producer, existing);
    let pending = peer.consuming.get(producer.id);
    if (!pending) {
      const transport = peer.transportFor('recv');
      if (!transport) throw new AppError('BAD_REQUEST', 'Create a receive transport first.');
      const caps = p.rtpCapabilities as types.RtpCapabilities;
      if (!this.router.canConsume({ producerId: producer.id, rtpCapabilities: caps })) {
        throw new AppError('MEDIA_ERROR', 'Your browser cannot receive this media.');
      }
      const theirs = others.reduce((n, o) => n + o.producers.size, 0);
      if (peer.consumers.size + peer.consuming.size >= PEER_LIMITS.consumersPerProducer * theirs) {
        throw new AppError('RATE_LIMITED', 'Too many media streams; slow down.');
      }
      pending = this.createConsumer(peer, transport, producer, caps);
      peer.consuming.set(producer.id, pending);
      const settled = () => {
        if (peer.consuming.get(producer.id) === pending) peer.consuming.delete(producer.id);
      };
      pending.then(settled, settled);
    }
    return this.consumerInfo(owner, producer, await pending);
  }

  /**
   * A receiver whose packets arrive but do not decode asks for a fresh key frame (after a loss burst the
   * frames it has refer to ones it never got). At most one request per consumer every
   * {@link KEYFRAME_REQUEST_INTERVAL_MS}: key frames are large, and a flood of them would spoil the sender's picture.
   */
  async requestKeyFrame(peer: Peer, consumerId: string): Promise<void> {
    this.assertMember(peer);
    const consumer = peer.consumers.get(consumerId);
    if (!consumer) throw new AppError('NOT_FOUND', 'That media stream is not yours.');
    if (consumer.kind !== 'video') return;
    const appData = consumer.appData as { lastKeyFrameRequestAt?: number };
    const now = Date.now();
    if (now - (appData.lastKeyFrameRequestAt ?? 0) < KEYFRAME_REQUEST_INTERVAL_MS) return;
    appData.lastKeyFrameRequestAt = now;
    await media('ask for a fresh picture', () => consumer.requestKeyFrame());
  }

  /**
   * Replaces one of the participant's consumers by a fresh one of the same producer, created paused like any
   * consumer (the client resumes it once its track is attached). Asked for after a network drop, and when the
   * browser holds complete frames undecoded: its playout timing, thrown off by the burst that follows a drop,
   * lives in the receiver, and only a new stream starts it afresh. Once per producer every
   * {@link RENEW_CONSUMER_INTERVAL_MS}, so a client cannot churn the router.
   */
  async renewConsumer(peer: Peer, p: ClientPayload<'media:renewConsumer'>): Promise<ClientResults['media:consume']> {
    this.assertMember(peer);
    const old = peer.consumers.get(p.consumerId);
    if (!old) throw new AppError('NOT_FOUND', 'That media stream is not yours.');
    const owner = this.others(peer).find((o) => o.producers.has(old.producerId));
    const producer = owner?.producers.get(old.producerId);
    if (!owner || !producer) throw new AppError('NOT_FOUND', 'That media is not in this call.');
    const now = Date.now();
    const renewedAt = (old.appData as { renewedAt?: number }).renewedAt ?? 0;
    if (now - renewedAt < RENEW_CONSUMER_INTERVAL_MS) throw new AppError('RATE_LIMITED', 'That media stream was just renewed; wait a moment.');
    const transport = peer.transportFor('recv');
    if (!transport) throw new AppError('BAD_REQUEST', 'Create a receive transport first.');
    const caps = p.rtpCapabilities as types.RtpCapabilities;
    if (!this.router.canConsume({ producerId: producer.id, rtpCapabilities: caps })) {
      throw new AppError('MEDIA_ERROR', 'Your browser cannot receive this media.');
    }
    old.close();
    const consumer = await this.createConsumer(peer, transport, producer, caps);
    (consumer.appData as { renewedAt?: number }).renewedAt = now;
    return this.consumerInfo(owner, producer, consumer);
  }

  async resumeConsumer(peer: Peer, consumerId: string): Promise<void> {
    this.assertMember(peer);
    const consumer = peer.consumers.get(consumerId);
    if (!consumer) throw new AppError('NOT_FOUND', 'That media stream is not yours.');
    if (consumer.kind === 'video') {
      const startedAt = (consumer.appData as { producerStartedAt?: number }).producerStartedAt ?? 0;
      const wait = startedAt + FIRST_KEYFRAME_REQUEST_AGE_MS - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (consumer.closed) throw new AppError('NOT_FOUND', 'That media stream has ended.');
    }
    await media('resume the media', () => consumer.resume());
  }

  async setProducerPaused(peer: Peer, producerId: string, paused: boolean): Promise<void> {
    this.assertMember(peer);
    const producer = peer.producers.get(producerId);
    if (!producer) throw new AppError('NOT_FOUND', 'That media is not yours.');
    await media(paused ? 'pause the media' : 'resume the media', () => (paused ? producer.pause() : producer.resume()));
    const event = paused ? 'media:producerPaused' : 'media:producerResumed';
    for (const o of this.others(peer)) o.sink.notify(event, { producerId: producer.id as ProducerId, peerId: peer.id });
  }

  /**
   * Closes a participant's transports, producers and consumers, keeping them in the call: their connection
   * stayed broken although ICE was restarted, and their client rebuilds it with new transports. The others'
   * consumers of their media close (each told with `media:consumerClosed`) and the new producers are announced
   * as usual.
   */
  resetMedia(peer: Peer): void {
    this.assertMember(peer);
    const counts = { transports: peer.transports.size, producers: peer.producers.size, consumers: peer.consumers.size };
    peer.resetMedia();
    this.log.info({ peerId: peer.id, ...counts }, 'media reset: transports closed for a rebuild');
  }

  /** Ends the call for everyone, once. */
  close(reason: CallEndReason): void {
    if (this.closedReason) return;
    this.closedReason = reason;
    for (const p of this.peers.values()) {
      p.sink.notify('call:ended', { callId: this.id, reason });
      p.close();
    }
    this.peers.clear();
    if (!this.router.closed) this.router.close();
    this.log.info({ reason }, 'call ended');
    this.emit('close', reason);
  }

  /** Transports, producers and consumers of this call as the mediasoup worker process reports them. */
  async workerCounts(): Promise<{ transports: number; producers: number; consumers: number }> {
    const routerDump = (await this.router.dump()) as { transportIds: string[] };
    const dumps = (await Promise.all([...this.routerTransports].map((t) => t.dump()))) as { producerIds: string[]; consumerIds: string[] }[];
    return {
      transports: routerDump.transportIds.length,
      producers: dumps.reduce((n, d) => n + d.producerIds.length, 0),
      consumers: dumps.reduce((n, d) => n + d.consumerIds.length, 0),
    };
  }

  /** Creates a paused consumer on the peer's receive transport and keeps it until it closes. */
  private async createConsumer(peer: Peer, transport: types.WebRtcTransport, producer: types.Producer, caps: types.RtpCapabilities): Promise<types.Consumer> {
    const consumer = await media('receive this media', () =>
      transport.consume({
        producerId: producer.id,
        rtpCapabilities: caps,
        paused: true,
        appData: { peerId: peer.id, producerStartedAt: (producer.appData as ProducerAppData).startedAt },
      }),
    );
    if (peer.closed) {
      consumer.close();
      throw new AppError('NOT_IN_CALL', 'You are no longer in this call.');
    }
    peer.consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => peer.consumers.delete(consumer.id));
    consumer.on('producerclose', () => {
      peer.sink.notify('media:consumerClosed', { consumerId: consumer.id as ConsumerId, producerId: producer.id as ProducerId });
    });
    return consumer;
  }

  private consumerInfo(owner: Peer, producer: types.Producer, consumer: types.Consumer): ClientResults['media:consume'] {
    return {
      id: consumer.id as ConsumerId,
      producerId: producer.id as ProducerId,
      peerId: owner.id,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
      source: (producer.appData as ProducerAppData).source,
    };
  }

  private producerInfo(owner: Peer, producer: types.Producer): ProducerInfo {
    return {
      producerId: producer.id as ProducerId,
      peerId: owner.id,
      kind: producer.kind,
      source: (producer.appData as ProducerAppData).source as MediaSource,
      paused: producer.paused,
    };
  }

  private others(peer: Peer): Peer[] {
    return [...this.peers.values()].filter((p) => p !== peer);
  }

  private assertMember(peer: Peer): void {
    if (this.closed) throw new AppError('CALL_ENDED', 'This call has ended.');
    if (this.peers.get(peer.id) !== peer) throw new AppError('NOT_IN_CALL', 'You are not in this call.');
  }

  private ownTransport(peer: Peer, transportId: string): types.WebRtcTransport {
    this.assertMember(peer);
    const t = peer.transports.get(transportId);
    if (!t) throw new AppError('NOT_FOUND', 'That connection is not yours.');
    return t;
  }
}
