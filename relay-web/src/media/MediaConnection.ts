/**
 * The mediasoup side of one call: a loaded device, one send and one receive transport, our
 * producers and the consumers of other people's media. The only code that touches
 * mediasoup-client objects. It reports to its owner through callbacks and never decides about
 * the call itself.
 */
import { Device } from 'mediasoup-client';
import type { types as ms } from 'mediasoup-client';
import { SIGN_VIDEO } from '@sign-relay/shared';
import type { ConsumerId, ConsumerOptions, MediaSource, ProducerId, TransportId } from '@sign-relay/shared';
import type { Requester } from '../signaling/requester.ts';
import { errorCodeOf } from '../signaling/socket.ts';
import { consumerOptions, routerCapabilities, transportOptions } from './fromServer.ts';
import { audioProducerOptions, preferFrameRate, videoProducerOptions } from './produceOptions.ts';
import { IceRecovery } from './iceRecovery.ts';
import { DecodeWatch, decodeSampleOf } from './decodeWatch.ts';
import { SendGuard, sendSampleOf } from './sendGuard.ts';
import type { ProducerAppData } from './produceOptions.ts';

export interface MediaConnectionListener {
  transportState(direction: 'send' | 'recv', state: ms.ConnectionState): void;
  /** RTP arrived on the consumed track of this producer. */
  receiving(producerId: ProducerId): void;
  /** A transport stayed broken although ICE was restarted: the connection should be rebuilt. */
  stuck?(): void;
  /** The consumer of this producer was replaced by a fresh one: show this track instead. */
  renewed?(producerId: ProducerId, track: MediaStreamTrack): void;
  /** Whether the sender paused this producer at any time since `since` (ms epoch). */
  pausedSince?(producerId: ProducerId, since: number): boolean;
}

export class MediaConnection {
  private readonly producers = new Map<MediaSource, ms.Producer<ProducerAppData>>();
  private readonly consumers = new Map<ProducerId, ms.Consumer>();
  /** Producers being consumed right now, so a repeated announcement cannot consume twice. */
  private readonly consuming = new Set<ProducerId>();
  private closed = false;
  private readonly decodeWatch = new DecodeWatch();

  private constructor(
    private readonly request: Requester,
    private readonly device: Device,
    private readonly sendTransport: ms.Transport,
    private readonly recvTransport: ms.Transport,
    private listener: MediaConnectionListener | undefined,
    private readonly ice: IceRecovery,
  ) {}

