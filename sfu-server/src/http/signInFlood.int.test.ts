/**
 * A flood of sign-ins over real HTTP, each from an address of its own behind the trusted proxy (so no address
 * limit holds them): the server never runs more than 4 password derivations at once, sheds the rest with a
 * coded 429, and signs the interpreter in once the flood has passed. Every scrypt the server starts is counted.
 */
import type * as NodeCrypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.ts';

const scrypts = vi.hoisted(() => ({ inFlight: 0, peak: 0, started: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof NodeCrypto>();
  const counted = (...args: unknown[]): void => {
    const done = args.pop() as (err: Error | null, key: Buffer) => void;
    scrypts.started++;
    scrypts.inFlight++;
    scrypts.peak = Math.max(scrypts.peak, scrypts.inFlight);
    (real.scrypt as (...a: unknown[]) => void)(...args, (err: Error | null, key: Buffer) => {
      scrypts.inFlight--;
      done(err, key);
    });
  };
  return { ...real, scrypt: counted };
});

describe('a sign-in flood', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: '1' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('never runs more than 4 scrypt at once, however many sign-ins arrive (review #7)', { timeout: 120_000 }, async () => {
    const alice = await server.staff('interpreter');
    scrypts.peak = 0;
    scrypts.started = 0;
    const login = (password: string, from: string) =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ username: alice.username, password }),
      }).then(async (res) => ({ status: res.status, code: ((await res.json()) as { error?: { code: string } }).error?.code }));

    const answers = await Promise.all(Array.from({ length: 100 }, (_, n) => login(n % 2 ? alice.password : 'wrong password!', `10.7.${n}.1`)));
    expect(scrypts.started).toBeGreaterThan(4);
    expect(scrypts.peak).toBeLessThanOrEqual(4);
    expect(scrypts.inFlight).toBe(0);
    const by = (status: number) => answers.filter((a) => a.status === status);
    expect(by(200).length + by(401).length + by(429).length).toBe(100);
    // The ones beyond the waiting room are shed at once, with a code.
    expect(by(429).length).toBeGreaterThan(0);
    expect(by(429).every((a) => a.code === 'RATE_LIMITED')).toBe(true);
    expect(by(200).length).toBeGreaterThan(0);
    // Once it has passed, the interpreter signs in as usual.
    expect((await login(alice.password, '198.18.0.30')).status).toBe(200);
  });
});
