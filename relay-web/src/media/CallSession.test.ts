// @vitest-environment happy-dom
/**
 * CallSession against mediasoup-client's own FakeHandler (a real Device, transports, producers and
 * consumers without WebRTC) and a scripted signaling server. The real server and browsers are
 * exercised by the e2e specs; this pins the session's own rules.
 */
import { FakeHandler, Device, testFakeParameters } from 'mediasoup-client';
import { describe, expect, it, vi } from 'vitest';
import type {
  CallId,
  ClientEventName,
  ClientResults,
  PeerId,
  PeerInfo,
  ProducerId,
  ProducerInfo,
  ServerToClientEvents,
} from '@sign-relay/shared';
import type { Requester } from '../signaling/requester.ts';
import { SignalingError } from '../signaling/socket.ts';
import type { SignalingSocket } from '../signaling/socket.ts';
import { asStream, FakeStream, FakeTrack } from '../test/fakeMedia.ts';
import { CallSession, REBUILD_RETRY_MS } from './CallSession.ts';
import { REBUILD_AFTER_MS } from './iceRecovery.ts';
import type { CallSnapshot } from './CallSession.ts';

const CALL_ID = '0b8f6c3e-2d4a-4c1b-9f7e-1a2b3c4d5e6f' as CallId;
const SELF = 'self-peer' as PeerId;
const interpreter: PeerInfo = { peerId: 'interp-peer' as PeerId, role: 'interpreter', displayName: '' };
const interpVideo: ProducerInfo = { producerId: 'p-video' as ProducerId, peerId: interpreter.peerId, kind: 'video', source: 'camera', paused: false };
const interpAudio: ProducerInfo = { producerId: 'p-audio' as ProducerId, peerId: interpreter.peerId, kind: 'audio', source: 'microphone', paused: false };

type Listener = (...args: unknown[]) => void;

/** The parts of a socket.io client the session uses, driven by the test. */
class FakeSocket {
  connected: boolean;
  recovered = false;
  private readonly listeners = new Map<string, Set<Listener>>();
  constructor(connected = true) {
    this.connected = connected;
  }
  on(event: string, fn: Listener): this {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)?.add(fn);
    return this;
  }
  off(event: string, fn: Listener): this {
    this.listeners.get(event)?.delete(fn);
    return this;
  }
  /** A server notification. */
  notify<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(...args);
  }
  connect(): void {
    this.connected = true;
    for (const fn of [...(this.listeners.get('connect') ?? [])]) fn();
  }
  disconnect(): void {
    this.connected = false;
    for (const fn of [...(this.listeners.get('disconnect') ?? [])]) fn('transport close');
  }
  listenerCount(): number {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }
  asSocket(): SignalingSocket {
    return this as unknown as SignalingSocket;
  }
}

/** A scripted signaling server: answers every request like sfu-server would, and records them. */
function fakeServer(opts: { peers?: PeerInfo[]; producers?: ProducerInfo[]; joinError?: SignalingError } = {}) {
  const sent: { event: ClientEventName; payload: Record<string, unknown> }[] = [];
  let consumers = 0;
  let producers = 0;
  const answer = (event: ClientEventName, payload: Record<string, unknown>): unknown => {
    switch (event) {
      case 'call:join':
        if (opts.joinError) throw opts.joinError;
        return {
          callId: CALL_ID,
          peerId: SELF,
          routerRtpCapabilities: testFakeParameters.generateRouterRtpCapabilities(),
          peers: opts.peers ?? [],
          producers: opts.producers ?? [],
        } satisfies ClientResults['call:join'];
      case 'media:createTransport':
        return testFakeParameters.generateTransportRemoteParameters();
      case 'media:restartIce':
        return { iceParameters: testFakeParameters.generateTransportRemoteParameters().iceParameters };
      case 'media:produce':
        producers += 1;
        return { producerId: `own-${producers}` };
      case 'media:consume': {
        const producerId = String(payload.producerId);
        const info = [...(opts.producers ?? []), interpVideo, interpAudio].find((p) => p.producerId === producerId);
        consumers += 1;
        const params = testFakeParameters.generateConsumerRemoteParameters({
          id: `consumer-${consumers}`,
          codecMimeType: info?.kind === 'audio' ? 'audio/opus' : 'video/VP8',
        });
        return { ...params, producerId, peerId: info?.peerId, source: info?.source };
      }
      default:
        return {};
    }
  };
  const request = (async (event: ClientEventName, payload: Record<string, unknown>) => {
    sent.push({ event, payload });
    return answer(event, payload);
  }) as Requester;
  return { request, sent, events: () => sent.map((s) => s.event) };
}

