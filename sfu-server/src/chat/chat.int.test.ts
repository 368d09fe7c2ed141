import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '@sign-relay/shared';
import { freshDatabase, type FreshDatabase } from '../testing/freshDatabase.ts';
import { connectClient, nextEvent, ok, request, startTestServer, type TestServer, type TestSocket } from '../testing/harness.ts';
import { asChatSessionId } from '@sign-relay/shared/testing/ids.ts';

const key = () => `k${randomBytes(8).toString('hex')}`;

describe('text chat over real sockets and Postgres', () => {
  let db: FreshDatabase;
  let server: TestServer;
  const secret = randomBytes(32).toString('hex');
  const sockets: TestSocket[] = [];
  const start = () => startTestServer({ databaseUrl: db.url, env: { JWT_SECRET: secret } });
  const track = (s: TestSocket) => {
    sockets.push(s);
    return s;
  };

  /** A fresh interpreter taking chats, and a caller whose chat that interpreter has answered. */
  const answeredChat = async () => {
    const interp = await server.staff('interpreter');
    const desk = track(await connectClient(server.url, interp.token));
    await ok(desk, 'desk:chatStatus', { status: 'available' });
    const g = await server.guestToken();
    const s = track(await connectClient(server.url, g.token));
    const offer = nextEvent(desk, 'desk:chatOffer');
    const { sessionId } = await ok(s, 'chat:start', {});
    await offer;
    await ok(desk, 'desk:chatAccept', { sessionId });
    return { interp, desk, g, s, sessionId };
  };

  beforeAll(async () => {
    db = await freshDatabase();
    server = await start();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.close();
    await db?.drop();
  });

  it('one interpreter carries three chats at once; the fourth waits with its position', async () => {
    const interp = await server.staff('interpreter');
    const desk = track(await connectClient(server.url, interp.token));
    const offers: string[] = [];
    desk.on('desk:chatOffer', (o) => offers.push(o.sessionId));
    expect(await ok(desk, 'desk:chatStatus', { status: 'available' })).toEqual({ seats: 3, available: 3, active: 0 });

    const guests = [];
    for (let n = 0; n < 4; n++) {
      const g = await server.guestToken();
      const s = track(await connectClient(server.url, g.token));
      const status = await ok(s, 'chat:start', { topic: 'consultation' });
      guests.push({ socket: s, sessionId: status.sessionId, status });
    }
    await expect.poll(() => offers.length, { timeout: 5_000 }).toBe(3);
    expect(offers).toEqual(guests.slice(0, 3).map((g) => g.sessionId));
    for (const g of guests.slice(0, 3)) {
      const connected = nextEvent(g.socket, 'chat:connected');
      const r = await ok(desk, 'desk:chatAccept', { sessionId: g.sessionId });
      expect(r.session).toMatchObject({ state: 'active', kind: 'text' });
      expect((await connected).sessionId).toBe(g.sessionId);
    }
    const fourth = guests[3]!;
    expect((await ok(fourth.socket, 'chat:resume', { sessionId: fourth.sessionId })).status).toMatchObject({ position: 1, state: 'waiting' });
    expect(await ok(desk, 'desk:chats', {})).toHaveLength(3);

    // Each chat carries its own messages, both ways.
    const seen: ChatMessage[] = [];
    desk.on('chat:message', (m) => seen.push(m));
    for (const [n, g] of guests.slice(0, 3).entries()) {
      const fromGuest = await ok(g.socket, 'chat:send', { sessionId: g.sessionId, clientKey: key(), body: `地址是 ${n} 號` });
      expect(fromGuest).toMatchObject({ seq: 1, from: 'guest', body: `地址是 ${n} 號` });
      const reply = nextEvent(g.socket, 'chat:message', 5_000, (m) => m.from === 'staff');
      await ok(desk, 'chat:send', { sessionId: g.sessionId, clientKey: key(), body: `收到 ${n}` });
      expect(await reply).toMatchObject({ seq: 2, sessionId: g.sessionId, body: `收到 ${n}` });
    }
    await expect.poll(() => seen.filter((m) => m.from === 'guest').length).toBe(3);

    // Someone else's chat is closed to this guest.
    expect(await request(fourth.socket, 'chat:send', { sessionId: guests[0]!.sessionId, clientKey: key(), body: 'hi' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // Ending one chat frees a seat, and the waiting chat is offered.
    const offered = nextEvent(desk, 'desk:chatOffer');
    const ended = nextEvent(guests[0]!.socket, 'chat:ended');
    await ok(desk, 'chat:end', { sessionId: guests[0]!.sessionId });
    expect(await ended).toMatchObject({ by: 'staff' });
    expect((await offered).sessionId).toBe(fourth.sessionId);
    expect(await request(guests[0]!.socket, 'chat:send', { sessionId: guests[0]!.sessionId, clientKey: key(), body: 'late' })).toMatchObject({ ok: false, error: { code: 'CALL_ENDED' } });
    await ok(desk, 'desk:chatAccept', { sessionId: fourth.sessionId });
    for (const g of guests.slice(1)) await ok(desk, 'chat:end', { sessionId: g.sessionId });
    await ok(desk, 'desk:chatStatus', { status: 'offline' });
  });

  it('refuses empty, oversized and control-character messages with a coded error, and floods are rate-limited', async () => {
    const { desk, s, sessionId } = await answeredChat();
    for (const body of ['', '   \n ', 'x'.repeat(2001), 'bell\u0007', 'nul\u0000', '\u001b[31mred']) {
      const r = await request(s, 'chat:send', { sessionId, clientKey: key(), body });
      expect(r, JSON.stringify(body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(await ok(s, 'chat:send', { sessionId, clientKey: key(), body: '😀'.repeat(2000) })).toMatchObject({ seq: 1 });
    expect(await ok(s, 'chat:send', { sessionId, clientKey: key(), body: 'line one\nline two\ttab' })).toMatchObject({ seq: 2 });
    const flood = await Promise.all(Array.from({ length: 60 }, () => request(s, 'chat:send', { sessionId, clientKey: key(), body: 'spam' })));
    expect(flood.some((r) => !r.ok && r.error.code === 'RATE_LIMITED')).toBe(true);
    // The flood did not slow the interpreter's own messages.
    expect(await ok(desk, 'chat:send', { sessionId, clientKey: key(), body: 'still here' })).toMatchObject({ from: 'staff' });
    await ok(desk, 'chat:end', { sessionId });
    await ok(desk, 'desk:chatStatus', { status: 'offline' });
  });

  it('a client that drops mid-send and resends after reconnecting: the other side sees each message exactly once, in order', async () => {
    const answered = await answeredChat();
    const { desk, g, sessionId } = answered;
    let s = answered.s;
    const received: ChatMessage[] = [];
    desk.on('chat:message', (m) => received.push(m));

    const outbox = Array.from({ length: 30 }, (_, n) => ({ clientKey: key(), body: `message ${n}` }));
    let next = 0;
    for (let round = 0; next < outbox.length; round++) {
      // Send a few, and drop the connection right after the last emit — before its ack can arrive.
      const batch = outbox.slice(next, next + 1 + (round % 3));
      for (const m of batch) s.emit('chat:send', { sessionId, ...m }, () => undefined);
      s.disconnect();
      // Reconnect (a new connection, the same guest) and resend everything not yet acknowledged, with the same keys.
      s = track(await connectClient(server.url, g.token));
      const resumed = await ok(s, 'chat:resume', { sessionId });
      const stored = new Set(resumed.messages.map((m) => m.clientKey));
      for (const m of batch) {
        const ack = await ok(s, 'chat:send', { sessionId, ...m });
        expect(ack.body).toBe(m.body);
        stored.add(m.clientKey);
      }
      next += batch.length;
    }
    await expect.poll(() => received.filter((m) => m.from === 'guest').length, { timeout: 5_000 }).toBe(30);
    await new Promise((r) => setTimeout(r, 300));
    const fromGuest = received.filter((m) => m.from === 'guest');
    expect(fromGuest.map((m) => m.body)).toEqual(outbox.map((m) => m.body));
    expect(new Set(fromGuest.map((m) => m.clientKey)).size).toBe(30);
    const seqs = fromGuest.map((m) => m.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    // The history is the same 30, once each.
    const history = await ok(desk, 'chat:sync', { sessionId, afterSeq: 0 });
    expect(history.map((m) => m.body)).toEqual(outbox.map((m) => m.body));
    await ok(desk, 'chat:end', { sessionId });
    await ok(desk, 'desk:chatStatus', { status: 'offline' });
  });

  it('a server restart in the middle loses no acknowledged message, and the chat goes on', async () => {
    const answered = await answeredChat();
    const { interp, g, sessionId } = answered;
    let { s } = answered;

    const acked: string[] = [];
    const sending = (async () => {
      for (let n = 0; n < 200; n++) {
        const r = await request(s, 'chat:send', { sessionId, clientKey: key(), body: `before restart ${n}` }).catch(() => undefined);
        if (!r?.ok) break;
        acked.push(r.data.body);
      }
    })();
    await new Promise((r) => setTimeout(r, 150));
    await server.close();
    await sending;
    expect(acked.length).toBeGreaterThan(0);

    server = await start();
    s = track(await connectClient(server.url, g.token));
    const desk = track(await connectClient(server.url, interp.token));
    const guestView = await ok(s, 'chat:resume', { sessionId });
    const deskView = await ok(desk, 'chat:resume', { sessionId });
    for (const view of [guestView, deskView]) {
      const bodies = view.messages.map((m) => m.body);
      for (const body of acked) expect(bodies).toContain(body);
      expect(view.session.state).toBe('active');
    }
    expect(await ok(desk, 'desk:chats', {})).toEqual([expect.objectContaining({ sessionId })]);
    const reply = nextEvent(s, 'chat:message', 5_000, (m) => m.from === 'staff');
    await ok(desk, 'chat:send', { sessionId, clientKey: key(), body: 'after restart' });
    expect((await reply).seq).toBeGreaterThan(acked.length);
    await ok(s, 'chat:end', { sessionId });
    await ok(desk, 'desk:chatStatus', { status: 'offline' });
  });

  it('every video call has a chat for its caller and interpreter only, kept with the call record', async () => {
    const interp = await server.staff('interpreter');
    const desk = track(await connectClient(server.url, interp.token));
    await ok(desk, 'desk:setStatus', { status: 'available' });
    const g = await server.guestToken();
    const s = track(await connectClient(server.url, g.token));
    const offer = nextEvent(desk, 'desk:offer');
    const st = await ok(s, 'queue:join', {});
    await offer;
    const { callId } = await ok(desk, 'desk:accept', { entryId: st.entryId });
    const a = await ok(s, 'chat:forCall', { callId });
    const b = await ok(desk, 'chat:forCall', { callId });
    expect(a.session.sessionId).toBe(b.session.sessionId);
    const other = track(await connectClient(server.url, (await server.guestToken()).token));
    expect(await request(other, 'chat:forCall', { callId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const got = nextEvent(desk, 'chat:message');
    await ok(s, 'chat:send', { sessionId: a.session.sessionId, clientKey: key(), body: '台北市信義區市府路1號' });
    expect(await got).toMatchObject({ body: '台北市信義區市府路1號', from: 'guest' });
    const typing = nextEvent(s, 'chat:typing');
    await ok(desk, 'chat:typing', { sessionId: a.session.sessionId, typing: true });
    expect(await typing).toEqual({ sessionId: a.session.sessionId, from: 'staff', typing: true });
    await ok(desk, 'call:join', { callId });
    await ok(desk, 'call:hangup', {});
    expect((await server.chatRepo.transcriptForCallRecord(st.entryId)).map((m) => m.body)).toEqual(['台北市信義區市府路1號']);
    await expect.poll(async () => (await server.chatRepo.byId(a.session.sessionId))?.endedAt).toBeTruthy();
    expect(await request(s, 'chat:send', { sessionId: a.session.sessionId, clientKey: key(), body: 'after' })).toMatchObject({ ok: false, error: { code: 'CALL_ENDED' } });
    void randomUUID;
  });

  it('a text chat turned into a video call: the chat of the call carries what was written before, for both parties', async () => {
    const { desk: chatDesk, s, sessionId } = await answeredChat();
    await ok(s, 'chat:send', { sessionId, clientKey: key(), body: '我住大安區復興南路一段 390 號' });
    await ok(chatDesk, 'chat:send', { sessionId, clientKey: key(), body: '好，幫您轉視訊' });
    // Someone else's text chat, to try to pull in.
    const stranger = track(await connectClient(server.url, (await server.guestToken()).token));
    const { sessionId: strangersChat } = await ok(stranger, 'chat:start', {});

    const interp = await server.staff('interpreter');
    const desk = track(await connectClient(server.url, interp.token));
    await ok(desk, 'desk:setStatus', { status: 'available' });
    const offer = nextEvent(desk, 'desk:offer');
    const st = await ok(s, 'queue:join', {});
    await offer;
    const { callId } = await ok(desk, 'desk:accept', { entryId: st.entryId });
    expect((await ok(desk, 'chat:forCall', { callId })).earlier).toEqual([]);

    // Not the caller's own text chat: ignored, nothing linked.
    expect((await ok(s, 'chat:forCall', { callId, fromChat: strangersChat })).earlier).toEqual([]);
    expect(await request(s, 'chat:forCall', { callId, fromChat: asChatSessionId('not-an-id') })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    const told = nextEvent(desk, 'chat:earlier');
    const mine = await ok(s, 'chat:forCall', { callId, fromChat: sessionId });
    expect(mine.earlier.map((m) => [m.from, m.body])).toEqual([
      ['guest', '我住大安區復興南路一段 390 號'],
      ['staff', '好，幫您轉視訊'],
    ]);
    expect(mine.messages).toEqual([]);
    const pushed = await told;
    expect(pushed).toEqual({ sessionId: mine.session.sessionId, messages: mine.earlier });
    expect((await ok(desk, 'chat:forCall', { callId })).earlier).toEqual(mine.earlier);
    // Linked once: a later, different hint changes nothing.
    expect((await ok(s, 'chat:forCall', { callId, fromChat: strangersChat })).earlier).toEqual(mine.earlier);
    await ok(desk, 'call:join', { callId });
    await ok(desk, 'call:hangup', {});
  });

  it('retention deletes old transcripts and the caller\'s contact but keeps the session rows (reports count them)', async () => {
    const contact = { name: '王小明', phone: '0912-345-678', email: 'ming@example.com' };
    const started = async () => {
      const g = await server.guestToken();
      const s = track(await connectClient(server.url, g.token));
      const { sessionId } = await ok(s, 'chat:start', { contact });
      await ok(s, 'chat:send', { sessionId, clientKey: key(), body: '我住大安區復興南路一段 390 號' });
      await ok(s, 'chat:end', { sessionId });
      // As if an interpreter had answered it (the reports count answered chats); routing is not what is tested here.
      await db.db.pool.query(`UPDATE chat_sessions SET answered_at = created_at + interval '30 seconds' WHERE id = $1`, [sessionId]);
      return sessionId;
    };
    const old = await started();
    const recent = await started();
    await db.db.pool.query(`UPDATE chat_messages SET created_at = now() - interval '91 days' WHERE session_id = $1`, [old]);
    await db.db.pool.query(`UPDATE chat_sessions SET ended_at = now() - interval '91 days', wrap_up_notes = 'called back 0912-345-678' WHERE id = $1`, [old]);
    const before = (await server.chatRepo.byId(old))!;

    const removed = await server.chatRepo.purgeOlderThan(new Date(Date.now() - 90 * 86_400_000));
    expect(removed.messages).toBeGreaterThanOrEqual(1);
    expect(removed.sessions).toBeGreaterThanOrEqual(1);
    // The content is gone: messages, the caller's contact and the interpreter's notes.
    expect(await server.chatRepo.messagesAfter(old, 0)).toEqual([]);
    const kept = await server.chatRepo.byId(old);
    expect(kept).toMatchObject({ kind: 'text', callbackName: null, callbackPhone: null, callbackEmail: null });
    const notes = await db.db.pool.query<{ wrap_up_notes: string | null }>(`SELECT wrap_up_notes FROM chat_sessions WHERE id = $1`, [old]);
    expect(notes.rows[0]?.wrap_up_notes).toBeNull();
    // The row stays with its times, so the month's chat count does not change.
    expect(kept?.createdAt).toEqual(before.createdAt);
    expect(kept?.answeredAt).toEqual(before.answeredAt);
    expect(kept?.answeredAt).not.toBeNull();
    // A chat within the retention keeps everything.
    expect((await server.chatRepo.messagesAfter(recent, 0)).map((m) => m.body)).toEqual(['我住大安區復興南路一段 390 號']);
    expect(await server.chatRepo.byId(recent)).toMatchObject({ callbackName: contact.name, callbackPhone: contact.phone, callbackEmail: contact.email });
    // A second run finds nothing left to clear.
    expect(await server.chatRepo.purgeOlderThan(new Date(Date.now() - 90 * 86_400_000))).toEqual({ messages: 0, sessions: 0 });
  });
});
