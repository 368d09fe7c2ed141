import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Channel, Gender, GuestId, GuestSession, StaffRole, StaffSession, UserId } from '@sign-relay/shared';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { TokenBucket } from '../util/TokenBucket.ts';
import type { RefreshTokenRepository } from '../store/repositories/refreshTokenRepository.ts';
import type { UserRepository, UserRow } from '../store/repositories/userRepository.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import type { TokenService } from './tokens.ts';

export interface AuthServiceDeps {
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  tokens: TokenService;
  /** How long a refresh token lives: about one shift. */
  refreshTtlSec: number;
  logger: Logger;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const BAD_LOGIN = 'Wrong username or password.';

/** Signing in and out, token refresh with rotation, guest tokens, and staff accounts. */
export class AuthService {
  /** Failed sign-ins per username: 5 at once, then one every 12 s. */
  private readonly loginBuckets = new Map<string, TokenBucket>();
  /** A hash to verify against when the username is unknown, so both paths take the same time. */
  private readonly dummyHash = hashPassword(randomUUID());

  constructor(private readonly d: AuthServiceDeps) {}

  async login(username: string, password: string): Promise<StaffSession> {
    const key = username.toLowerCase();
    let bucket = this.loginBuckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(5, 1 / 12);
      this.loginBuckets.set(key, bucket);
      if (this.loginBuckets.size > 10_000) this.loginBuckets.clear();
    }
    if (!bucket.take()) throw new AppError('RATE_LIMITED', 'Too many attempts; wait a minute and try again.');
    const user = await this.d.users.byUsername(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await this.dummyHash));
    if (!user || !ok || user.disabled) {
      this.d.logger.warn({ username: key }, 'sign-in refused');
      throw new AppError('UNAUTHENTICATED', BAD_LOGIN);
    }
    return this.issue(user);
  }

  /** Rotates a refresh token. Presenting an already-used token revokes every session of that user. */
  async refresh(refreshToken: string): Promise<StaffSession> {
    const [id, secret] = refreshToken.split('.');
    const invalid = new AppError('UNAUTHENTICATED', 'Your session has ended; please sign in again.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw invalid;
    const row = await this.d.refreshTokens.byId(id);
    if (!row) throw invalid;
    const match = timingSafeEqual(Buffer.from(sha256(secret)), Buffer.from(row.tokenHash));
    if (!match) throw invalid;
    if (row.revokedAt) {
      this.d.logger.warn({ userId: row.userId }, 'refresh token reused: revoking all sessions');
      await this.d.refreshTokens.revokeAllForUser(row.userId);
      throw invalid;
    }
    if (row.expiresAt.getTime() <= Date.now()) throw invalid;
    if (!(await this.d.refreshTokens.revoke(id))) throw invalid;
    const user = await this.d.users.byId(row.userId);
    if (!user || user.disabled) throw invalid;
    return this.issue(user);
  }

  async logout(refreshToken: string): Promise<void> {
    const [id, secret] = refreshToken.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return;
    const row = await this.d.refreshTokens.byId(id);
    if (row && timingSafeEqual(Buffer.from(sha256(secret)), Buffer.from(row.tokenHash))) await this.d.refreshTokens.revoke(id);
  }

  /** A guest token for a caller; presenting a previous guest id keeps the same identity (the browser's). */
  guest(channel: Channel, kioskId: string | null, previousGuestId?: GuestId): GuestSession {
    const guestId = previousGuestId ?? (randomUUID() as GuestId);
    const { token, expiresIn } = this.d.tokens.signGuest({ kind: 'guest', guestId, channel, kioskId });
    return { guestToken: token, guestId, expiresIn };
  }

  async createUser(input: { username: string; displayName: string; role: StaffRole; gender: Gender | null; password: string }): Promise<UserRow> {
    const problem = passwordProblem(input.password);
    if (problem) throw new AppError('BAD_REQUEST', problem);
    const row = { id: randomUUID() as UserId, username: input.username, displayName: input.displayName, role: input.role, gender: input.gender, passwordHash: await hashPassword(input.password) };
    if (!(await this.d.users.insert(row))) throw new AppError('BAD_REQUEST', 'That username is taken.');
    this.d.logger.info({ userId: row.id, role: row.role }, 'account created');
    return (await this.d.users.byId(row.id))!;
  }

  async updateUser(id: UserId, patch: { displayName?: string; gender?: Gender | null; disabled?: boolean; password?: string; role?: StaffRole }): Promise<UserRow> {
    if (patch.password !== undefined) {
      const problem = passwordProblem(patch.password);
      if (problem) throw new AppError('BAD_REQUEST', problem);
    }
    const before = await this.d.users.byId(id);
    if (!before) throw new AppError('NOT_FOUND', 'There is no such account.');
    const losesAdmin = before.role === 'admin' && !before.disabled && (patch.disabled === true || (patch.role !== undefined && patch.role !== 'admin'));
    if (losesAdmin && (await this.d.users.countAdmins()) <= 1) throw new AppError('BAD_REQUEST', 'The last admin cannot be disabled or demoted.');
    const updated = await this.d.users.update(id, {
      ...patch,
      ...(patch.password !== undefined ? { passwordHash: await hashPassword(patch.password) } : {}),
    });
    if (patch.disabled || patch.password !== undefined || patch.role !== undefined) await this.d.refreshTokens.revokeAllForUser(id);
    return updated!;
  }

  private async issue(user: UserRow): Promise<StaffSession> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await this.d.refreshTokens.insert({ id, userId: user.id, tokenHash: sha256(secret), expiresAt: new Date(Date.now() + this.d.refreshTtlSec * 1000) });
    const access = this.d.tokens.signStaff({ kind: 'staff', userId: user.id, role: user.role, displayName: user.displayName, gender: user.gender });
    return {
      accessToken: access.token,
      expiresIn: access.expiresIn,
      refreshToken: `${id}.${secret}`,
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, gender: user.gender },
    };
  }
}
