import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../errors.ts';
import { Semaphore } from './Semaphore.ts';

/**
 * scrypt parameters: N=2^17, r=8, p=1 (128 MiB and a few hundred ms per hash), OWASP's current minimum.
 * `maxmem` leaves room above the 128·N·r bytes these need.
 */
const PARAMS = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 } as const;
const KEYLEN = 32;

/**
 * At most 4 derivations at once (each holds a libuv thread and 128 MiB), 32 more waiting; a sign-in beyond that
 * is refused as RATE_LIMITED rather than queued without end, so a flood of sign-ins cannot exhaust the host.
 */
const slots = new Semaphore(4, 32, () => new AppError('RATE_LIMITED', 'Too many sign-ins at once; try again in a moment.'));

function derive(password: string, salt: Buffer, params: ScryptOptions, keylen: number): Promise<Buffer> {
  return slots.run(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password.normalize('NFKC'), salt, keylen, params, (err, key) => (err ? reject(err) : resolve(key)));
      }),
  );
}

/** A stored hash's parts, or undefined when it is not one of ours. */
function parse(stored: string): { N: number; r: number; p: number; salt: Buffer; key: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p) return undefined;
  return { N, r, p, salt: Buffer.from(parts[4]!, 'base64'), key: Buffer.from(parts[5]!, 'base64') };
}

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64), so parameters can change later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS, KEYLEN);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * Constant-time check of a password against a stored hash, with the parameters stored with it; a malformed
 * hash, or one whose parameters scrypt refuses, never matches. RATE_LIMITED when too many checks are waiting.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h || h.key.length === 0) return false;
  let got: Buffer;
  try {
    got = await derive(password, h.salt, { N: h.N, r: h.r, p: h.p, maxmem: PARAMS.maxmem }, h.key.length);
  } catch (err) {
    if (err instanceof AppError) throw err;
    return false;
  }
  return got.length === h.key.length && timingSafeEqual(got, h.key);
}

/** Whether a stored hash was made with weaker parameters than today's (hash the password again on sign-in). */
export function needsRehash(stored: string): boolean {
  const h = parse(stored);
  return !h || h.N < PARAMS.N || h.r < PARAMS.r || h.p < PARAMS.p || h.key.length < KEYLEN;
}

/** Minimum password rule for staff accounts. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 10) return 'The password must be at least 10 characters.';
  if (password.length > 200) return 'The password is too long.';
  return undefined;
}
