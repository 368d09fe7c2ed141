import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallId } from '@sign-relay/shared';
import { connectClient, nextEvent, ok, request, startTestServer, type TestServer } from '../testing/harness.ts';

describe('a call room against a real mediasoup worker', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  async function mediaStats(callId: string) {
    const res = await fetch(`${server.url}/api/ops/calls/${callId}/media`);
    expect(res.status).toBe(200);
    return (await res.json()) as { active: boolean; routerAlive: boolean; transports: number; producers: number; consumers: number };
  }

  const parties = async () => {
    const caller = await connectClient(server.url, (await server.guestToken()).token);
    const interp = await connectClient(server.url, (await server.staff('interpreter')).token);
    const callId = await server.calls.create();
    return { caller, interp, callId };
  };

  it('joins a caller and an interpreter, tells each about the other, and frees everything on hang-up', async () => {
    const { caller, interp, callId } = await parties();
    const joinedC = await ok(caller, 'call:join', { callId, role: 'caller', displayName: '王小明' });
    expect(joinedC.peers).toEqual([]);
    const peerJoined = nextEvent(caller, 'call:peerJoined');
    const joinedI = await ok(interp, 'call:join', { callId, role: 'interpreter' });
    expect(joinedI.peers).toEqual([{ peerId: joinedC.peerId, role: 'caller', displayName: '王小明' }]);
    expect((await peerJoined).role).toBe('interpreter');

    for (const s of [caller, interp]) {
      await ok(s, 'media:createTransport', { direction: 'send' });
      await ok(s, 'media:createTransport', { direction: 'recv' });
    }
    expect(await mediaStats(callId)).toMatchObject({ active: true, transports: 4 });

    // A second caller cannot take the caller's seat.
    const intruder = await connectClient(server.url, (await server.guestToken()).token);
    const refused = await request(intruder, 'call:join', { callId, role: 'caller' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CALL_FULL' } });

    const endedC = nextEvent(caller, 'call:ended');
    const endedI = nextEvent(interp, 'call:ended');
    await ok(caller, 'call:hangup', {});
    expect(await endedC).toEqual({ callId, reason: 'hangup' });
    expect(await endedI).toEqual({ callId, reason: 'hangup' });
    expect(await mediaStats(callId)).toEqual({ callId, active: false, routerAlive: false, transports: 0, producers: 0, consumers: 0 });
    expect(await request(interp, 'media:createTransport', { direction: 'send' })).toMatchObject({ ok: false, error: { code: 'NOT_IN_CALL' } });
    expect(await request(intruder, 'call:join', { callId, role: 'caller' })).toMatchObject({ ok: false, error: { code: 'CALL_ENDED' } });
    for (const s of [caller, interp, intruder]) s.disconnect();
  });

  it('frees a participant whose connection drops and ends the call when nobody comes back', async () => {
    const { caller, interp, callId } = await parties();
    await ok(caller, 'call:join', { callId, role: 'caller' });
    await ok(interp, 'call:join', { callId, role: 'interpreter' });
    await ok(interp, 'media:createTransport', { direction: 'send' });
    await ok(caller, 'media:createTransport', { direction: 'recv' });
    const left = nextEvent(caller, 'call:peerLeft');
    interp.disconnect();
    await left;
    expect(await mediaStats(callId)).toMatchObject({ active: true, transports: 1 });
    // The grace period (2 s in tests) passes with nobody rejoining.
    expect(await nextEvent(caller, 'call:ended', 5_000)).toEqual({ callId, reason: 'peer-lost' });
    expect(await mediaStats(callId)).toMatchObject({ active: false, routerAlive: false, transports: 0 });
    caller.disconnect();
  });

  it('lets an interpreter whose connection dropped rejoin within the grace period', async () => {
    const { caller, interp, callId } = await parties();
    await ok(caller, 'call:join', { callId, role: 'caller' });
    await ok(interp, 'call:join', { callId, role: 'interpreter' });
    interp.disconnect();
    await nextEvent(caller, 'call:peerLeft');
    const again = await connectClient(server.url, (await server.staff('interpreter')).token);
    await ok(again, 'call:join', { callId: callId as CallId, role: 'interpreter' });
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await mediaStats(callId)).toMatchObject({ active: true });
    await ok(again, 'call:hangup', {});
    caller.disconnect();
    again.disconnect();
  });
});