  /** Loads a device with the router's capabilities and creates both transports. */
  static async open(
    request: Requester,
    routerRtpCapabilities: unknown,
    listener: MediaConnectionListener,
    createDevice: () => Device = () => new Device(),
  ): Promise<MediaConnection> {
    const device = createDevice();
    await device.load({ routerRtpCapabilities: routerCapabilities(routerRtpCapabilities) });
    const [send, recv] = await Promise.all([
      request('media:createTransport', { direction: 'send' }),
      request('media:createTransport', { direction: 'recv' }),
    ]);
    const sendTransport = device.createSendTransport(transportOptions(send));
    const recvTransport = device.createRecvTransport(transportOptions(recv));
    // Filled in once made: the transports' events reach whoever listens to it then (nobody once closed).
    const made: { connection?: MediaConnection } = {};
    const ice = new IceRecovery(
      (transportId) => request('media:restartIce', { transportId: transportId as TransportId }).then((r) => r.iceParameters),
      Date.now,
      () => made.connection?.listener?.stuck?.(),
    );
    for (const transport of [sendTransport, recvTransport]) {
      const transportId = transport.id as TransportId;
      transport.on('connect', ({ dtlsParameters }, callback, errback) => {
        request('media:connectTransport', { transportId, dtlsParameters }).then(() => callback(), errback);
      });
      transport.on('connectionstatechange', (state) => {
        made.connection?.listener?.transportState(transport.direction, state);
        ice.onState(transport, state);
      });
    }
    sendTransport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      const source = (appData as ProducerAppData).source;
      request('media:produce', { transportId: sendTransport.id as TransportId, kind, rtpParameters, source }).then(
        ({ producerId }) => callback({ id: producerId }),
        errback,
      );
    });
    made.connection = new MediaConnection(request, device, sendTransport, recvTransport, listener, ice);
    return made.connection;
  }

  /** What the server needs to create consumers this browser can decode. */
  get rtpCapabilities(): ms.RtpCapabilities {
    return this.device.rtpCapabilities;
  }

  /** Whether this browser can send the kind at all with this router. */
  canSend(kind: 'audio' | 'video'): boolean {
    return this.device.canProduce(kind);
  }

  /**
   * Sends a local track, or swaps it into the existing producer for that source (after a camera
   * retry). Video is tuned for sign language: motion hint, frame-rate-first degradation.
   */
  async publish(source: MediaSource, track: MediaStreamTrack): Promise<ProducerId | null> {
    if (this.closed) return null;
    const existing = this.producers.get(source);
    if (existing && !existing.closed) {
      if (source === 'camera') track.contentHint = SIGN_VIDEO.contentHint;
      await existing.replaceTrack({ track });
      return existing.id as ProducerId;
    }
    const options = source === 'camera' ? videoProducerOptions(track) : audioProducerOptions(track);
    const producer = await this.sendTransport.produce(options);
    if (this.closed) {
      producer.close();
      return null;
    }
    this.producers.set(source, producer);
    if (source === 'camera') {
      await preferFrameRate(producer.rtpSender);
      // Through a network drop: the picture gets smaller, not slower (sendGuard.ts).
      const guard = new SendGuard({
        sample: async () => (producer.closed ? null : sendSampleOf(await producer.getStats())),
        scaleDownBy: (factor) => producer.setRtpEncodingParameters({ scaleResolutionDownBy: factor }),
      });
      guard.start();
      producer.observer.once('close', () => guard.stop());
    }
    return producer.id as ProducerId;
  }

  /**
   * Pauses or resumes sending a source, locally (the track is disabled, so the self-view goes
   * dark too) and on the server (so the other side can show "camera off").
   */
  async setSending(source: MediaSource, on: boolean): Promise<void> {
    const producer = this.producers.get(source);
    if (!producer || producer.closed || producer.paused === !on) return;
    const producerId = producer.id as ProducerId;
    if (on) {
      producer.resume();
      await this.request('media:resumeProducer', { producerId });
    } else {
      producer.pause();
      await this.request('media:pauseProducer', { producerId });
    }
  }

  /**
   * Receives a remote producer: the server creates the consumer paused, we attach its track and
   * only then ask the server to resume it, so no early frames are lost.
   */
  async consume(producerId: ProducerId): Promise<MediaStreamTrack | null> {
    if (this.closed || this.consuming.has(producerId)) return null;
    if (this.consumers.has(producerId)) return this.consumers.get(producerId)?.track ?? null;
    this.consuming.add(producerId);
    try {
      return await this.consumeOnce(producerId);
    } finally {
      this.consuming.delete(producerId);
    }
  }

  private async consumeOnce(producerId: ProducerId): Promise<MediaStreamTrack | null> {
    const options = await this.request('media:consume', { producerId, rtpCapabilities: this.device.rtpCapabilities });
    return this.receive(producerId, options);
  }

  /** Attaches a consumer the server made (paused), watches its picture, then has the server resume it. */
  private async receive(producerId: ProducerId, options: ConsumerOptions, renewedAt?: number): Promise<MediaStreamTrack | null> {
    if (this.closed) return null;
    const consumer = await this.recvTransport.consume(consumerOptions(options));
    if (this.closed) {
      consumer.close();
      return null;
    }
    this.consumers.set(producerId, consumer);
    const { track } = consumer;
    if (consumer.kind === 'video') {
      const consumerId = consumer.id as ConsumerId;
      this.decodeWatch.add(
        {
          id: consumer.id,
          sample: async () => (consumer.closed ? null : decodeSampleOf(await consumer.getStats())),
          requestKeyFrame: () => this.request('media:requestKeyFrame', { consumerId }).then(() => undefined),
          renew: () => this.renew(producerId, consumer),
          pausedSince: (since) => this.listener?.pausedSince?.(producerId, since) ?? false,
        },
        renewedAt,
      );
      consumer.observer.once('close', () => this.decodeWatch.remove(consumer.id));
    }
    // Browsers start remote tracks muted and unmute them when the first RTP packet arrives.
    track.addEventListener('unmute', () => this.listener?.receiving(producerId), { once: true });
    await this.request('media:resumeConsumer', { consumerId: consumer.id as ConsumerId });
    return track;
  }

  /**
   * Replaces a consumer whose receiver holds its frames undecoded (decodeWatch.ts) with a fresh one of the same
   * producer; the owner is told the new track through `renewed`. If the server could not renew it (other than
   * "just renewed"), the producer is received anew the plain way, so a half-done renewal never leaves a dead picture.
   */
  private async renew(producerId: ProducerId, old: ms.Consumer): Promise<void> {
    if (this.closed || old.closed || this.consumers.get(producerId) !== old || this.consuming.has(producerId)) return;
    this.consuming.add(producerId);
    let track: MediaStreamTrack | null;
    try {
      const rtpCapabilities = this.device.rtpCapabilities;
      let options: ConsumerOptions;
      try {
        options = await this.request('media:renewConsumer', { consumerId: old.id as ConsumerId, rtpCapabilities });
      } catch (error) {
        if (errorCodeOf(error) === 'RATE_LIMITED') throw error; // the old consumer stands
        options = await this.request('media:consume', { producerId, rtpCapabilities });
      }
      // The server has closed the old consumer: its receiver goes, the new one takes its place.
      old.close();
      if (this.consumers.get(producerId) === old) this.consumers.delete(producerId);
      track = await this.receive(producerId, options, Date.now());
    } finally {
      this.consuming.delete(producerId);
    }
    if (track) this.listener?.renewed?.(producerId, track);
  }

  /** Drops the consumer of a producer that went away. */
  closeConsumer(producerId: ProducerId): void {
    this.consumers.get(producerId)?.close();
    this.consumers.delete(producerId);
  }

  /** Closes transports (and with them every producer and consumer). Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.listener = undefined;
    this.ice.stop();
    this.decodeWatch.stop();
    for (const consumer of this.consumers.values()) consumer.close();
    for (const producer of this.producers.values()) producer.close();
    this.consumers.clear();
    this.producers.clear();
    this.sendTransport.close();
    this.recvTransport.close();
  }
}