function fakeDevice(): Device {
  return new Device({
    handlerFactory: FakeHandler.createFactory({
      generateNativeRtpCapabilities: testFakeParameters.generateNativeRtpCapabilities,
      generateLocalDtlsParameters: testFakeParameters.generateLocalDtlsParameters,
    }),
  });
}

/** A camera and microphone that mediasoup's FakeHandler can send. */
function fakeCamera(): () => Promise<MediaStream> {
  return async () => {
    return asStream(new FakeStream([new FakeTrack('video'), new FakeTrack('audio')]));
  };
}

/** Resolves once the session's snapshot satisfies `test`. */
function until(session: CallSession, test: (s: CallSnapshot) => boolean): Promise<CallSnapshot> {
  if (test(session.getSnapshot())) return Promise.resolve(session.getSnapshot());
  return new Promise((resolve) => {
    const off = session.subscribe((s) => {
      if (test(s)) {
        off();
        resolve(s);
      }
    });
  });
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

function makeSession(socket: FakeSocket, server: ReturnType<typeof fakeServer>, getUserMedia: (() => Promise<MediaStream>) | null = null) {
  return new CallSession(
    { callId: CALL_ID, role: 'caller' },
    { socket: socket.asSocket(), request: server.request, getUserMedia, createDevice: fakeDevice },
  );
}

describe('CallSession', () => {
  it('does not show reconnecting when the socket connected before the session started listening', async () => {
    const socket = new FakeSocket(false);
    const server = fakeServer();
    const session = makeSession(socket, server);
    socket.connected = true; // connected meanwhile, with nobody listening
    await session.start();
    expect(session.getSnapshot().connectionState).toBe('waiting-for-peer');
  });

  it('forgets a producer the server says is gone, so the peer\'s newer video is the one shown (a rebuild on their side)', async () => {
    const socket = new FakeSocket();
    const gone: ProducerInfo = { ...interpVideo, producerId: 'p-video-old' as ProducerId };
    const base = fakeServer({ peers: [interpreter], producers: [gone] });
    const server = {
      ...base,
      request: (async (event: ClientEventName, payload: Record<string, unknown>) => {
        if (event === 'media:consume' && payload.producerId === gone.producerId) {
          base.sent.push({ event, payload });
          throw new SignalingError('NOT_FOUND', 'That media is not in this call.');
        }
        return base.request(event, payload as never);
      }) as Requester,
    };
    const session = makeSession(socket, server);
    await session.start();
    for (let i = 0; i < 20 && !base.sent.some((x) => x.event === 'media:consume' && x.payload.producerId === gone.producerId); i++) await settle();
    await settle();
    expect(base.sent.some((x) => x.event === 'media:consume' && x.payload.producerId === gone.producerId)).toBe(true);
    // Nothing will announce that it closed: it is forgotten on the server's word.
    expect(session.getSnapshot().remote.video).toBeNull();
    socket.notify('media:newProducer', interpVideo);
    const snap = await until(session, (x) => x.remote.video?.producerId === interpVideo.producerId && x.remote.video.track !== null);
    expect(snap.remote.video?.producerId).toBe(interpVideo.producerId);
    session.close();
  });

  it('joins, consumes what is already there, and resumes each consumer only after consuming it', async () => {
    const socket = new FakeSocket();
    const server = fakeServer({ peers: [interpreter], producers: [interpVideo, interpAudio] });
    const session = makeSession(socket, server);
    await session.start();
    const snap = await until(session, (s) => s.remote.video?.track !== null && s.remote.audio?.track !== null);
    expect(snap.phase).toBe('in-call');
    expect(snap.remote.peer).toEqual(interpreter);
    const events = server.events();
    expect(events.slice(0, 3)).toEqual(['call:join', 'media:createTransport', 'media:createTransport']);
    const consumeAt = events.indexOf('media:consume');
    const resumeAt = events.indexOf('media:resumeConsumer');
    expect(consumeAt).toBeGreaterThan(0);
    expect(resumeAt).toBeGreaterThan(consumeAt);
    expect(events.filter((e) => e === 'media:consume')).toHaveLength(2);
    // No camera here (getUserMedia null): nothing to send, so receiving video is enough.
    expect(snap.cameraError).toBe('other');
    expect(snap.connectionState).toBe('connected');
  });

  it('sends camera and microphone, and the camera toggle pauses the producer on both ends', async () => {
    const socket = new FakeSocket();
    const server = fakeServer();
    const session = makeSession(socket, server, fakeCamera());
    await session.start();
    const produced = server.sent.filter((s) => s.event === 'media:produce').map((s) => s.payload.source);
    expect(produced).toEqual(['camera', 'microphone']);
    const video = session.getSnapshot().localStream?.getVideoTracks()[0];
    expect(video?.contentHint).toBe('motion');

    await session.toggleCamera();
    expect(session.getSnapshot().camera).toEqual({ available: true, on: false });
    expect(video?.enabled).toBe(false);
    expect(server.sent.at(-1)).toEqual({ event: 'media:pauseProducer', payload: { producerId: 'own-1' } });

    await session.toggleCamera();
    expect(video?.enabled).toBe(true);
    expect(server.sent.at(-1)).toEqual({ event: 'media:resumeProducer', payload: { producerId: 'own-1' } });
  });

  it('restarts ICE on a transport whose connection failed, showing the trouble meanwhile', async () => {
    const socket = new FakeSocket();
    const server = fakeServer({ peers: [interpreter], producers: [interpVideo] });
    const transports: { id: string; direction: string; handler: unknown }[] = [];
    const session = new CallSession(
      { callId: CALL_ID, role: 'caller' },
      {
        socket: socket.asSocket(),
        request: server.request,
        getUserMedia: null,
        createDevice: () => {
          const device = fakeDevice();
          device.observer.on('newtransport', (t: { id: string; direction: string; handler: unknown }) => transports.push(t));
          return device;
        },
      },
    );
    await session.start();
    await settle();
    const recv = transports.find((t) => t.direction === 'recv');
    expect(recv).toBeDefined();
    (recv!.handler as FakeHandler).setConnectionState('failed');
    await settle();
    expect(session.getSnapshot().transports.recv).toBe('failed');
    expect(server.sent.filter((x) => x.event === 'media:restartIce').map((x) => x.payload)).toEqual([{ transportId: recv!.id }]);
    session.close();
  });

  it('rebuilds the media connection with new transports when one stays broken although ICE was restarted', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      const socket = new FakeSocket();
      const server = fakeServer({ peers: [interpreter], producers: [interpVideo] });
      const transports: { id: string; direction: string; closed: boolean; handler: unknown }[] = [];
      const session = new CallSession(
        { callId: CALL_ID, role: 'caller' },
        {
          socket: socket.asSocket(),
          request: server.request,
          getUserMedia: fakeCamera(),
          createDevice: () => {
            const device = fakeDevice();
            device.observer.on('newtransport', (t: { id: string; direction: string; closed: boolean; handler: unknown }) => transports.push(t));
            return device;
          },
        },
      );
      await session.start();
      await vi.advanceTimersByTimeAsync(0);
      const first = transports.slice();
      expect(first).toHaveLength(2);
      const before = server.sent.length;
      (first.find((t) => t.direction === 'send')!.handler as FakeHandler).setConnectionState('failed');
      // ICE restarts do not bring it back: after the rebuild delay the whole connection is made again.
      await vi.advanceTimersByTimeAsync(REBUILD_AFTER_MS - 1_000);
      expect(server.events().slice(before)).not.toContain('media:reset');
      await vi.advanceTimersByTimeAsync(1_000);
      const after = server.events().slice(before);
      expect(after).toContain('media:restartIce');
      const resetAt = after.indexOf('media:reset');
      expect(resetAt).toBeGreaterThan(after.indexOf('media:restartIce'));
      const rebuilt = after.slice(resetAt);
      expect(rebuilt.filter((e) => e === 'media:createTransport')).toHaveLength(2);
      expect(server.sent.slice(before + resetAt).filter((x) => x.event === 'media:produce').map((x) => x.payload.source)).toEqual(['camera', 'microphone']);
      expect(server.sent.slice(before + resetAt).filter((x) => x.event === 'media:consume').map((x) => x.payload.producerId)).toEqual([interpVideo.producerId]);
      expect(first.every((t) => t.closed)).toBe(true);
      expect(transports).toHaveLength(4);
      const snap = session.getSnapshot();
      expect(snap.phase).toBe('in-call');
      expect(snap.mediaRebuilds).toBe(1);
      // Once rebuilt, the screen no longer says reconnecting (the new transports have not reported yet: connecting).
      expect(snap.connectionState).not.toBe('reconnecting');
      expect(snap.remote.video?.track).not.toBeNull();
      // The old transports report to nobody any more.
      (first.find((t) => t.direction === 'recv')!.handler as FakeHandler).setConnectionState('failed');
      expect(session.getSnapshot().transports.recv).not.toBe('failed');
      session.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('tries the rebuild again when the server cannot reset the media yet', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      const socket = new FakeSocket();
      const base = fakeServer({ peers: [interpreter], producers: [interpVideo] });
      let refuse = 1;
      const request = (async (event: ClientEventName, payload: Record<string, unknown>) => {
        if (event === 'media:reset' && refuse-- > 0) {
          base.sent.push({ event, payload });
          throw new SignalingError('TIMEOUT', 'no answer');
        }
        return base.request(event as never, payload as never);
      }) as Requester;
      const transports: { direction: string; handler: unknown }[] = [];
      const session = new CallSession(
        { callId: CALL_ID, role: 'caller' },
        {
          socket: socket.asSocket(),
          request,
          getUserMedia: null,
          createDevice: () => {
            const device = fakeDevice();
            device.observer.on('newtransport', (t: { direction: string; handler: unknown }) => transports.push(t));
            return device;
          },
        },
      );
      await session.start();
      await vi.advanceTimersByTimeAsync(0);
      (transports.find((t) => t.direction === 'recv')!.handler as FakeHandler).setConnectionState('failed');
      await vi.advanceTimersByTimeAsync(REBUILD_AFTER_MS);
      expect(base.events().filter((e) => e === 'media:reset')).toHaveLength(1);
      expect(session.getSnapshot().phase).toBe('in-call');
      await vi.advanceTimersByTimeAsync(REBUILD_RETRY_MS);
      expect(base.events().filter((e) => e === 'media:reset')).toHaveLength(2);
      expect(transports).toHaveLength(4);
      expect(session.getSnapshot().mediaRebuilds).toBe(2);
      session.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('follows the other side: new producers, pause and resume, leaving', async () => {
    const socket = new FakeSocket();
    const server = fakeServer();
    const session = makeSession(socket, server);
    await session.start();
    socket.notify('call:peerJoined', interpreter);
    socket.notify('media:newProducer', interpVideo);
    await until(session, (s) => s.remote.video?.track !== null && s.remote.video !== null);
    socket.notify('media:producerPaused', { producerId: interpVideo.producerId, peerId: interpreter.peerId });
    expect(session.getSnapshot().remote.video?.paused).toBe(true);
    socket.notify('media:producerResumed', { producerId: interpVideo.producerId, peerId: interpreter.peerId });
    expect(session.getSnapshot().remote.video?.paused).toBe(false);
    socket.notify('call:peerLeft', { peerId: interpreter.peerId });
    const snap = session.getSnapshot();
    expect(snap.remote).toEqual({ peer: null, video: null, audio: null });
    expect(snap.remoteDropped).toBe(true);
    expect(snap.connectionState).toBe('waiting-for-peer');
  });

  it('ends on call:ended with its reason, freeing media and listeners', async () => {
    const socket = new FakeSocket();
    const server = fakeServer({ peers: [interpreter], producers: [interpVideo] });
    const session = makeSession(socket, server, fakeCamera());
    await session.start();
    const tracks = session.getSnapshot().localStream?.getTracks() ?? [];
    socket.notify('call:ended', { callId: CALL_ID, reason: 'peer-lost' });
    const snap = session.getSnapshot();
    expect(snap.phase).toBe('ended');
    expect(snap.endReason).toBe('peer-lost');
    expect(snap.connectionState).toBe('ended');
    expect(snap.localStream).toBeNull();
    expect(tracks.every((t) => t.readyState === 'ended')).toBe(true);
    expect(socket.listenerCount()).toBe(0);
  });

  it('joins with the call id only: the server decides the role from who is signed in', async () => {
    const socket = new FakeSocket();
    const server = fakeServer();
    const session = makeSession(socket, server);
    await session.start();
    expect(server.sent[0]).toEqual({ event: 'call:join', payload: { callId: CALL_ID } });
  });

  it('lists everyone else, so a colleague joining for a transfer is seen', async () => {
    const socket = new FakeSocket();
    const server = fakeServer({ peers: [interpreter] });
    const session = makeSession(socket, server);
    await session.start();
    const colleague: PeerInfo = { peerId: 'colleague' as PeerId, role: 'interpreter2', displayName: '' };
    socket.notify('call:peerJoined', colleague);
    expect(session.getSnapshot().remotePeers.map((p) => p.role)).toEqual(['interpreter', 'interpreter2']);
  });

  it('leaves a call to the others (call:leave, not hang-up) and ends as left', async () => {
    const socket = new FakeSocket();
    const server = fakeServer({ peers: [interpreter] });
    const session = makeSession(socket, server, fakeCamera());
    await session.start();
    await session.leave();
    await session.leave();
    session.close();
    expect(server.events().filter((e) => e === 'call:leave')).toHaveLength(1);
    expect(server.events()).not.toContain('call:hangup');
    expect(session.getSnapshot()).toMatchObject({ phase: 'ended', endReason: 'left', localStream: null });
    expect(socket.listenerCount()).toBe(0);
  });

  it('ends as requeued when the server sends the caller back to the line', async () => {
    const socket = new FakeSocket();
    const server = fakeServer({ peers: [interpreter] });
    const session = makeSession(socket, server);
    await session.start();
    socket.notify('call:ended', { callId: CALL_ID, reason: 'requeued' });
    expect(session.getSnapshot()).toMatchObject({ phase: 'ended', endReason: 'requeued' });
    session.close();
    expect(server.events()).not.toContain('call:hangup');
  });

  it('hangs up once, and close() after it sends nothing more', async () => {
    const socket = new FakeSocket();
    const server = fakeServer();
    const session = makeSession(socket, server);
    await session.start();
    await session.hangup();
    await session.hangup();
    session.close();
    session.close();
    expect(server.events().filter((e) => e === 'call:hangup')).toHaveLength(1);
    expect(session.getSnapshot().endReason).toBe('hangup');
  });

  it('close() while still in the call leaves it', async () => {
    const socket = new FakeSocket();
    const server = fakeServer();
    const session = makeSession(socket, server);
    await session.start();
    session.close();
    await settle();
    expect(server.events().at(-1)).toBe('call:hangup');
    expect(socket.listenerCount()).toBe(0);
  });

  it('fails with the server error when joining is refused', async () => {
    const socket = new FakeSocket();
    const server = fakeServer({ joinError: new SignalingError('CALL_FULL', 'full') });
    const session = makeSession(socket, server);
    await session.start();
    expect(session.getSnapshot()).toMatchObject({ phase: 'failed', failure: 'CALL_FULL', connectionState: 'failed' });
  });

  it('shows reconnecting while the socket is down and joins again when it comes back without its state', async () => {
    const socket = new FakeSocket();
    const server = fakeServer();
    const session = makeSession(socket, server);
    await session.start();
    socket.disconnect();
    expect(session.getSnapshot().connectionState).toBe('reconnecting');
    socket.connect();
    await until(session, (s) => s.phase === 'in-call');
    expect(server.events().filter((e) => e === 'call:join')).toHaveLength(2);
    expect(session.getSnapshot().connectionState).toBe('waiting-for-peer');
  });
});
