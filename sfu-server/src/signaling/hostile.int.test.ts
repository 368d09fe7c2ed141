import { randomUUID } from 'node:crypto';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientSchemas, ERROR_CODES, type ClientEventName, type ClientPayload, type ProducerId } from '@sign-relay/shared';
import { callForTesting } from '../testing/callForTesting.ts';
import { connectClient, nextEvent, ok, request, startTestServer, type TestServer, type TestSocket } from '../testing/harness.ts';

/** Far over every field's limit, and under the packet limit (a larger packet closes the connection instead). */
const HUGE = 'x'.repeat(80_000);
const EVENTS = Object.keys(clientSchemas) as ClientEventName[];

/** Payloads that are wrong in every way a client can be wrong. */
const HOSTILE: unknown[] = [
  undefined,
  null,
  42,
  'call',
  true,
  [],
  [1, 2, 3],
  {},
  { callId: HUGE },
  { callId: 12 },
  { callId: randomUUID(), role: 'admin' },
  { callId: randomUUID(), role: 'caller', displayName: HUGE },
  { direction: 'sideways' },
  { transportId: randomUUID(), dtlsParameters: { fingerprints: [] } },
  { transportId: randomUUID(), dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD' }] } },
  { transportId: randomUUID(), kind: 'video', source: 'camera', rtpParameters: { codecs: [{ mimeType: 'video/VP8' }] } },
  { transportId: 'not-an-id', kind: 'smell', source: 'nose', rtpParameters: HUGE },
  { producerId: randomUUID(), rtpCapabilities: { codecs: [] } },
  { producerId: randomUUID(), rtpCapabilities: { codecs: Array.from({ length: 10_000 }, () => ({})) } },
  { consumerId: randomUUID() },
  { producerId: randomUUID() },
  { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } },
  JSON.parse('{"__proto__": {"isAdmin": true}}'),
  { callId: randomUUID(), role: 'caller', extra: 'field' },
];

