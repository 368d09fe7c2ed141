import type * as NodeCrypto from 'node:crypto';
import { scrypt as realScrypt } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../errors.ts';
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from './passwords.ts';

/** How many scrypt derivations are under way at once (the module's `scrypt` is wrapped to count). */
const scrypts = vi.hoisted(() => ({ inFlight: 0, peak: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof NodeCrypto>();
  const counted = (...args: unknown[]): void => {
    const done = args.pop() as (err: Error | null, key: Buffer) => void;
    scrypts.inFlight++;
    scrypts.peak = Math.max(scrypts.peak, scrypts.inFlight);
    (real.scrypt as (...a: unknown[]) => void)(...args, (err: Error | null, key: Buffer) => {
      scrypts.inFlight--;
      done(err, key);
    });
  };
  return { ...real, scrypt: counted };
});

/** A stored hash with cheap parameters (N=2^10), as an account created long ago might have. */
function cheapHash(password: string): Promise<string> {
  const salt = Buffer.from('0123456789abcdef');
  return new Promise((resolve, reject) =>
    realScrypt(password.normalize('NFKC'), salt, 32, { N: 1024, r: 8, p: 1 }, (err, key) => (err ? reject(err) : resolve(['scrypt', 1024, 8, 1, salt.toString('base64'), key.toString('base64')].join('$')))),
  );
}

/** Hashing at full strength takes a few hundred ms a derivation, more on a busy machine. */
const FULL_STRENGTH = { timeout: 30_000 };

describe('passwords', () => {
  it('hashes with a salt and verifies only the right password', FULL_STRENGTH, async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$0$0$0$$')).toBe(false);
  });

  it('hashes at OWASP’s scrypt parameters and tells weaker stored hashes apart (review #20)', FULL_STRENGTH, async () => {
    const strong = await hashPassword('correct horse battery');
    expect(strong.startsWith('scrypt$131072$8$1$')).toBe(true);
    expect(needsRehash(strong)).toBe(false);
    const old = await cheapHash('correct horse battery');
    expect(await verifyPassword('correct horse battery', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(strong.replace('$131072$8$', '$131072$4$'))).toBe(true);
    expect(needsRehash('garbage')).toBe(true);
  });

  it('never runs more than 4 scrypt at once, and sheds checks beyond its queue as RATE_LIMITED (review #7)', FULL_STRENGTH, async () => {
    const stored = await cheapHash('right password');
    scrypts.peak = 0;
    const results = await Promise.allSettled(Array.from({ length: 100 }, (_, n) => verifyPassword(n % 2 ? 'right password' : 'wrong password', stored)));
    expect(scrypts.peak).toBeLessThanOrEqual(4);
    expect(scrypts.inFlight).toBe(0);
    const shed = results.filter((r) => r.status === 'rejected');
    expect(shed.length).toBeGreaterThan(0);
    for (const r of shed) expect(r.reason).toMatchObject({ code: 'RATE_LIMITED' });
    expect(shed.every((r) => r.reason instanceof AppError)).toBe(true);
    const answered = results.filter((r) => r.status === 'fulfilled');
    expect(answered.length).toBeGreaterThanOrEqual(4);
    // A check after the burst is answered as usual.
    expect(await verifyPassword('right password', stored)).toBe(true);
  });

  it('refuses short passwords', () => {
    expect(passwordProblem('short')).toMatch(/10/);
    expect(passwordProblem('long enough pass')).toBeUndefined();
  });
});
