/**
 * Hostile HTTP traffic through the trusted proxy (TRUST_PROXY=1: the client address is the one the proxy names in
 * X-Forwarded-For), from one address and from many: a guest-token flood and a sign-in spray. After each, and
 * during the spray, a legitimate caller from their own address gets a token, joins the line and reaches an
 * interpreter who signs in from theirs. (Socket and consume floods: signaling/hostile.int.test.ts.)
 */
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent, ok, startTestServer, type TestServer, type TestSocket } from '../testing/harness.ts';

const json = { 'content-type': 'application/json' };

function open(server: TestServer, token: string, address: string): Promise<TestSocket> {
  const socket: TestSocket = connect(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token }, extraHeaders: { 'x-forwarded-for': address } });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Runs `tasks` with at most `width` at once; their results in order. */
async function pool<T>(width: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const k = next++;
        out[k] = await tasks[k]!();
      }
    }),
  );
  return out;
}

describe('hostile traffic leaves callers and interpreters able to use the hotline', () => {
  let server: TestServer;
  let interpreter: Awaited<ReturnType<TestServer['staff']>>;
  const sockets: TestSocket[] = [];

  const guestToken = (address: string, body: unknown = { channel: 'web' }) =>
    fetch(`${server.url}/api/auth/guest`, { method: 'POST', headers: { ...json, 'x-forwarded-for': address }, body: JSON.stringify(body) });
  const login = (address: string, username: string, password: string) =>
    fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { ...json, 'x-forwarded-for': address }, body: JSON.stringify({ username, password }) });

  /** The interpreter signs in from their own address, waiting out a refusal as the sign-in screen says to. */
  async function interpreterSignsIn(address: string, withinMs = 20_000): Promise<string> {
    const until = Date.now() + withinMs;
    for (;;) {
      const res = await login(address, interpreter.username, interpreter.password);
      if (res.ok) return ((await res.json()) as { accessToken: string }).accessToken;
      expect(res.status).toBe(429);
      if (Date.now() > until) throw new Error('the interpreter could not sign in');
      await new Promise((r) => setTimeout(r, Math.min(1_000, Number(res.headers.get('retry-after') ?? 1) * 1000)));
    }
  }

  /** A new caller at `callerAddress` gets a token, joins the line and is answered by the signed-in interpreter. */
  async function callerReachesInterpreter(callerAddress: string, interpreterAddress: string): Promise<void> {
    const access = await interpreterSignsIn(interpreterAddress);
    const desk = await open(server, access, interpreterAddress);
    sockets.push(desk);
    await ok(desk, 'desk:setStatus', { status: 'available' });
    const res = await guestToken(callerAddress);
    expect(res.status).toBe(200);
    const { guestToken: token } = (await res.json()) as { guestToken: string };
    const caller = await open(server, token, callerAddress);
    sockets.push(caller);
    const offer = nextEvent(desk, 'desk:offer');
    const connected = nextEvent(caller, 'queue:connected');
    const place = await ok(caller, 'queue:join', {});
    expect((await offer).entryId).toBe(place.entryId);
    const { callId } = await ok(desk, 'desk:accept', { entryId: place.entryId });
    expect((await connected).callId).toBe(callId);
    await ok(desk, 'call:join', { callId });
    await ok(caller, 'call:join', { callId });
    const wrapUp = nextEvent(desk, 'desk:state', 5_000, (d) => d.state === 'wrap-up');
    await ok(caller, 'call:hangup', {});
    await wrapUp;
    await ok(desk, 'desk:setStatus', { status: 'offline' });
    caller.disconnect();
    desk.disconnect();
  }

  beforeAll(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: '1' }, signaling: { socketsPerAddress: 20 } });
    interpreter = await server.staff('interpreter');
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.close();
  });

  it('a guest-token flood from one address is held there; a caller elsewhere reaches an interpreter', async () => {
    const statuses = await pool(20, Array.from({ length: 300 }, () => async () => (await guestToken('203.0.113.7')).status));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(250);
    await callerReachesInterpreter('198.51.100.10', '192.0.2.10');
  });

  it('a guest-token flood from a thousand addresses in many networks leaves a new caller able to reach an interpreter', async () => {
    // 1,000 addresses in 250 networks (a botnet behind the proxy), one request each: no address or network limit trips.
    const statuses = await pool(
      20,
      Array.from({ length: 1_000 }, (_, i) => async () => (await guestToken(`10.${Math.floor(i / 4)}.${i % 4}.${(i % 200) + 1}`)).status),
    );
    expect(statuses.filter((s) => s === 200).length).toBe(1_000);
    await callerReachesInterpreter('198.51.100.11', '192.0.2.11');
  });

  it('a sign-in spray from one address across usernames is held there; the interpreter signs in from elsewhere', async () => {
    const statuses = await pool(4, Array.from({ length: 40 }, (_, i) => async () => (await login('203.0.113.8', `user${i}`, 'wrong password 1')).status));
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(20);
    await callerReachesInterpreter('198.51.100.12', '192.0.2.12');
  });

  it('a sign-in spray at the interpreter from many addresses, while it lasts, cannot keep the interpreter out', async () => {
    let spraying = true;
    let tried = 0;
    const spray = pool(
      16,
      Array.from({ length: 16 }, (_, w) => async () => {
        while (spraying) {
          const n = tried++;
          await login(`10.${200 + (n % 50)}.${w}.${(n % 250) + 1}`, interpreter.username, `wrong password ${n}`);
        }
      }),
    );
    try {
      await new Promise((r) => setTimeout(r, 1_000));
      const started = Date.now();
      await callerReachesInterpreter('198.51.100.13', '192.0.2.13');
      console.log(`sign-in spray: the interpreter was signed in and answered a caller ${Date.now() - started} ms into it, ${tried} wrong passwords tried`);
    } finally {
      spraying = false;
      await spray;
    }
    expect(tried).toBeGreaterThan(20);
  });
});
