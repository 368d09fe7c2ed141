import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, nextEvent, ok, request, startTestServer, type TestServer, type TestSocket } from '../testing/harness.ts';

describe('the call queue over real sockets, Postgres and mediasoup', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];
  const guest = async () => {
    const g = await server.guestToken();
    const s = await connectClient(server.url, g.token);
    sockets.push(s);
    return { socket: s, guestId: g.guestId, token: g.token };
  };
  const staff = async (role: 'interpreter' | 'supervisor' | 'admin', gender: 'female' | 'male' | null = null) => {
    const st = await server.staff(role, { gender });
    const s = await connectClient(server.url, st.token);
    sockets.push(s);
    return { socket: s, ...st };
  };

  /** A caller routed to a fresh interpreter, answered, and both in the call. */
  const connectedCall = async () => {
    const interp = await staff('interpreter');
    await ok(interp.socket, 'desk:setStatus', { status: 'available' });
    const caller = await guest();
    const offer = nextEvent(interp.socket, 'desk:offer');
    const st = await ok(caller.socket, 'queue:join', {});
    await offer;
    const { callId } = await ok(interp.socket, 'desk:accept', { entryId: st.entryId });
    await ok(caller.socket, 'call:join', { callId });
    await ok(interp.socket, 'call:join', { callId });
    return { interp, caller, st, callId };
  };

  beforeAll(async () => {
    server = await startTestServer({ reconnectGraceMs: 1_500 });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
  });

  it('routes a caller to an interpreter, connects both to their call, and records every timestamp', async () => {
    const caller = await guest();
    const first = await ok(caller.socket, 'queue:join', { topic: 'dispatch', contact: { name: '王小明', phone: '0912-345-678' }, camera: 'blocked' });
    expect(first).toMatchObject({ position: 1, estimatedWaitSec: null, staffed: 0, state: 'waiting' });

    const interp = await staff('interpreter');
    const offer = nextEvent(interp.socket, 'desk:offer');
    const rung = nextEvent(caller.socket, 'queue:status', 5_000, (s) => s.state === 'offered');
    await ok(interp.socket, 'desk:setStatus', { status: 'available' });
    expect(await offer).toMatchObject({ entryId: first.entryId, topic: 'dispatch', channel: 'web', transferFrom: null, camera: 'blocked' });
    expect(await rung).toMatchObject({ position: 1, state: 'offered', estimatedWaitSec: 0 });

    // Only the interpreter rung may answer.
    const other = await staff('interpreter');
    expect(await request(other.socket, 'desk:accept', { entryId: first.entryId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const connected = nextEvent(caller.socket, 'queue:connected');
    const { callId } = await ok(interp.socket, 'desk:accept', { entryId: first.entryId });
    expect(await connected).toEqual({ entryId: first.entryId, callId });

    // The call admits its caller and its interpreter only.
    expect(await request(other.socket, 'call:join', { callId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const stranger = await guest();
    expect(await request(stranger.socket, 'call:join', { callId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const joinedI = await ok(interp.socket, 'call:join', { callId });
    // The call gives the role: asking for one is refused.
    expect(await request(caller.socket, 'call:join', { callId, role: 'interpreter' } as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const joinedC = await ok(caller.socket, 'call:join', { callId });
    expect(joinedC.peers.map((p) => p.role)).toEqual(['interpreter']);
    expect(joinedI.callId).toBe(callId);
    expect(await server.records.byId(first.entryId)).toMatchObject({ callId, interpreterId: interp.userId, offerCount: 1 });

    const wrap = nextEvent(interp.socket, 'desk:state', 5_000, (d) => d.state === 'wrap-up');
    await ok(caller.socket, 'call:hangup', {});
    expect(await wrap).toMatchObject({ state: 'wrap-up' });
    const rec = await server.records.byId(first.entryId);
    expect(rec).toMatchObject({ endReason: 'hangup', channel: 'web', topic: 'dispatch', callbackName: '王小明', callbackPhone: '0912-345-678', callbackEmail: null });
    expect(rec!.queuedAt.getTime()).toBeLessThanOrEqual(rec!.offeredAt!.getTime());
    expect(rec!.offeredAt!.getTime()).toBeLessThanOrEqual(rec!.answeredAt!.getTime());
    expect(rec!.answeredAt!.getTime()).toBeLessThanOrEqual(rec!.endedAt!.getTime());

    // Wrap-up can be ended early.
    expect(await ok(interp.socket, 'desk:setStatus', { status: 'available' })).toMatchObject({ state: 'available' });
    await ok(interp.socket, 'desk:setStatus', { status: 'offline' });
    await ok(other.socket, 'desk:setStatus', { status: 'offline' });
  });

  it('refuses an unknown camera state and queues nobody; a caller whose check had not answered is offered with camera null', async () => {
    const caller = await guest();
    const bad = await request(caller.socket, 'queue:join', { camera: 'broken' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect((await server.store.places()).length).toBe(0);
    const interp = await staff('interpreter');
    const offer = nextEvent(interp.socket, 'desk:offer');
    const st = await ok(caller.socket, 'queue:join', {});
    await ok(interp.socket, 'desk:setStatus', { status: 'available' });
    expect(await offer).toMatchObject({ entryId: st.entryId, camera: null });
    await ok(caller.socket, 'queue:leave', {});
    await ok(interp.socket, 'desk:setStatus', { status: 'offline' });
  });

  it('shows the second caller position 2 and an estimated wait', async () => {
    const interp = await staff('interpreter');
    await ok(interp.socket, 'desk:setStatus', { status: 'available' });
    const a = await guest();
    const offer = nextEvent(interp.socket, 'desk:offer');
    const sa = await ok(a.socket, 'queue:join', {});
    await offer;
    await ok(interp.socket, 'desk:accept', { entryId: sa.entryId });
    const b = await guest();
    const sb = await ok(b.socket, 'queue:join', {});
    const c = await guest();
    const sc = await ok(c.socket, 'queue:join', {});
    expect(sb).toMatchObject({ position: 1, staffed: 1 });
    expect(sc.position).toBe(2);
    expect(sc.estimatedWaitSec).toBeGreaterThan(0);
    // The first leaves: the second moves up, live.
    const moved = nextEvent(c.socket, 'queue:status', 5_000, (s) => s.position === 1);
    await ok(b.socket, 'queue:leave', {});
    expect(await moved).toMatchObject({ position: 1 });
    expect(await server.records.byId(sb.entryId)).toMatchObject({ endReason: 'caller-left' });
    await ok(c.socket, 'queue:leave', {});
  });

  it('sends the caller back to the head of the line when the interpreter drops mid-call, and says so', async () => {
    const { interp, caller, st, callId } = await connectedCall();
    const later = await guest();
    await ok(later.socket, 'queue:join', {});

    const ended = nextEvent(caller.socket, 'call:ended', 10_000);
    const requeued = nextEvent(caller.socket, 'queue:requeued', 10_000);
    interp.socket.disconnect();
    expect(await ended).toEqual({ callId, reason: 'requeued' });
    expect(await requeued).toMatchObject({ entryId: st.entryId, position: 1, requeued: true });
    expect(await server.records.byId(st.entryId)).toMatchObject({ requeuedCount: 1 });
    await ok(caller.socket, 'queue:leave', {});
    await ok(later.socket, 'queue:leave', {});
  });

  it('keeps a dropped caller’s place and gives it back on resume', async () => {
    const a = await guest();
    const sa = await ok(a.socket, 'queue:join', {});
    const b = await guest();
    await ok(b.socket, 'queue:join', {});
    a.socket.disconnect();
    await new Promise((r) => setTimeout(r, 300));
    const back = await connectClient(server.url, a.token);
    sockets.push(back);
    expect(await ok(back, 'queue:resume', { entryId: sa.entryId })).toMatchObject({ position: 1 });
    // Someone else's entry cannot be taken over.
    expect(await request(b.socket, 'queue:resume', { entryId: sa.entryId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await ok(back, 'queue:leave', {});
    await ok(b.socket, 'queue:leave', {});
  });

  it('transfers a call to a supervisor, who joins while the first interpreter leaves into wrap-up', async () => {
    const { interp, st, callId } = await connectedCall();
    const sup = await staff('supervisor');

    await ok(sup.socket, 'desk:setStatus', { status: 'available' });
    const colleagues = await ok(interp.socket, 'desk:colleagues', {});
    expect(colleagues.find((c) => c.userId === sup.userId)).toMatchObject({ role: 'supervisor', state: 'available' });
    const transferOffer = nextEvent(sup.socket, 'desk:offer');
    await ok(interp.socket, 'desk:transfer', { toUserId: sup.userId });
    expect(await transferOffer).toMatchObject({ entryId: st.entryId, transferFrom: { userId: interp.userId } });
    const wrap = nextEvent(interp.socket, 'desk:state', 5_000, (d) => d.state === 'wrap-up');
    expect(await ok(sup.socket, 'desk:accept', { entryId: st.entryId })).toEqual({ callId });
    await wrap;
    // The first interpreter may leave before the colleague has joined: the caller is not dropped meanwhile.
    await ok(interp.socket, 'call:leave', {});
    expect(await server.calls.mediaStats(callId)).toMatchObject({ active: true });
    const joined = await ok(sup.socket, 'call:join', { callId });
    expect(joined.peers.map((p) => p.role)).toEqual(['caller']);
    await new Promise((r) => setTimeout(r, 1_800));
    expect(await server.calls.mediaStats(callId)).toMatchObject({ active: true });
    const supWrap = nextEvent(sup.socket, 'desk:state', 5_000, (d) => d.state === 'wrap-up');
    await ok(sup.socket, 'call:hangup', {});
    await supWrap;
    expect(await server.records.byId(st.entryId)).toMatchObject({ interpreterId: sup.userId, transferredFrom: interp.userId, endReason: 'hangup' });
  });
});

describe('outside video hours', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { SERVICE_CLOCK_START: '2026-12-01T22:00:00+08:00' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses the video line at 22:00, naming the reopening time, while text chat stays open', async () => {
    const status = (await (await fetch(`${server.url}/api/service/status`)).json()) as { video: { open: boolean; opensAt: number }; text: { open: boolean } };
    expect(status.video.open).toBe(false);
    expect(new Date(status.video.opensAt).toISOString()).toBe('2026-12-02T01:00:00.000Z');
    expect(status.text.open).toBe(true);
    const g = await server.guestToken();
    const s = await connectClient(server.url, g.token);
    const r = await request(s, 'queue:join', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(!r.ok && r.error.message).toMatch(/opens again .*09:00/);
    expect(await ok(s, 'chat:start', {})).toMatchObject({ position: 1 });
    s.disconnect();
  });
});
