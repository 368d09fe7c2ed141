/**
 * One person's side of one call: joins it, opens camera and microphone, sends and receives media
 * through a {@link MediaConnection}, follows the server's notifications and exposes everything the
 * call screen needs as an immutable {@link CallSnapshot}. `close()` is idempotent and frees all media.
 */
import type { CallId, ParticipantRole, PeerId, ProducerId, ProducerInfo, ServerToClientEvents } from '@sign-relay/shared';
import type { Device, types as ms } from 'mediasoup-client';
import type { CallSnapshot, SessionEndReason, SessionFailure } from './callSnapshot.ts';
import type { Requester } from '../signaling/requester.ts';
import { socketRequester } from '../signaling/requester.ts';
import { errorCodeOf } from '../signaling/socket.ts';
import type { SignalingSocket } from '../signaling/socket.ts';
import { deriveConnectionState } from './connectionState.ts';
import type { SessionPhase } from './connectionState.ts';
import { MediaConnection } from './MediaConnection.ts';
import * as remotes from './remoteState.ts';
import type { RemoteState } from './remoteState.ts';
import { LocalDevices } from './LocalDevices.ts';
import type { LocalDeviceState } from './LocalDevices.ts';
import type { CameraErrorKind, GetUserMedia } from './userMedia.ts';

export type { CallSnapshot, LocalDeviceState, SessionEndReason, SessionFailure };

export interface CallSessionOptions {
  callId: CallId;
  /**
   * The role we expect to have, for the screen's words ("waiting for the interpreter"). The server decides
   * the actual role from who we are signed in as, so it is not sent.
   */
  role: ParticipantRole;
  displayName?: string;
}

export interface CallSessionDeps {
  socket: SignalingSocket;
  request?: Requester;
  getUserMedia?: GetUserMedia | null;
  /** Tests pass a device with mediasoup-client's FakeHandler. */
  createDevice?: () => Device;
}

type Listener = (snapshot: CallSnapshot) => void;

/** How long after a failed rebuild of the media connection the next one is tried. */
export const REBUILD_RETRY_MS = 5_000;
/** The server notifications a call session follows (the queue's and others' are not its business). */
type CallEvent = Extract<keyof ServerToClientEvents, `call:${string}` | `media:${string}`>;
type Handlers = { [E in CallEvent]: ServerToClientEvents[E] };

export class CallSession {
  private readonly socket: SignalingSocket;
  private readonly request: Requester;
  private readonly local: LocalDevices;
  private readonly createDevice: (() => Device) | undefined;
  private readonly listeners = new Set<Listener>();
  private connection: MediaConnection | null = null;
  private routerRtpCapabilities: unknown = null;
  private rebuilding = false;
  /** How often the media connection was rebuilt in this call. */
  private rebuilds = 0;
  private selfId: PeerId | null = null;
  private closed = false;

  private phase: SessionPhase = 'idle';
  private socketConnected: boolean;
  private sendState: ms.ConnectionState | null = null;
  private recvState: ms.ConnectionState | null = null;
  /** Sending failed on the server side: the call goes on receive-only. */
  private publishFailed = false;
  private remote: RemoteState = remotes.EMPTY_REMOTE_STATE;
  private remoteDropped = false;
  /** When each remote producer was last paused or resumed (a silence then was no network drop). */
  private readonly pauseChangedAt = new Map<ProducerId, number>();
  private endReason: SessionEndReason | null = null;
  private failure: SessionFailure | null = null;
  private snapshot: CallSnapshot;

