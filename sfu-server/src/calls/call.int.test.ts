import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callForTesting } from '../testing/callForTesting.ts';
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

  /** A caller and an interpreter, connected, and a call for the two of them. */
  const parties = async () => {
    const guest = await server.guestToken();
    const interpreter = await server.staff('interpreter');
    const caller = await connectClient(server.url, guest.token);
    const interp = await connectClient(server.url, interpreter.token);
    const callId = await callForTesting(server, { guestId: guest.guestId, staffIds: [interpreter.userId] });
    return { caller, interp, callId, guest, interpreter };
  };

  it('joins a caller and an interpreter, tells each about the other, and frees everything on hang-up', async () => {
    const { caller, interp, callId, guest } = await parties();
    const joinedC = await ok(caller, 'call:join', { callId, displayName: '王小明' });
    expect(joinedC.peers).toEqual([]);
    const peerJoined = nextEvent(caller, 'call:peerJoined');
    const joinedI = await ok(interp, 'call:join', { callId });
    expect(joinedI.peers).toEqual([{ peerId: joinedC.peerId, role: 'caller', displayName: '王小明' }]);
    expect((await peerJoined).role).toBe('interpreter');

    for (const s of [caller, interp]) {
      await ok(s, 'media:createTransport', { direction: 'send' });
      await ok(s, 'media:createTransport', { direction: 'recv' });
    }
    expect(await mediaStats(callId)).toMatchObject({ active: true, transports: 4 });

    // A second caller cannot take the caller's seat (here the caller again, on another connection: the
    // only other caller the call would admit).
    const intruder = await connectClient(server.url, guest.token);
    const refused = await request(intruder, 'call:join', { callId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CALL_FULL' } });

    const endedC = nextEvent(caller, 'call:ended');
    const endedI = nextEvent(interp, 'call:ended');
    await ok(caller, 'call:hangup', {});
    expect(await endedC).toEqual({ callId, reason: 'hangup' });
    expect(await endedI).toEqual({ callId, reason: 'hangup' });
    expect(await mediaStats(callId)).toEqual({ callId, active: false, routerAlive: false, transports: 0, producers: 0, consumers: 0 });
    expect(await request(interp, 'media:createTransport', { direction: 'send' })).toMatchObject({ ok: false, error: { code: 'NOT_IN_CALL' } });
    expect(await request(intruder, 'call:join', { callId })).toMatchObject({ ok: false, error: { code: 'CALL_ENDED' } });
    for (const s of [caller, interp, intruder]) s.disconnect();
  });

  it('frees a participant whose connection drops and ends the call when nobody comes back', async () => {
    const { caller, interp, callId } = await parties();
    await ok(caller, 'call:join', { callId });
    await ok(interp, 'call:join', { callId });
    await ok(caller, 'media:createTransport', { direction: 'send' });
    await ok(interp, 'media:createTransport', { direction: 'recv' });
    // The caller drops (an interpreter who drops sends the caller back to the line instead: queue.int.test.ts).
    const left = nextEvent(interp, 'call:peerLeft');
    caller.disconnect();
    await left;
    expect(await mediaStats(callId)).toMatchObject({ active: true, transports: 1 });
    // The grace period (2 s in tests) passes with nobody rejoining.
    expect(await nextEvent(interp, 'call:ended', 5_000)).toEqual({ callId, reason: 'peer-lost' });
    expect(await mediaStats(callId)).toMatchObject({ active: false, routerAlive: false, transports: 0 });
    interp.disconnect();
  });

  it('lets an interpreter whose connection dropped rejoin within the grace period', async () => {
    const { caller, interp, callId, interpreter } = await parties();
    await ok(caller, 'call:join', { callId });
    await ok(interp, 'call:join', { callId });
    interp.disconnect();
    await nextEvent(caller, 'call:peerLeft');
    const again = await connectClient(server.url, interpreter.token);
    const rejoined = await ok(again, 'call:join', { callId });
    expect(rejoined.peers.map((p) => p.role)).toEqual(['caller']);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await mediaStats(callId)).toMatchObject({ active: true });
    await ok(again, 'call:hangup', {});
    caller.disconnect();
    again.disconnect();
  });
  it("shows staff by their account's name, whatever display name they send (review #25)", async () => {
    const guest = await server.guestToken();
    const interpreter = await server.staff('interpreter', { name: '林譯員' });
    const caller = await connectClient(server.url, guest.token);
    const interp = await connectClient(server.url, interpreter.token);
    const callId = await callForTesting(server, { guestId: guest.guestId, staffIds: [interpreter.userId] });
    await ok(caller, 'call:join', { callId, displayName: '王小明' });
    const seen = nextEvent(caller, 'call:peerJoined');
    const joined = await ok(interp, 'call:join', { callId, displayName: '督導 Supervisor' });
    expect(joined.peers).toEqual([expect.objectContaining({ role: 'caller', displayName: '王小明' })]);
    expect(await seen).toMatchObject({ role: 'interpreter', displayName: '林譯員' });
    await ok(caller, 'call:hangup', {});
    caller.disconnect();
    interp.disconnect();
  });

  it('takes the call from an interpreter once their transfer is answered: they cannot join it again (review #26)', async () => {
    const first = await server.staff('interpreter');
    const colleague = await server.staff('interpreter');
    const firstDesk = await connectClient(server.url, first.token);
    const colleagueDesk = await connectClient(server.url, colleague.token);
    await ok(firstDesk, 'desk:setStatus', { status: 'available' });
    const guest = await server.guestToken();
    const caller = await connectClient(server.url, guest.token);
    const offer = nextEvent(firstDesk, 'desk:offer');
    const place = await ok(caller, 'queue:join', {});
    await offer;
    const { callId } = await ok(firstDesk, 'desk:accept', { entryId: place.entryId });
    await ok(caller, 'call:join', { callId });
    await ok(firstDesk, 'call:join', { callId });

    await ok(colleagueDesk, 'desk:setStatus', { status: 'available' });
    const transferOffer = nextEvent(colleagueDesk, 'desk:offer');
    await ok(firstDesk, 'desk:transfer', { toUserId: colleague.userId });
    await transferOffer;
    await ok(colleagueDesk, 'desk:accept', { entryId: place.entryId });
    // Still in the call until they leave it, but the call is the colleague's now.
    expect(server.calls.partiesOf(callId)?.staffIds).toEqual([colleague.userId]);
    await ok(colleagueDesk, 'call:join', { callId });
    await ok(firstDesk, 'call:leave', {});
    expect(await request(firstDesk, 'call:join', { callId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Nor may they read the call's chat any longer.
    expect(await request(firstDesk, 'chat:forCall', { callId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await ok(colleagueDesk, 'call:hangup', {});
    for (const s of [firstDesk, colleagueDesk, caller]) s.disconnect();
  });

  it('takes the call from an interpreter who leaves it: they cannot join it again (review #26)', async () => {
    const { caller, interp, callId } = await parties();
    await ok(caller, 'call:join', { callId });
    await ok(interp, 'call:join', { callId });
    await ok(interp, 'call:leave', {});
    expect(await request(interp, 'call:join', { callId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await ok(caller, 'call:hangup', {});
    caller.disconnect();
    interp.disconnect();
  });
});
