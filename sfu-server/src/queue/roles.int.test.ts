import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_ROLES, type ClientEventName, type Role } from '@sign-relay/shared';
import { connectClient, request, startTestServer, type TestServer, type TestSocket } from '../testing/harness.ts';

/** A payload that passes validation for each event, so a refusal can only come from the role check. */
const VALID: { [E in ClientEventName]: unknown } = {
  'call:join': { callId: randomUUID() },
  'call:hangup': {},
  'call:leave': {},
  'auth:renew': { token: 'x'.repeat(20) },
  'queue:join': {},
  'queue:leave': {},
  'queue:resume': { entryId: randomUUID() },
  'desk:setStatus': { status: 'break', reason: 'meal' },
  'desk:accept': { entryId: randomUUID() },
  'desk:decline': { entryId: randomUUID() },
  'desk:transfer': { toUserId: randomUUID() },
  'desk:colleagues': {},
  'wallboard:watch': {},
  'case:open': { ref: { kind: 'call', callId: randomUUID() } },
  'case:saveDraft': { ref: { kind: 'chat', sessionId: randomUUID() }, draft: { service: 'dispatch' }, baseVersion: 0 },
  'case:readBack': { ref: { kind: 'call', callId: randomUUID() } },
  'case:file': { ref: { kind: 'call', callId: randomUUID() }, clientKey: 'abcdefgh1234' },
  'case:drafts': {},
  'case:readBackAnswer': { readBackId: randomUUID(), answer: 'correct' },
  'case:mine': {},
  'desk:wrapUp': { ref: { kind: 'call', callId: randomUUID() }, outcome: 'answered' },
  'media:createTransport': { direction: 'send' },
  'media:connectTransport': { transportId: randomUUID(), dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD' }] } },
  'media:produce': { transportId: randomUUID(), kind: 'audio', source: 'microphone', rtpParameters: { codecs: [{}] } },
  'media:consume': { producerId: randomUUID(), rtpCapabilities: {} },
  'media:resumeConsumer': { consumerId: randomUUID() },
  'media:restartIce': { transportId: randomUUID() },
  'media:pauseProducer': { producerId: randomUUID() },
  'media:resumeProducer': { producerId: randomUUID() },
  'media:requestKeyFrame': { consumerId: randomUUID() },
  'media:renewConsumer': { consumerId: randomUUID(), rtpCapabilities: { codecs: [] } },
  'media:reset': {},
  'chat:start': {},
  'chat:resume': { sessionId: randomUUID() },
  'chat:forCall': { callId: randomUUID() },
  'chat:send': { sessionId: randomUUID(), clientKey: 'k-12345678', body: 'hi' },
  'chat:sync': { sessionId: randomUUID(), afterSeq: 0 },
  'chat:typing': { sessionId: randomUUID(), typing: true },
  'chat:end': { sessionId: randomUUID() },
  'desk:chatStatus': { status: 'offline' },
  'desk:chatAccept': { sessionId: randomUUID() },
  'desk:chatDecline': { sessionId: randomUUID() },
  'desk:chats': {},
};

describe('every role is refused what it may not do', () => {
  let server: TestServer;
  const sockets = new Map<Role, TestSocket>();
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    server = await startTestServer();
    const g = await server.guestToken();
    tokens.set('guest', g.token);
    for (const role of ['interpreter', 'supervisor', 'admin'] as const) tokens.set(role, (await server.staff(role)).token);
    for (const [role, token] of tokens) sockets.set(role, await connectClient(server.url, token));
  });
  afterAll(async () => {
    for (const s of sockets.values()) s.disconnect();
    await server.close();
  });

  it.each(Object.keys(VALID) as ClientEventName[])('socket event %s: FORBIDDEN for every role not allowed', async (event) => {
    for (const [role, socket] of sockets) {
      const r = (await (socket.timeout(5_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck(event, VALID[event])) as {
        ok: boolean;
        error?: { code: string };
      };
      if (EVENT_ROLES[event].includes(role)) expect(r.error?.code, `${role} ${event}`).not.toBe('FORBIDDEN');
      else expect(r, `${role} ${event}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('refuses a socket without a valid token', async () => {
    await expect(connectClient(server.url, 'nonsense')).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    const forged = jwt.sign({ typ: 'staff', role: 'admin', name: 'x', gender: null }, 'y'.repeat(40), { subject: randomUUID(), issuer: 'sign-relay' });
    await expect(connectClient(server.url, forged)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a connection whose token has expired, until it is renewed', async () => {
    const s = sockets.get('interpreter')!;
    const interp = await server.staff('interpreter');
    const sock = await connectClient(server.url, interp.token);
    // Force this connection's clock past expiry by renewing with a token that is already expired.
    const expired = jwt.sign({ typ: 'staff', role: 'interpreter', name: 'x', gender: null }, 'z'.repeat(40), { subject: interp.userId, issuer: 'sign-relay' });
    expect(await request(sock, 'auth:renew', { token: expired })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // Renewing as somebody else is refused.
    expect(await request(sock, 'auth:renew', { token: tokens.get('admin')! })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await request(sock, 'auth:renew', { token: interp.token })).toMatchObject({ ok: true });
    sock.disconnect();
    expect(s.connected).toBe(true);
  });

  it.each([
    ['GET', '/api/admin/users', ['admin']],
    ['POST', '/api/admin/users', ['admin']],
    ['GET', '/api/wallboard', ['supervisor', 'admin']],
    ['GET', '/api/desk/calls/today', ['interpreter', 'supervisor']],
    ['GET', '/api/callbacks', ['interpreter', 'supervisor', 'admin']],
  ] as const)('HTTP %s %s: 401 without a token, 403 for other roles', async (method, path, allowed) => {
    const body = method === 'POST' ? JSON.stringify({ username: `u${Date.now()}`, displayName: 'U', role: 'interpreter', password: 'long enough password' }) : undefined;
    const call = (token?: string) =>
      fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body });
    const none = await call();
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    for (const [role, token] of tokens) {
      const res = await call(token);
      if ((allowed as readonly string[]).includes(role)) expect(res.status, role).toBeLessThan(300);
      else {
        expect(res.status, role).toBe(403);
        expect(await res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      }
    }
  });

  it('gives callers guest tokens without an account, keeps their identity, and rate-limits each address', async () => {
    const post = (body: unknown) => fetch(`${server.url}/api/auth/guest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const first = (await (await post({ channel: 'web' })).json()) as { guestToken: string; guestId: string };
    const again = (await (await post({ channel: 'web', previousToken: first.guestToken })).json()) as { guestId: string };
    expect(again.guestId).toBe(first.guestId);
    expect((await post({ channel: 'kiosk' })).status).toBe(400);
    const statuses: number[] = [];
    for (let n = 0; n < 25; n++) statuses.push((await post({ channel: 'web' })).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 429).length).toBeLessThan(25);
  });

  it('takes a call-back request from a caller only, with a name and a phone or e-mail', async () => {
    const post = (token: string | undefined, body: unknown) =>
      fetch(`${server.url}/api/callbacks`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    expect((await post(tokens.get('guest'), { name: '林小姐' })).status).toBe(400);
    expect((await post(tokens.get('interpreter'), { name: '林小姐', phone: '0912345678' })).status).toBe(403);
    const created = await post(tokens.get('guest'), { name: '林小姐', phone: '0912345678', topic: 'petition', note: '請下午回電' });
    expect(created.status).toBe(201);
    const list = (await (await fetch(`${server.url}/api/callbacks`, { headers: { authorization: `Bearer ${tokens.get('supervisor')}` } })).json()) as { items: { name: string; note: string }[] };
    expect(list.items).toEqual([expect.objectContaining({ name: '林小姐', phone: '0912345678', topic: 'petition', note: '請下午回電' })]);
  });

  it('signs in, rotates refresh tokens once, detects reuse, and logs out', async () => {
    const u = await server.staff('interpreter');
    const post = (path: string, body: unknown) => fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const bad = await post('/api/auth/login', { username: u.username, password: 'wrong password!' });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Wrong username or password.' } });
    const login = (await (await post('/api/auth/login', { username: u.username.toUpperCase(), password: u.password })).json()) as { refreshToken: string; expiresIn: number };
    expect(login.expiresIn).toBe(900);
    const r1 = await post('/api/auth/refresh', { refreshToken: login.refreshToken });
    expect(r1.status).toBe(200);
    const rotated = (await r1.json()) as { refreshToken: string };
    // The old token was used once: presented again within the grace it only repeats the same successor.
    const retried = await post('/api/auth/refresh', { refreshToken: login.refreshToken });
    expect(retried.status).toBe(200);
    expect(((await retried.json()) as { refreshToken: string }).refreshToken).toBe(rotated.refreshToken);
    // Once the successor is itself rotated, the old token is refused (reuse after the grace revokes the family:
    // AuthService.int.test.ts, with a clock).
    const r2 = await post('/api/auth/refresh', { refreshToken: rotated.refreshToken });
    expect(r2.status).toBe(200);
    expect((await post('/api/auth/refresh', { refreshToken: login.refreshToken })).status).toBe(401);
    const again = (await (await post('/api/auth/login', { username: u.username, password: u.password })).json()) as { refreshToken: string };
    expect((await post('/api/auth/logout', { refreshToken: again.refreshToken })).status).toBe(204);
    expect((await post('/api/auth/refresh', { refreshToken: again.refreshToken })).status).toBe(401);
    expect((await post('/api/auth/login', { username: 'x', password: 5 })).status).toBe(400);
  });
});