  constructor(
    private readonly options: CallSessionOptions,
    deps: CallSessionDeps,
  ) {
    this.socket = deps.socket;
    this.request = deps.request ?? socketRequester(deps.socket);
    this.local = new LocalDevices(deps.getUserMedia);
    this.createDevice = deps.createDevice;
    this.socketConnected = deps.socket.connected;
    this.snapshot = this.buildSnapshot();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getSnapshot(): CallSnapshot {
    return this.snapshot;
  }

  /** Opens camera and microphone while joining, then connects media both ways. */
  async start(): Promise<void> {
    if (this.phase !== 'idle' || this.closed) return;
    this.setPhase('joining');
    this.attachSocket();
    const media = this.openLocalMedia();
    try {
      await this.join();
    } catch (error) {
      this.fail(errorCodeOf(error));
      return;
    }
    await media;
    await this.publishOrReport();
  }

  /** Switches our camera off or on for the other side (and the self-view). */
  async toggleCamera(): Promise<void> {
    await this.setSending('camera', !this.local.isOn('camera'));
  }

  async toggleMic(): Promise<void> {
    await this.setSending('microphone', !this.local.isOn('microphone'));
  }

  /** After a camera error: asks for the camera again and, if it works, starts sending it. */
  async retryCamera(): Promise<void> {
    if (this.closed || this.isOver()) return;
    await this.openLocalMedia();
    await this.publishOrReport();
  }

  /** Tells the server we hang up, then frees everything. */
  async hangup(): Promise<void> {
    if (this.closed || this.isOver()) return;
    const joined = this.selfId !== null;
    const sent = joined ? this.request('call:hangup', {}).catch(() => undefined) : Promise.resolve();
    this.finish('hangup');
    await sent;
  }

  /**
   * Leaves the call without ending it for the others (an interpreter who handed the call to a colleague),
   * then frees everything.
   */
  async leave(): Promise<void> {
    if (this.closed || this.isOver()) return;
    const joined = this.selfId !== null;
    const sent = joined ? this.request('call:leave', {}).catch(() => undefined) : Promise.resolve();
    this.finish('left');
    await sent;
  }

  /** Leaves the call if still in it and frees all media. Safe to call any number of times. */
  close(): void {
    if (this.closed) return;
    if (!this.isOver() && this.selfId !== null) void this.request('call:hangup', {}).catch(() => undefined);
    this.closed = true;
    this.teardown();
    this.listeners.clear();
  }

  private isOver(): boolean {
    return this.phase === 'ended' || this.phase === 'failed';
  }

  private async join(): Promise<void> {
    const { callId, displayName } = this.options;
    const joined = await this.request('call:join', { callId, ...(displayName ? { displayName } : {}) });
    if (this.closed) {
      void this.request('call:hangup', {}).catch(() => undefined);
      return;
    }
    this.selfId = joined.peerId;
    let remote = remotes.EMPTY_REMOTE_STATE;
    for (const peer of joined.peers) if (peer.peerId !== joined.peerId) remote = remotes.addPeer(remote, peer);
    for (const p of joined.producers) if (p.peerId !== joined.peerId) remote = remotes.addProducer(remote, p);
    this.remote = remote;
    this.routerRtpCapabilities = joined.routerRtpCapabilities;
    if (!(await this.connect())) return;
    this.setPhase('in-call');
  }

  /**
   * Opens a media connection (both transports) and consumes everything announced so far, including producers
   * that arrived while the transports were made. False when the session ended meanwhile.
   */
  private async connect(): Promise<boolean> {
    const connection = await MediaConnection.open(this.request, this.routerRtpCapabilities, {
      transportState: (direction, state) => {
        if (direction === 'send') this.sendState = state;
        else this.recvState = state;
        this.emit();
      },
      receiving: (producerId) => this.updateRemote(remotes.setReceiving(this.remote, producerId)),
      stuck: () => void this.rebuild(),
      pausedSince: (producerId, since) =>
        (this.remote.media.find((m) => m.producerId === producerId)?.paused ?? false) || (this.pauseChangedAt.get(producerId) ?? 0) >= since,
      renewed: (producerId, track) => {
        if (this.connection === connection) this.updateRemote(remotes.setTrack(this.remote, producerId, track));
      },
    }, this.createDevice);
    if (this.closed || this.isOver()) {
      connection.close();
      return false;
    }
    this.connection = connection;
    for (const media of this.remote.media) void this.consume(media.producerId);
    return true;
  }

  /**
   * The connection stayed broken although ICE was restarted: the server closes our transports (we stay in the
   * call) and we make new ones, send our camera and microphone again and receive everything again. The others
   * see our media go and come back. A rebuild that fails is tried again after {@link REBUILD_RETRY_MS}, as long
   * as signaling is up (when it is not, the socket's reconnection rejoins the call instead).
   */
  private async rebuild(): Promise<void> {
    if (this.rebuilding || this.closed || this.phase !== 'in-call') return;
    this.rebuilding = true;
    this.rebuilds += 1;
    this.connection?.close();
    this.connection = null;
    this.sendState = null;
    this.recvState = null;
    let remote = this.remote;
    for (const m of remote.media) remote = remotes.setTrack(remote, m.producerId, null);
    this.remote = remote;
    this.emit();
    let ok: boolean;
    try {
      await this.request('media:reset', {});
      ok = await this.connect();
      if (ok) await this.publishOrReport();
    } catch {
      ok = false;
    } finally {
      this.rebuilding = false;
      // The screen's state no longer shows the rebuild (the transports may have connected meanwhile).
      this.emit();
    }
    if (!ok && !this.closed && this.phase === 'in-call' && !this.connection) {
      // Unless a rejoin (after signaling came back without its state) has made a connection meanwhile.
      setTimeout(() => {
        if (!this.connection) void this.rebuild();
      }, REBUILD_RETRY_MS);
    }
  }

  private async consume(producerId: ProducerId): Promise<void> {
    const connection = this.connection;
    if (!connection) return; // consumed once the connection is open
    try {
      const track = await connection.consume(producerId);
      if (track && connection === this.connection) this.updateRemote(remotes.setTrack(this.remote, producerId, track));
    } catch (error) {
      connection.closeConsumer(producerId);
      // The producer closed meanwhile. When our consumer of it was already gone (our own rebuild closed it) no
      // `media:consumerClosed` follows, so forget it here; a stale entry would stand in for the peer's new video.
      if (errorCodeOf(error) === 'NOT_FOUND' && connection === this.connection) this.updateRemote(remotes.removeProducer(this.remote, producerId));
    }
  }

  private async openLocalMedia(): Promise<void> {
    await this.local.open();
    this.emit();
  }

  /** Sends whatever local tracks we have (once the transports exist). */
  private async publishLocal(): Promise<void> {
    const connection = this.connection;
    const stream = this.local.stream;
    if (!connection || !stream) return;
    const video = stream.getVideoTracks()[0];
    const audio = stream.getAudioTracks()[0];
    if (video && connection.canSend('video')) {
      await connection.publish('camera', video);
      if (!this.local.isOn('camera')) await connection.setSending('camera', false);
    }
    if (audio && connection.canSend('audio')) {
      await connection.publish('microphone', audio);
      if (!this.local.isOn('microphone')) await connection.setSending('microphone', false);
    }
    this.emit();
  }

  /** Publishing can fail (codec or server trouble) without ending the call: report it on the camera. */
  private async publishOrReport(): Promise<void> {
    try {
      this.publishFailed = false;
      await this.publishLocal();
    } catch {
      this.publishFailed = true;
      this.setCameraError('other');
    }
  }

  private async setSending(source: 'camera' | 'microphone', on: boolean): Promise<void> {
    if (this.closed || this.isOver()) return;
    this.local.setOn(source, on);
    this.emit();
    try {
      await this.connection?.setSending(source, on);
    } catch {
      // The server did not take it; the track stays as the user asked, which is what they see.
    }
  }

  private setCameraError(kind: CameraErrorKind): void {
    this.local.cameraError = kind;
    this.emit();
  }

  // --- server notifications -------------------------------------------------------------------

  private readonly handlers: Handlers = {
    'call:peerJoined': (peer) => {
      if (peer.peerId === this.selfId) return;
      this.remoteDropped = false;
      this.updateRemote(remotes.addPeer(this.remote, peer));
    },
    'call:peerLeft': ({ peerId }) => {
      for (const m of this.remote.media) if (m.peerId === peerId) this.connection?.closeConsumer(m.producerId);
      const next = remotes.removePeer(this.remote, peerId);
      this.remoteDropped = next.peers.length === 0;
      this.updateRemote(next);
    },
    'call:ended': ({ callId, reason }) => {
      if (callId === this.options.callId) this.finish(reason);
    },
    'media:newProducer': (info: ProducerInfo) => {
      if (info.peerId === this.selfId) return;
      this.updateRemote(remotes.addProducer(this.remote, info));
      void this.consume(info.producerId);
    },
    'media:producerPaused': ({ producerId }) => {
      this.pauseChangedAt.set(producerId, Date.now());
      this.updateRemote(remotes.setPaused(this.remote, producerId, true));
    },
    'media:producerResumed': ({ producerId }) => {
      this.pauseChangedAt.set(producerId, Date.now());
      this.updateRemote(remotes.setPaused(this.remote, producerId, false));
    },
    'media:consumerClosed': ({ producerId }) => {
      this.connection?.closeConsumer(producerId);
      this.updateRemote(remotes.removeProducer(this.remote, producerId));
    },
  };

  private readonly onDisconnect = (): void => {
    this.socketConnected = false;
    this.emit();
  };

  private readonly onConnect = (): void => {
    this.socketConnected = true;
    this.emit();
    // A recovered socket kept its server-side state; otherwise the server has dropped us from the call.
    if (!this.socket.recovered && this.phase === 'in-call') void this.rejoin();
  };

  private attachSocket(): void {
    for (const event of Object.keys(this.handlers) as (keyof Handlers)[]) {
      this.socket.on(event, this.handlers[event]);
    }
    this.socket.on('disconnect', this.onDisconnect);
    this.socket.on('connect', this.onConnect);
    // The socket may have connected (or dropped) between construction and now, with nobody listening.
    this.socketConnected = this.socket.connected;
    this.emit();
  }

  private detachSocket(): void {
    for (const event of Object.keys(this.handlers) as (keyof Handlers)[]) {
      this.socket.off(event, this.handlers[event]);
    }
    this.socket.off('disconnect', this.onDisconnect);
    this.socket.off('connect', this.onConnect);
  }

  /** After the signaling connection came back without its state: join the same call again. */
  private async rejoin(): Promise<void> {
    this.connection?.close();
    this.connection = null;
    this.selfId = null;
    this.sendState = null;
    this.recvState = null;
    this.remote = remotes.EMPTY_REMOTE_STATE;
    this.setPhase('joining');
    try {
      await this.join();
    } catch {
      this.fail('connection-lost');
      return;
    }
    await this.publishOrReport();
  }

  // --- lifecycle ------------------------------------------------------------------------------

  private finish(reason: SessionEndReason): void {
    if (this.isOver()) return;
    this.endReason = reason;
    this.phase = 'ended';
    this.teardown();
    this.emit();
  }

  private fail(failure: SessionFailure): void {
    if (this.isOver() || this.closed) return;
    this.failure = failure;
    this.phase = 'failed';
    if (this.selfId !== null) void this.request('call:hangup', {}).catch(() => undefined);
    this.teardown();
    this.emit();
  }

  /** Frees transports, consumers, producers and our camera and microphone. */
  private teardown(): void {
    this.detachSocket();
    this.connection?.close();
    this.connection = null;
    this.selfId = null;
    this.local.stop();
    this.remote = remotes.EMPTY_REMOTE_STATE;
  }

  private setPhase(phase: SessionPhase): void {
    this.phase = phase;
    this.emit();
  }

  private updateRemote(next: RemoteState): void {
    if (next === this.remote) return;
    this.remote = next;
    this.emit();
  }

  private buildSnapshot(): CallSnapshot {
    const remote = remotes.primaryRemote(this.remote);
    const { camera, mic } = this.local;
    return {
      callId: this.options.callId,
      role: this.options.role,
      phase: this.phase,
      connectionState: deriveConnectionState({
        phase: this.phase,
        socketConnected: this.socketConnected,
        sendTransport: this.sendState,
        recvTransport: this.recvState,
        sending: !this.publishFailed && (this.local.awaiting || camera.available || mic.available),
        remotePeerPresent: this.remote.peers.length > 0,
        remoteVideoReceiving: remote.video?.receiving === true,
        rebuilding: this.rebuilding,
      }),
      localStream: this.local.stream,
      camera,
      mic,
      cameraError: this.local.cameraError,
      remote,
      remotePeers: this.remote.peers,
      remoteDropped: this.remoteDropped,
      endReason: this.endReason,
      failure: this.failure,
      transports: { send: this.sendState, recv: this.recvState },
      mediaRebuilds: this.rebuilds,
    };
  }

  private emit(): void {
    this.snapshot = this.buildSnapshot();
    for (const listener of this.listeners) listener(this.snapshot);
  }
}
