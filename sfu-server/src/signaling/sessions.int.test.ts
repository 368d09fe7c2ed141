import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole, UserId } from '@sign-relay/shared';
import { tokenExpiresAt, TokenService } from '../auth/tokens.ts';
import { testServiceUrl } from '../testing/context.ts';
import { freshDatabase, type FreshDatabase } from '../testing/freshDatabase.ts';
import { connectClient, nextEvent, ok, request, startTestServer, type TestServer, type TestSocket } from '../testing/harness.ts';

/** Resolves with the reason of the socket's next disconnect, or rejects after `withinMs`. */
function disconnected(socket: TestSocket, withinMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${withinMs} ms`)), withinMs);
    socket.once('disconnect', (why) => {
      clearTimeout(timer);
      resolve(why);
    });
  });
}

/** The coded refusal of a connection attempt (or 'connected'). */
async function connectOutcome(url: string, token: string, opened: TestSocket[]): Promise<string> {
  try {
    opened.push(await connectClient(url, token));
    return 'connected';
  } catch (err) {
    return (err as { data?: { code?: string } }).data?.code ?? (err as Error).message;
  }
}

async function patchUser(server: TestServer, adminToken: string, id: UserId, patch: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${server.url}/api/admin/users/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(patch),
  });
  expect(res.status).toBe(200);
}

describe('token lapse and account changes on open connections', () => {
  const secret = randomBytes(32).toString('hex');
  /** Signs staff tokens that lapse within a second (the server's own last 15 minutes). */
  const brief = new TokenService({ secret, accessTtlSec: 1, guestTtlSec: 300 });
  let server: TestServer;
  let admin: string;
  const opened: TestSocket[] = [];

  /** A new staff member connected with a token that lapses within a second. */
  async function briefly(role: StaffRole) {
    const who = await server.staff(role);
    const { token } = brief.signStaff({ kind: 'staff', userId: who.userId, role, displayName: `${role}`, gender: null });
    const socket = await connectClient(server.url, token);
    opened.push(socket);
    return { ...who, socket, lapsesAt: tokenExpiresAt(token) };
  }
  /** Waits until a token has expired (the server's clock is this process's). */
  const pastExpiry = (at: number) => delay(Math.max(0, at - Date.now()) + 20);

  beforeAll(async () => {
    server = await startTestServer({ env: { JWT_SECRET: secret }, signaling: { renewGraceMs: 1_500 } });
    admin = (await server.staff('admin')).token;
  });
  afterAll(async () => {
    for (const s of opened) s.disconnect();
    await server.close();
  });

  it('auth:renew works for a lapsed token, and the renewed connection acts and hears again (review #9)', async () => {
    const interp = await briefly('interpreter');
    await pastExpiry(interp.lapsesAt);
    expect(await request(interp.socket, 'desk:setStatus', { status: 'available' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // A lapsed connection still cannot take another person's identity.
    expect(await request(interp.socket, 'auth:renew', { token: admin })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await request(interp.socket, 'auth:renew', { token: interp.token })).toMatchObject({ ok: true });
    await ok(interp.socket, 'desk:setStatus', { status: 'available' });
    // Pushes to the person reach the renewed connection again: a caller in line rings this desk.
    const offer = nextEvent(interp.socket, 'desk:offer');
    const caller = await connectClient(server.url, (await server.guestToken()).token);
    opened.push(caller);
    const place = await ok(caller, 'queue:join', {});
    expect((await offer).entryId).toBe(place.entryId);
    await ok(interp.socket, 'desk:decline', { entryId: place.entryId });
    await ok(interp.socket, 'desk:setStatus', { status: 'offline' });
    await ok(caller, 'queue:leave', {});
  });

  it('a connection past its token expiry gets no further wallboard:update and is closed after the renew grace (review #9, #10)', async () => {
    const sup = await briefly('supervisor');
    await ok(sup.socket, 'wallboard:watch', {});
    const updates: number[] = [];
    sup.socket.on('wallboard:update', () => updates.push(Date.now()));
    const closed = disconnected(sup.socket, sup.lapsesAt - Date.now() + 1_500 + 1_000);
    expect(await closed).toBe('io server disconnect');
    // Live updates come every second: the grace saw at least one go to others, none to this connection.
    expect(updates.filter((t) => t > sup.lapsesAt + 100)).toEqual([]);
  });

  it('disabling an account disconnects its connections within 1 s, and its token no longer connects (review #10)', async () => {
    const sup = await server.staff('supervisor');
    const socket = await connectClient(server.url, sup.token);
    opened.push(socket);
    await ok(socket, 'wallboard:watch', {});
    const gone = disconnected(socket, 1_000);
    await patchUser(server, admin, sup.userId, { disabled: true });
    expect(await gone).toBe('io server disconnect');
    expect(await connectOutcome(server.url, sup.token, opened)).toBe('UNAUTHENTICATED');
  });

  it('changing an account role disconnects its connections within 1 s, and the old role no longer connects (review #10)', async () => {
    const interp = await server.staff('interpreter');
    const sockets = [await connectClient(server.url, interp.token), await connectClient(server.url, interp.token)];
    opened.push(...sockets);
    const gone = sockets.map((s) => disconnected(s, 1_000));
    await patchUser(server, admin, interp.userId, { role: 'supervisor' });
    expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect']);
    expect(await connectOutcome(server.url, interp.token, opened)).toBe('UNAUTHENTICATED');
    // A change to anything else (the name) leaves the account's connections open.
    const other = await server.staff('interpreter');
    const open = await connectClient(server.url, other.token);
    opened.push(open);
    await patchUser(server, admin, other.userId, { displayName: 'Renamed' });
    expect(open.connected).toBe(true);
  });

  it('changing an account password disconnects its connections within 1 s; other people stay connected (review #10)', async () => {
    const interp = await server.staff('interpreter');
    const bystander = await server.staff('interpreter');
    const socket = await connectClient(server.url, interp.token);
    const other = await connectClient(server.url, bystander.token);
    opened.push(socket, other);
    const gone = disconnected(socket, 1_000);
    await patchUser(server, admin, interp.userId, { password: `new-${randomBytes(8).toString('hex')}` });
    expect(await gone).toBe('io server disconnect');
    expect((await request(other, 'desk:colleagues', {})).ok).toBe(true);
  });
});

/** The status of a staff HTTP request made with `token` (the open call-back requests: any interpreter may read them). */
async function staffGet(server: TestServer, token: string): Promise<number> {
  const res = await fetch(`${server.url}/api/callbacks`, { headers: { authorization: `Bearer ${token}` } });
  return res.status;
}

describe('account changes end the access tokens already issued, on HTTP and sockets alike', () => {
  let server: TestServer;
  let admin: string;
  const opened: TestSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    admin = (await server.staff('admin')).token;
  });
  afterAll(async () => {
    for (const s of opened) s.disconnect();
    await server?.close();
  });

  it('a disabled account’s access token is refused at once, not when it expires', async () => {
    const interp = await server.staff('interpreter');
    expect(await staffGet(server, interp.token)).toBe(200);
    await patchUser(server, admin, interp.userId, { disabled: true });
    expect(await staffGet(server, interp.token)).toBe(401);
    await patchUser(server, admin, interp.userId, { disabled: false });
    // Enabling it again does not bring the old token back: the person signs in again.
    expect(await staffGet(server, interp.token)).toBe(401);
    expect(await connectOutcome(server.url, interp.token, opened)).toBe('UNAUTHENTICATED');
  });

  it('after a password change the old access token is refused, and a sign-in with the new password works', async () => {
    const interp = await server.staff('interpreter');
    const bystander = await server.staff('interpreter');
    const password = `new-${randomBytes(8).toString('hex')}`;
    await patchUser(server, admin, interp.userId, { password });
    expect(await staffGet(server, interp.token)).toBe(401);
    expect(await connectOutcome(server.url, interp.token, opened)).toBe('UNAUTHENTICATED');
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: interp.username, password }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    expect(await staffGet(server, accessToken)).toBe(200);
    expect(await connectOutcome(server.url, accessToken, opened)).toBe('connected');
    // Nobody else's token is touched.
    expect(await staffGet(server, bystander.token)).toBe(200);
  });

  it('a token naming a role the account no longer has is refused on HTTP too', async () => {
    const sup = await server.staff('supervisor');
    await patchUser(server, admin, sup.userId, { role: 'interpreter' });
    expect(await staffGet(server, sup.token)).toBe(401);
  });
});

describe('connection limits and account changes across server processes sharing Redis', () => {
  let db: FreshDatabase;
  let a: TestServer;
  let b: TestServer;
  const opened: TestSocket[] = [];

  beforeAll(async () => {
    db = await freshDatabase();
    const env = { REDIS_URL: testServiceUrl('TEST_REDIS_URL'), REDIS_PREFIX: `slots-${randomBytes(4).toString('hex')}`, JWT_SECRET: randomBytes(32).toString('hex') };
    a = await startTestServer({ databaseUrl: db.url, env });
    b = await startTestServer({ databaseUrl: db.url, env });
  });
  afterAll(async () => {
    for (const s of opened) s.disconnect();
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it("one caller's connections are counted on every process together: the 4th is refused with a code (review #4)", async () => {
    const guest = await a.guestToken();
    expect(await connectOutcome(a.url, guest.token, opened)).toBe('connected');
    expect(await connectOutcome(a.url, guest.token, opened)).toBe('connected');
    expect(await connectOutcome(b.url, guest.token, opened)).toBe('connected');
    expect(await connectOutcome(b.url, guest.token, opened)).toBe('RATE_LIMITED');
    expect(await connectOutcome(a.url, guest.token, opened)).toBe('RATE_LIMITED');
    // A closed connection frees its place for a new one, on the other process too.
    const first = opened.at(-3)!;
    const gone = disconnected(first, 1_000);
    first.disconnect();
    await gone;
    await expect.poll(() => connectOutcome(b.url, guest.token, opened), { timeout: 2_000 }).toBe('connected');
  });

  it('disabling an account on one process disconnects its connection on the other within 1 s (review #10)', async () => {
    const admin = await a.staff('admin');
    const sup = await a.staff('supervisor');
    const socket = await connectClient(b.url, sup.token);
    opened.push(socket);
    await ok(socket, 'wallboard:watch', {});
    const gone = disconnected(socket, 1_000);
    await patchUser(a, admin.token, sup.userId, { disabled: true });
    expect(await gone).toBe('io server disconnect');
  });
});
