import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientSchemas, ERROR_CODES, type ClientEventName } from '@sign-relay/shared';
import { callForTesting } from '../testing/callForTesting.ts';
import { connectClient, ok, startTestServer, type TestServer, type TestSocket } from '../testing/harness.ts';

const HUGE = 'x'.repeat(200_000);
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
