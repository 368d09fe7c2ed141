import { describe, expect, it } from 'vitest';
import { nextEvent, ok } from '../testing/harness.ts';
import { useTestServer } from '../testing/serverSuite.ts';

/** Review #13: no kiosk proves which kiosk it is yet, so staff must be told a kiosk's name is only claimed. */
describe('a kiosk caller reaches the desk marked as an unverified kiosk', () => {
  const suite = useTestServer();
  const open = suite.connect;

  it('offers a kiosk video call with kioskVerified false; the wallboard and the call as recorded keep it unverified', async () => {
    const interp = await suite.server().staff('interpreter');
    const desk = await open(interp.token);
    const caller = await open((await suite.server().guestToken('kiosk', 'DA-01')).token);
    const board = await open((await suite.server().staff('supervisor')).token);
    const offer = nextEvent(desk, 'desk:offer');
    const st = await ok(caller, 'queue:join', {});
    // The wallboard names the waiting kiosk caller as unverified too.
    expect((await ok(board, 'wallboard:watch', {})).waiting).toMatchObject([{ entryId: st.entryId, kioskId: 'DA-01', kioskVerified: false }]);
    await ok(desk, 'desk:setStatus', { status: 'available' });
    expect(await offer).toMatchObject({ entryId: st.entryId, channel: 'kiosk', kioskId: 'DA-01', kioskVerified: false });
    const { callId } = await ok(desk, 'desk:accept', { entryId: st.entryId });
    const inCall = await nextEvent(board, 'wallboard:update', 12_000, (b) => b.callsInProgress.some((c) => c.entryId === st.entryId));
    expect(inCall.callsInProgress).toMatchObject([{ entryId: st.entryId, kioskId: 'DA-01', kioskVerified: false }]);
    const ws = await ok(desk, 'case:open', { ref: { kind: 'call', callId } });
    expect(ws.context).toMatchObject({ channel: 'kiosk', kioskId: 'DA-01', kioskVerified: false });
  });

  it('offers a kiosk text chat with kioskVerified false, and the chat as recorded stays unverified on the case form', async () => {
    const interp = await suite.server().staff('interpreter');
    const desk = await open(interp.token);
    await ok(desk, 'desk:chatStatus', { status: 'available' });
    const caller = await open((await suite.server().guestToken('kiosk', 'DA-02')).token);
    const offer = nextEvent(desk, 'desk:chatOffer');
    const { sessionId } = await ok(caller, 'chat:start', {});
    expect(await offer).toMatchObject({ sessionId, channel: 'kiosk', kioskId: 'DA-02', kioskVerified: false });
    await ok(desk, 'desk:chatAccept', { sessionId });
    const ws = await ok(desk, 'case:open', { ref: { kind: 'chat', sessionId } });
    expect(ws.context).toMatchObject({ channel: 'kiosk', kioskId: 'DA-02', kioskVerified: false });
  });
});
