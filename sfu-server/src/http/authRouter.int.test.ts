/**
 * The sign-in routes under abuse, over real HTTP behind one trusted proxy (TRUST_PROXY=1, so X-Forwarded-For
 * names the caller): guest tokens limited per client address, per network, per kiosk and by a global ceiling on
 * new identities; a previous guest token carried on only for its own channel and kiosk; kiosk IDs checked against
 * KIOSK_IDS; staff sign-in limited per account and address and per address, so nobody can lock an account from
 * elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuestSession } from '@sign-relay/shared';
import { startTestServer, type TestServer } from '../testing/harness.ts';

interface Answer {
  status: number;
  body: { error?: { code: string } } & Partial<GuestSession>;
  retryAfter: string | null;
}

/** One POST as a client at `from` (sent as X-Forwarded-For, as the proxy in front would). */
async function post(url: string, path: string, body: unknown, from?: string): Promise<Answer> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(from ? { 'x-forwarded-for': from } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Answer['body']) : {}, retryAfter: res.headers.get('retry-after') };
}

/** `n` requests one after another. */
async function inTurn(n: number, send: (i: number) => Promise<Answer>): Promise<Answer[]> {
  const out: Answer[] = [];
  for (let i = 0; i < n; i++) out.push(await send(i));
  return out;
}

/** `n` requests, `width` at a time. */
async function inWaves(n: number, width: number, send: (i: number) => Promise<Answer>): Promise<Answer[]> {
  const out: Answer[] = [];
  for (let i = 0; i < n; i += width) out.push(...(await Promise.all(Array.from({ length: Math.min(width, n - i) }, (_, k) => send(i + k)))));
  return out;
}

const statuses = (answers: Answer[]) => answers.map((a) => a.status);
const refused = (answers: Answer[]) => answers.filter((a) => a.status === 429);

