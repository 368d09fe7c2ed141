import { randomBytes, scrypt } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffSession } from '@sign-relay/shared';
import { freshDatabase, type FreshDatabase } from '../testing/freshDatabase.ts';
import { RefreshTokenRepository } from '../store/repositories/refreshTokenRepository.ts';
import { UserRepository } from '../store/repositories/userRepository.ts';
import { AuthService } from './AuthService.ts';
import { TokenService } from './tokens.ts';

/** A hash as the server wrote them before (scrypt N=2^15). */
function olderHash(password: string): Promise<string> {
  const salt = randomBytes(16);
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(['scrypt', 2 ** 15, 8, 1, salt.toString('base64'), key.toString('base64')].join('$')),
    ),
  );
}

const refreshId = (s: StaffSession) => s.refreshToken.split('.')[0]!;

describe('AuthService against Postgres', () => {
  let db: FreshDatabase;
  let auth: AuthService;
  let users: UserRepository;
  const lines: string[] = [];
  let n = 0;

  /** A new account and its password. */
  const account = async () => {
    const username = `Staff${++n}_${randomBytes(3).toString('hex')}`;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const user = await auth.createUser({ username, displayName: `staff ${n}`, role: 'interpreter', gender: null, password });
    return { user, username, password };
  };

  beforeAll(async () => {
    db = await freshDatabase();
    users = new UserRepository(db.db.pool);
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    auth = new AuthService({
      users,
      refreshTokens: new RefreshTokenRepository(db.db.pool),
      tokens: new TokenService({ secret: randomBytes(32).toString('hex'), accessTtlSec: 900, guestTtlSec: 3600 }),
      refreshTtlSec: 3600,
      logger,
    });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('signs in against an N=2^15 hash and stores the password again at N=2^17 (review #20)', async () => {
    const { user, username, password } = await account();
    await db.db.pool.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, await olderHash(password)]);
    await expect(auth.login(username, 'not the password')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await users.byId(user.id))!.passwordHash.startsWith('scrypt$32768$')).toBe(true);
    await auth.login(username, password);
    expect((await users.byId(user.id))!.passwordHash.startsWith('scrypt$131072$8$1$')).toBe(true);
    expect((await auth.login(username, password)).user.id).toBe(user.id);
  });

  it('logs a refused sign-in’s username as a short hash, never as typed (review #7, #24)', async () => {
    const { username } = await account();
    lines.length = 0;
    await expect(auth.login(username, 'my password typed here')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(auth.login('correct horse battery', 'x')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const logged = lines.join('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(logged).not.toContain(username);
    expect(logged).not.toContain(username.toLowerCase());
    expect(logged).not.toContain('correct horse battery');
    expect(logged).toMatch(/"user":"[0-9a-f]{12}"/);
  });

  it('answers a refresh retried within 30 s with the same successor, revoking nothing (review #21)', async () => {
    const { username, password } = await account();
    const session = await auth.login(username, password);
    const other = await auth.login(username, password);
    const first = await auth.refresh(session.refreshToken);
    // The first answer was lost: the client retries with the token it still has.
    const retry = await auth.refresh(session.refreshToken);
    expect(retry.refreshToken).toBe(first.refreshToken);
    // Nothing was revoked: the successor rotates on, and another session of the same person still refreshes.
    const next = await auth.refresh(first.refreshToken);
    expect(next.refreshToken).not.toBe(first.refreshToken);
    expect((await auth.refresh(other.refreshToken)).user.username).toBe(username);
  });

  it('gives two refreshes at once with one token the same successor (review #21)', async () => {
    const { username, password } = await account();
    const session = await auth.login(username, password);
    const [a, b] = await Promise.all([auth.refresh(session.refreshToken), auth.refresh(session.refreshToken)]);
    expect(a.refreshToken).toBe(b.refreshToken);
    expect((await auth.refresh(a.refreshToken)).user.username).toBe(username);
  });

  it('treats a signed-out refresh token as invalid, not as reuse (review #21)', async () => {
    const { username, password } = await account();
    const gone = await auth.login(username, password);
    const kept = await auth.login(username, password);
    await auth.logout(gone.refreshToken);
    await expect(auth.refresh(gone.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await auth.refresh(kept.refreshToken)).user.username).toBe(username);
  });

  it('still revokes every session when a rotated token comes back after 30 s (review #21)', async () => {
    const { username, password } = await account();
    const stolen = await auth.login(username, password);
    const other = await auth.login(username, password);
    const next = await auth.refresh(stolen.refreshToken);
    await db.db.pool.query(`UPDATE refresh_tokens SET revoked_at = revoked_at - interval '31 seconds' WHERE id = $1`, [refreshId(stolen)]);
    await expect(auth.refresh(stolen.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(auth.refresh(next.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(auth.refresh(other.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