function emitRaw(socket: TestSocket, event: string, payload: unknown): Promise<unknown> {
  return (socket.timeout(5_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck(event, payload);
}

function expectCodedError(result: unknown, label: string): void {
  expect(result, label).toMatchObject({ ok: false });
  const err = (result as { error: { code: string; message: string } }).error;
  expect(ERROR_CODES as readonly string[], label).toContain(err.code);
  expect(typeof err.message, label).toBe('string');
  expect(err.message.length, label).toBeLessThanOrEqual(300);
  expect(err.message, label).not.toMatch(/at \w+ \(|node_modules|Error:/);
}

describe('hostile and malformed payloads', () => {
  let server: TestServer;
  let inCall: TestSocket | undefined;
  let outside: TestSocket;
  /** Puts `inCall` in a fresh call (a hostile payload may have been a valid hang-up). */
  async function freshCall(): Promise<void> {
    inCall?.disconnect();
    const guest = await server.guestToken();
    inCall = await connectClient(server.url, guest.token);
    const callId = await callForTesting(server, { guestId: guest.guestId });
    await ok(inCall, 'call:join', { callId });
    await ok(inCall, 'media:createTransport', { direction: 'send' });
  }
  beforeAll(async () => {
    server = await startTestServer();
    outside = await connectClient(server.url, (await server.staff('interpreter')).token);
  });
  beforeEach(freshCall);
  afterAll(async () => {
    inCall?.disconnect();
    outside.disconnect();
    await server.close();
  });

  it.each(EVENTS)('%s answers every bad payload with a coded error, in a call and outside one', async (event) => {
    for (const socket of [inCall!, outside]) {
      for (const [i, payload] of HOSTILE.entries()) {
        // Some hostile payloads are valid for some events (e.g. {} for call:hangup): those must still not crash.
        const result = await emitRaw(socket, event, payload);
        if ((result as { ok: boolean }).ok) continue;
        expectCodedError(result, `${event} #${i}`);
      }
      // Pace the sockets so this test exercises validation rather than the rate limiter.
      await new Promise((r) => setTimeout(r, 600));
    }
  });

  it('refuses media parameters mediasoup rejects with MEDIA_ERROR, and unknown ids with NOT_FOUND', async () => {
    const me = inCall!;
    const t = await ok(me, 'media:createTransport', { direction: 'recv' });
    const bad = await emitRaw(me, 'media:connectTransport', { transportId: t.id, dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'zz' }] } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const dtls = { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: Array.from({ length: 32 }, () => 'AB').join(':') }] };
    expect(await emitRaw(me, 'media:connectTransport', { transportId: t.id, dtlsParameters: dtls })).toMatchObject({ ok: true });
    // mediasoup itself refuses a second connect: that surfaces as a coded MEDIA_ERROR, not a crash.
    expect(await emitRaw(me, 'media:connectTransport', { transportId: t.id, dtlsParameters: dtls })).toMatchObject({ ok: false, error: { code: 'MEDIA_ERROR' } });
    const produce = await emitRaw(me, 'media:produce', { transportId: t.id, kind: 'video', source: 'camera', rtpParameters: { codecs: [{ mimeType: 'video/VP8' }] } });
    expect(produce).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const unknown = await emitRaw(me, 'media:resumeConsumer', { consumerId: randomUUID() });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const notInCall = await emitRaw(outside, 'media:createTransport', { direction: 'send' });
    expect(notInCall).toMatchObject({ ok: false, error: { code: 'NOT_IN_CALL' } });
    const unknownCall = await emitRaw(outside, 'call:join', { callId: randomUUID() });
    expect(unknownCall).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('gives a transport new ICE credentials on media:restartIce, for its own transports only', async () => {
    const me = inCall!;
    const t = await ok(me, 'media:createTransport', { direction: 'recv' });
    const before = (t.iceParameters as { usernameFragment: string; password: string });
    const after = (await ok(me, 'media:restartIce', { transportId: t.id })).iceParameters as { usernameFragment: string; password: string };
    expect(after.usernameFragment).toMatch(/\S+/);
    expect(after.usernameFragment).not.toBe(before.usernameFragment);
    expect(after.password).not.toBe(before.password);
    expect(await emitRaw(me, 'media:restartIce', { transportId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await emitRaw(outside, 'media:restartIce', { transportId: t.id })).toMatchObject({ ok: false, error: { code: 'NOT_IN_CALL' } });
  });

  it('asks for a key frame only for its own consumers', async () => {
    expect(await emitRaw(inCall!, 'media:requestKeyFrame', { consumerId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await emitRaw(outside, 'media:requestKeyFrame', { consumerId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'NOT_IN_CALL' } });
    expect(await emitRaw(outside, 'media:requestKeyFrame', { consumerId: 'x' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('renews only its own consumers, and only in a call', async () => {
    const rtpCapabilities = { codecs: [], headerExtensions: [] };
    expect(await emitRaw(inCall!, 'media:renewConsumer', { consumerId: randomUUID(), rtpCapabilities })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await emitRaw(outside, 'media:renewConsumer', { consumerId: randomUUID(), rtpCapabilities })).toMatchObject({ ok: false, error: { code: 'NOT_IN_CALL' } });
    expect(await emitRaw(outside, 'media:renewConsumer', { consumerId: 'x', rtpCapabilities })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('answers unknown events, events without an ack, and floods without harm', async () => {
    expectCodedError(await emitRaw(outside, 'admin:dropTables', {}), 'unknown');
    expectCodedError(await emitRaw(outside, '__proto__', {}), 'proto');
    (outside as unknown as { emit(e: string, p: unknown): void }).emit('call:join', { callId: 5 });
    (outside as unknown as { emit(e: string): void }).emit('media:produce');
    const flood = await Promise.all(Array.from({ length: 300 }, () => emitRaw(outside, 'media:consume', {})));
    const codes = flood.map((r) => (r as { error: { code: string } }).error.code);
    expect(codes).toContain('RATE_LIMITED');
    // Another client is not slowed by that flood.
    const other = await connectClient(server.url, (await server.guestToken()).token);
    const status = await ok(other, 'queue:join', {});
    expect(status.position).toBe(1);
    other.disconnect();
  });

  it('survives a payload larger than the transport limit by dropping that connection only', async () => {
    const victim = await connectClient(server.url, (await server.guestToken()).token);
    const closed = new Promise<void>((r) => victim.once('disconnect', () => r()));
    (victim as unknown as { emit(e: string, p: unknown): void }).emit('call:join', { callId: 'y'.repeat(2_000_000) });
    await closed;
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    const again = await connectClient(server.url, (await server.staff('interpreter')).token);
    expect(await ok(again, 'desk:setStatus', { status: 'available' })).toMatchObject({ state: 'available' });
    again.disconnect();
  });
});

/** A connection as a client behind the trusted proxy would open it (headers as the proxy passes them on). */
function open(server: TestServer, token: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  const socket: TestSocket = connect(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token }, extraHeaders: headers });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** The coded refusal of a connection, or 'connected'. */
async function outcome(attempt: Promise<TestSocket>, opened: TestSocket[]): Promise<string> {
  try {
    opened.push(await attempt);
    return 'connected';
  } catch (err) {
    return (err as { data?: { code?: string } }).data?.code ?? (err as Error).message;
  }
}

const opus = (ssrc: number): ClientPayload<'media:produce'>['rtpParameters'] => ({
  codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
  encodings: [{ ssrc }],
});

async function mediaCounts(server: TestServer, callId: string): Promise<{ transports: number; producers: number; consumers: number }> {
  const res = await fetch(`${server.url}/api/ops/calls/${callId}/media`);
  expect(res.status).toBe(200);
  return (await res.json()) as { transports: number; producers: number; consumers: number };
}

/** A caller answered by a new interpreter through the line, both in the call; the interpreter sends audio. */
async function answeredCall(server: TestServer, opened: TestSocket[], headers: Record<string, string> = {}) {
  const interpreter = await server.staff('interpreter');
  const desk = await open(server, interpreter.token);
  opened.push(desk);
  await ok(desk, 'desk:setStatus', { status: 'available' });
  const guest = await server.guestToken();
  const caller = await open(server, guest.token, headers);
  opened.push(caller);
  const offer = nextEvent(desk, 'desk:offer');
  const connected = nextEvent(caller, 'queue:connected');
  const place = await ok(caller, 'queue:join', {});
  await offer;
  const { callId } = await ok(desk, 'desk:accept', { entryId: place.entryId });
  expect((await connected).callId).toBe(callId);
  const joined = await ok(caller, 'call:join', { callId });
  await ok(desk, 'call:join', { callId });
  const send = await ok(desk, 'media:createTransport', { direction: 'send' });
  const { producerId } = await ok(desk, 'media:produce', { transportId: send.id, kind: 'audio', source: 'microphone', rtpParameters: opus(Math.floor(Math.random() * 1e9)) });
  return { interpreter, desk, guest, caller, callId, producerId, rtpCapabilities: joined.routerRtpCapabilities as ClientPayload<'media:consume'>['rtpCapabilities'] };
}

/** A legitimate caller, from their own address, reaches a free interpreter and gets into the call. */
async function callerGetsThrough(server: TestServer, opened: TestSocket[], address: string): Promise<void> {
  const call = await answeredCall(server, opened, { 'x-forwarded-for': address });
  expect(await mediaCounts(server, call.callId)).toMatchObject({ producers: 1 });
  await ok(call.caller, 'call:hangup', {});
}

describe('per connection: order, caps and limits of the socket server', () => {
  let server: TestServer;
  const opened: TestSocket[] = [];
  beforeAll(async () => {
    // The production limits, and a trusted proxy in front, whose X-Forwarded-For names each client.
    server = await startTestServer({ env: { TRUST_PROXY: '1', ALLOWED_ORIGINS: 'https://kiosk.taipei.example' }, signaling: { socketsPerGuest: 3, socketsPerAddress: 20 } });
  });
  afterAll(async () => {
    for (const s of opened) s.disconnect();
    await server.close();
  });
  const closeAll = () => {
    for (const s of opened.splice(0)) s.disconnect();
  };

  it('requests sent at once on one connection run one after another (review #4)', async () => {
    const guest = await server.guestToken();
    const caller = await open(server, guest.token, { 'x-forwarded-for': '192.0.2.10' });
    opened.push(caller);
    const joins = await Promise.all(Array.from({ length: 5 }, () => ok(caller, 'queue:join', {})));
    expect(new Set(joins.map((j) => j.entryId)).size).toBe(1);
    const entries = (await server.store.snapshot()).entries.filter((e) => e.guestId === guest.guestId);
    expect(entries).toHaveLength(1);
    closeAll();
  });

  it("one guest token: a 4th connection is refused with a code the client can show, whichever address it comes from (review #4)", async () => {
    const guest = await server.guestToken();
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => outcome(open(server, guest.token, { 'x-forwarded-for': `198.51.100.${i + 1}` }), opened)));
    expect(results.filter((r) => r === 'connected')).toHaveLength(3);
    expect(results.filter((r) => r === 'RATE_LIMITED')).toHaveLength(2);
    // Staff are not counted per address: a call centre's desks share one.
    const staff = await server.staff('supervisor');
    const desks = await Promise.all(Array.from({ length: 22 }, () => outcome(open(server, staff.token, { 'x-forwarded-for': '198.51.100.100' }), opened)));
    expect(desks.every((r) => r === 'connected')).toBe(true);
    closeAll();
  });

  it('an IPv6 client counts by its /64: 20 connections across one prefix, the 21st refused (review #14)', async () => {
    const results: string[] = [];
    for (let n = 0; n < 21; n++) results.push(await outcome(open(server, (await server.guestToken()).token, { 'x-forwarded-for': `2001:db8:77:1::${(n + 1).toString(16)}` }), opened));
    expect(results.slice(0, 20).every((r) => r === 'connected')).toBe(true);
    expect(results[20]).toBe('RATE_LIMITED');
    expect(await outcome(open(server, (await server.guestToken()).token, { 'x-forwarded-for': '2001:db8:77:2::1' }), opened)).toBe('connected');
    closeAll();
  });

  it('a 21st connection from one address is refused, and other addresses still connect (review #14)', async () => {
    const results: string[] = [];
    for (let n = 0; n < 21; n++) results.push(await outcome(open(server, (await server.guestToken()).token, { 'x-forwarded-for': '203.0.113.7' }), opened));
    expect(results.slice(0, 20).every((r) => r === 'connected')).toBe(true);
    expect(results[20]).toBe('RATE_LIMITED');
    // Without the trusted proxy's header the client is the proxy itself: a spoofed hop before it changes nothing.
    expect(await outcome(open(server, (await server.guestToken()).token, { 'x-forwarded-for': '203.0.113.99, 203.0.113.7' }), opened)).toBe('RATE_LIMITED');
    expect(await outcome(open(server, (await server.guestToken()).token, { 'x-forwarded-for': '203.0.113.8' }), opened)).toBe('connected');
    // A connection closed frees its place.
    opened.find((s) => s.connected)?.disconnect();
    await new Promise((r) => setTimeout(r, 200));
    expect(await outcome(open(server, (await server.guestToken()).token, { 'x-forwarded-for': '203.0.113.7' }), opened)).toBe('connected');
    closeAll();
  });

  it("a foreign Origin is refused; the server's own and the allowed ones connect (review #14)", async () => {
    const token = (await server.guestToken()).token;
    const host = new URL(server.url).host;
    expect(await outcome(open(server, token, { origin: 'https://evil.example' }), opened)).not.toBe('connected');
    expect(await outcome(open(server, token, { origin: `http://${host}` }), opened)).toBe('connected');
    expect(await outcome(open(server, token, { origin: 'https://kiosk.taipei.example' }), opened)).toBe('connected');
    expect(await outcome(open(server, token), opened)).toBe('connected');
    closeAll();
  });

  it('a 200 KB packet drops that connection only, while others\' answers stay fast (review #14)', async () => {
    const others = await Promise.all(Array.from({ length: 3 }, async () => open(server, (await server.staff('interpreter')).token)));
    opened.push(...others);
    const attackers = await Promise.all(Array.from({ length: 5 }, async (_, i) => open(server, (await server.guestToken()).token, { 'x-forwarded-for': `192.0.2.${50 + i}` })));
    const dropped = attackers.map((a) => new Promise<void>((r) => a.once('disconnect', () => r())));
    const body = '長'.repeat(200_000 / 3);
    for (const a of attackers) (a as unknown as { emit(e: string, p: unknown): void }).emit('chat:send', { sessionId: randomUUID(), clientKey: 'key-12345678', body });
    const started = Date.now();
    await Promise.all(others.map((o) => ok(o, 'desk:colleagues', {})));
    expect(Date.now() - started).toBeLessThan(250);
    await Promise.all(dropped);
    for (const o of others) expect(o.connected).toBe(true);
    closeAll();
  });

  it('parallel createTransport makes one transport, parallel consume one consumer; the call stays at its caps (review #5)', async () => {
    const call = await answeredCall(server, opened, { 'x-forwarded-for': '192.0.2.77' });
    const sends = await Promise.all(Array.from({ length: 20 }, () => request(call.caller, 'media:createTransport', { direction: 'send' })));
    expect(sends.filter((r) => r.ok)).toHaveLength(1);
    await ok(call.caller, 'media:createTransport', { direction: 'recv' });
    expect((await request(call.caller, 'media:createTransport', { direction: 'recv' })).ok).toBe(false);
    const consumes = await Promise.all(Array.from({ length: 20 }, () => request(call.caller, 'media:consume', { producerId: call.producerId, rtpCapabilities: call.rtpCapabilities })));
    const ids = new Set(consumes.flatMap((r) => (r.ok ? [r.data.id] : [])));
    expect(ids.size).toBe(1);
    // Caller: send + recv transports; interpreter: one send transport and one producer; one consumer.
    expect(await mediaCounts(server, call.callId)).toMatchObject({ transports: 3, producers: 1, consumers: 1 });
    await ok(call.caller, 'call:hangup', {});
    closeAll();
  });

  it('a socket flood from one address and from many leaves a caller able to reach an interpreter (review #4, #14)', async () => {
    // From one address: new guest tokens, as fast as they come.
    const one = await Promise.all(Array.from({ length: 40 }, async () => outcome(open(server, (await server.guestToken()).token, { 'x-forwarded-for': '203.0.113.50' }), opened)));
    expect(one.filter((r) => r === 'connected')).toHaveLength(20);
    // From many addresses with one caller's token.
    const token = (await server.guestToken()).token;
    const many = await Promise.all(Array.from({ length: 40 }, (_, i) => outcome(open(server, token, { 'x-forwarded-for': `100.64.${i}.1` }), opened)));
    expect(many.filter((r) => r === 'connected')).toHaveLength(3);
    await callerGetsThrough(server, opened, '198.51.100.200');
    closeAll();
  });

  it('a consume flood from one caller and from callers at many addresses leaves a caller able to reach an interpreter (review #5)', async () => {
    // One after another: answered at once, each caller's ring could go to another's interpreter.
    const attackers: Awaited<ReturnType<typeof answeredCall>>[] = [];
    for (const a of ['203.0.113.60', '100.64.200.1', '100.64.201.1']) attackers.push(await answeredCall(server, opened, { 'x-forwarded-for': a }));
    for (const a of attackers) await ok(a.caller, 'media:createTransport', { direction: 'recv' });
    const flood = await Promise.all(
      attackers.flatMap((a) => Array.from({ length: 150 }, () => request(a.caller, 'media:consume', { producerId: a.producerId as ProducerId, rtpCapabilities: a.rtpCapabilities }))),
    );
    expect(flood.some((r) => !r.ok && r.error.code === 'RATE_LIMITED')).toBe(true);
    for (const a of attackers) expect(await mediaCounts(server, a.callId)).toMatchObject({ consumers: 1 });
    await callerGetsThrough(server, opened, '198.51.100.201');
    for (const a of attackers) await ok(a.caller, 'call:hangup', {});
    closeAll();
  });
});