describe('guest tokens and staff sign-in under abuse, behind one trusted proxy', () => {
  let server: TestServer;
  const guest = (body: unknown, from?: string) => post(server.url, '/api/auth/guest', body, from);
  const login = (username: string, password: string, from: string) => post(server.url, '/api/auth/login', { username, password }, from);

  beforeAll(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: '1', KIOSK_IDS: 'DA-01,DA-02,DA-03' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('rate limit holds behind a proxy (review #1)', async () => {
    // 25 callers, each with an address (and network) of their own behind the proxy: nobody is refused.
    const callers = await inTurn(25, (n) => guest({ channel: 'web' }, `198.51.${n}.7`));
    expect(statuses(callers)).toEqual(Array.from({ length: 25 }, () => 200));
    // 25 at once from one address: that address is refused some, with a code and a time to wait.
    const one = await inTurn(25, () => guest({ channel: 'web' }, '203.0.113.5'));
    expect(refused(one).length).toBeGreaterThan(0);
    expect(refused(one)[0]!.body.error?.code).toBe('RATE_LIMITED');
    expect(Number(refused(one)[0]!.retryAfter)).toBeGreaterThan(0);
    // Its neighbour is not held up by it.
    expect((await guest({ channel: 'web' }, '203.0.113.6')).status).toBe(200);
  });

  it('ignores a spoofed X-Forwarded-For without TRUST_PROXY (review #1)', async () => {
    const direct = await startTestServer();
    try {
      const answers = await inTurn(25, (n) => post(direct.url, '/api/auth/guest', { channel: 'web' }, `198.51.${n}.7`));
      expect(refused(answers).length).toBeGreaterThan(0);
    } finally {
      await direct.close();
    }
  });

  it('takes the client address from a proxy named by its address too (TRUST_PROXY as CIDRs) (review #1)', async () => {
    const named = await startTestServer({ env: { TRUST_PROXY: '127.0.0.0/8,::1/128' } });
    try {
      const callers = await inTurn(25, (n) => post(named.url, '/api/auth/guest', { channel: 'web' }, `198.51.${n}.9`));
      expect(statuses(callers)).toEqual(Array.from({ length: 25 }, () => 200));
      // The proxy's own hop is not the client: a chain is read from the right, up to the first untrusted address.
      const chained = await inTurn(25, () => post(named.url, '/api/auth/guest', { channel: 'web' }, '203.0.113.77, 127.0.0.5'));
      expect(refused(chained).length).toBeGreaterThan(0);
    } finally {
      await named.close();
    }
  });

  it('holds a flood from many addresses of one network by the network limit (review #1)', async () => {
    // One IPv6 /64 hands its holder more addresses than anyone could count: the network is limited as a whole.
    const v6 = await inTurn(100, (n) => guest({ channel: 'web' }, `2001:db8:7:9::${(n + 1).toString(16)}`));
    expect(refused(v6).length).toBeGreaterThanOrEqual(30);
    const v4 = await inTurn(100, (n) => guest({ channel: 'web' }, `192.0.2.${n + 1}`));
    expect(refused(v4).length).toBeGreaterThanOrEqual(30);
    expect((await guest({ channel: 'web' }, '2001:db8:7:a::1')).status).toBe(200);
    expect((await guest({ channel: 'web' }, '192.0.3.1')).status).toBe(200);
  });

  it('counts a kiosk token request under its kiosk ID too (review #1)', async () => {
    const kiosk = await inTurn(25, (n) => guest({ channel: 'kiosk', kioskId: 'DA-02' }, `100.${64 + n}.0.1`));
    expect(refused(kiosk).length).toBeGreaterThan(0);
    expect((await guest({ channel: 'kiosk', kioskId: 'DA-03' }, '100.100.0.1')).status).toBe(200);
  });

  it('refuses a kiosk token for a kiosk not on KIOSK_IDS, and marks the kiosk unverified (review #13)', async () => {
    const unknown = await guest({ channel: 'kiosk', kioskId: 'ZZ-99' }, '100.101.0.1');
    expect(unknown.status).toBe(403);
    expect(unknown.body.error?.code).toBe('FORBIDDEN');
    const known = await guest({ channel: 'kiosk', kioskId: 'DA-01' }, '100.101.0.1');
    expect(known.status).toBe(200);
    expect(server.tokens.verify(known.body.guestToken!)).toMatchObject({ kind: 'guest', channel: 'kiosk', kioskId: 'DA-01', kioskVerified: false });
  });

  it('carries a previous guest identity on only for the same channel and kiosk (review #12)', async () => {
    const from = '100.102.0.1';
    const web = (await guest({ channel: 'web' }, from)).body;
    expect((await guest({ channel: 'web', previousToken: web.guestToken }, from)).body.guestId).toBe(web.guestId);
    // A browser's identity does not become a kiosk's, nor one kiosk's another's.
    expect((await guest({ channel: 'kiosk', kioskId: 'DA-01', previousToken: web.guestToken }, from)).body.guestId).not.toBe(web.guestId);
    const kiosk = (await guest({ channel: 'kiosk', kioskId: 'DA-01' }, from)).body;
    expect((await guest({ channel: 'kiosk', kioskId: 'DA-01', previousToken: kiosk.guestToken }, from)).body.guestId).toBe(kiosk.guestId);
    expect((await guest({ channel: 'kiosk', kioskId: 'DA-03', previousToken: kiosk.guestToken }, from)).body.guestId).not.toBe(kiosk.guestId);
    expect((await guest({ channel: 'web', previousToken: kiosk.guestToken }, from)).body.guestId).not.toBe(kiosk.guestId);
  });

  it('lets a staff member sign in from their own address while someone else tries their account (review #7)', async () => {
    const alice = await server.staff('interpreter');
    const attacker = await inWaves(50, 4, () => login(alice.username, 'wrong password!', '192.0.2.10'));
    expect(statuses(attacker).slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(refused(attacker).length).toBeGreaterThan(0);
    const own = await login(alice.username, alice.password, '198.18.0.20');
    expect(own.status).toBe(200);
  });

  it('limits a sign-in spray from one address across usernames (review #7)', async () => {
    const users = await Promise.all([server.staff('interpreter'), server.staff('supervisor')]);
    // 30 wrong passwords from one address across 30 usernames, two of them real.
    const names = [...users.map((u) => u.username), ...Array.from({ length: 28 }, (_, n) => `nobody${n}`)];
    const spray = await inWaves(names.length, 4, (n) => login(names[n]!, 'wrong password!', '192.0.2.20'));
    expect(statuses(spray).slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses(spray).slice(20)).toEqual(Array.from({ length: 10 }, () => 429));
    expect(refused(spray)[0]!.body.error?.code).toBe('RATE_LIMITED');
    // The accounts sprayed still sign in from their owners' addresses.
    for (const u of users) expect((await login(u.username, u.password, '198.18.0.21')).status).toBe(200);
  });

  // Last: it spends this server's allowance of new identities.
  it('caps new guest identities overall, while a returning caller still renews (review #1)', async () => {
    const returning = (await guest({ channel: 'web' }, '198.19.0.1')).body;
    // New callers from 1,250 networks, one request each: none trips an address or network limit.
    const flood = await inTurn(1_250, (n) => guest({ channel: 'web' }, `10.${n >> 8}.${n & 255}.1`));
    expect(refused(flood).length).toBeGreaterThan(0);
    expect(refused(flood)[0]!.body.error?.code).toBe('RATE_LIMITED');
    // Carrying an identity on mints none: it is not held by the ceiling.
    const renewed = await guest({ channel: 'web', previousToken: returning.guestToken }, '198.19.0.2');
    expect(renewed.status).toBe(200);
    expect(renewed.body.guestId).toBe(returning.guestId);
  });
});
