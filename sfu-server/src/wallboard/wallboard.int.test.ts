import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WALLBOARD_RULES, type WallboardSnapshot } from '@sign-relay/shared';
import { connectClient, nextEvent, ok, startTestServer, type TestServer, type TestSocket } from '../testing/harness.ts';

const MIN = 60_000;

describe('the wallboard for every line: text chats, call-backs, signing without a break, alarms', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];
  const open = async (token: string) => {
    const s = await connectClient(server.url, token);
    sockets.push(s);
    return s;
  };
  let board: TestSocket;

  /** The board as it is sent, once it meets `what` (the database figures are cached for a few seconds). */
  const boardUntil = async (what: (s: WallboardSnapshot) => boolean): Promise<WallboardSnapshot> => {
    const first = await ok(board, 'wallboard:watch', {});
    if (what(first)) return first;
    return nextEvent(board, 'wallboard:update', 12_000, what);
  };

  /** A finished video call of `interpreterId` in the call records, `fromMin`–`toMin` minutes ago. */
  const pastCall = async (interpreterId: string, fromMin: number, toMin: number) => {
    const now = Date.now();
    await server.db.pool.query(
      `INSERT INTO call_records (id, call_id, guest_id, channel, queued_at, answered_at, ended_at, interpreter_id, end_reason)
       VALUES ($1, $2, $3, 'web', $4, $4, $5, $6, 'hangup')`,
      [randomUUID(), randomUUID(), randomUUID(), new Date(now - fromMin * MIN), new Date(now - toMin * MIN), interpreterId],
    );
  };
  /** A call-back request left `agoMin` minutes ago, as a caller leaves it. */
  const callback = async (agoMin: number, done = false) => {
    const g = await server.guestToken();
    const res = await fetch(`${server.url}/api/callbacks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${g.token}` },
      body: JSON.stringify({ name: '王小明', phone: '0912-345-678' }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await server.db.pool.query(`UPDATE callback_requests SET created_at = $2, done_at = $3 WHERE id = $1`, [id, new Date(Date.now() - agoMin * MIN), done ? new Date() : null]);
    return id;
  };

  beforeAll(async () => {
    server = await startTestServer();
    const sup = await server.staff('supervisor');
    board = await open(sup.token);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
  });

  it('starts with every line quiet', async () => {
    const s = await ok(board, 'wallboard:watch', {});
    expect(s.chats).toEqual({ waiting: 0, longestWaitSec: 0, seatsInUse: 0, seatsOpen: 0 });
    expect(s.callbacks).toEqual({ open: 0, claimed: 0, oldestWaitSec: null });
    expect(s.alarms).toEqual([]);
  });

  it('counts a text chat waiting, raises the alarm while no seat is open, and counts the seats once answered', async () => {
    const g = await server.guestToken();
    const caller = await open(g.token);
    const { sessionId } = await ok(caller, 'chat:start', { topic: 'dispatch' });

    const waiting = await boardUntil((s) => s.chats.waiting === 1);
    expect(waiting.chats).toMatchObject({ waiting: 1, seatsInUse: 0, seatsOpen: 0 });
    expect(waiting.alarms).toEqual([{ kind: 'chat-unstaffed', waiting: 1, longestWaitSec: waiting.chats.longestWaitSec }]);

    // An interpreter who never opened the video desk takes text chats: they are on the board, video offline.
    const interp = await server.staff('interpreter', { name: '文字翻譯員' });
    const desk = await open(interp.token);
    const offer = nextEvent(desk, 'desk:chatOffer');
    await ok(desk, 'desk:chatStatus', { status: 'available' });
    await offer;
    await ok(desk, 'desk:chatAccept', { sessionId });

    const answered = await boardUntil((s) => s.chats.seatsInUse === 1);
    expect(answered.chats).toEqual({ waiting: 0, longestWaitSec: 0, seatsInUse: 1, seatsOpen: 2 });
    expect(answered.alarms).toEqual([]);
    const row = answered.interpreters.find((i) => i.userId === interp.userId);
    expect(row).toMatchObject({ displayName: '文字翻譯員', state: 'offline', activeChats: 1, signingSince: null });
  });

  it('raises the video alarm when a caller waits and nobody is available, and clears it when someone goes available', async () => {
    const interp = await server.staff('interpreter', { name: '視訊翻譯員' });
    // Earlier today: a call 40–28 minutes ago, then one 25–3 minutes ago (a 3-minute gap: no break), and one
    // long before with a real break after it.
    await pastCall(interp.userId, 120, 100);
    await pastCall(interp.userId, 40, 28);
    await pastCall(interp.userId, 25, 3);
    const desk = await open(interp.token);

    const g = await server.guestToken();
    const caller = await open(g.token);
    const { entryId } = await ok(caller, 'queue:join', {});
    const alarmed = await boardUntil((s) => s.alarms.some((a) => a.kind === 'video-unstaffed'));
    expect(alarmed.alarms.find((a) => a.kind === 'video-unstaffed')).toMatchObject({ waiting: 1 });

    const offer = nextEvent(desk, 'desk:offer');
    await ok(desk, 'desk:setStatus', { status: 'available' });
    await offer;
    const rung = await boardUntil((s) => !s.alarms.some((a) => a.kind === 'video-unstaffed'));
    expect(rung.waiting.find((w) => w.entryId === entryId)?.state).toBe('offered');

    const { callId } = await ok(desk, 'desk:accept', { entryId });
    await ok(caller, 'call:join', { callId });
    // The call records are read every few seconds: the board catches up with the earlier calls.
    const inCall = await boardUntil((s) => s.interpreters.some((i) => i.userId === interp.userId && i.state === 'in-call' && i.signingSince !== null && s.at - i.signingSince > 30 * MIN));
    const row = inCall.interpreters.find((i) => i.userId === interp.userId)!;
    // Signing since the call 40 minutes ago: past the red line, so this interpreter needs a break.
    const signingMin = (inCall.at - row.signingSince!) / MIN;
    expect(signingMin).toBeGreaterThan(39.5);
    expect(signingMin).toBeLessThan(41);
    expect((inCall.at - row.signingSince!) / 1000).toBeGreaterThan(WALLBOARD_RULES.signingRedSec);
    expect(row.activeChats).toBe(0);
    await ok(caller, 'call:hangup', {});
  });

  it('counts the call-backs open, the oldest, and alarms for one left too long', async () => {
    const recent = await callback(30);
    await callback(5 * 60);
    await callback(10, true);
    // An interpreter has taken the recent one.
    const u = await server.staff('interpreter');
    await server.db.pool.query(`UPDATE callback_requests SET claimed_by = $2, claimed_at = now() WHERE id = $1`, [recent, u.userId]);
    const s = await boardUntil((b) => b.callbacks.open === 2);
    expect(s.callbacks.claimed).toBe(1);
    expect(s.callbacks.oldestWaitSec).toBeGreaterThanOrEqual(5 * 3600 - 5);
    expect(s.callbacks.oldestWaitSec).toBeLessThan(5 * 3600 + 60);
    expect(s.alarms).toContainEqual({ kind: 'callback-overdue', waiting: 1, longestWaitSec: s.callbacks.oldestWaitSec });
  });
});
