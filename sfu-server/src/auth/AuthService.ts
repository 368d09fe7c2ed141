import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Channel, Gender, GuestId, GuestSession, StaffRole, StaffSession, UserId } from '@sign-relay/shared';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { RefreshTokenRepository } from '../store/repositories/refreshTokenRepository.ts';
import type { UserRepository, UserRow } from '../store/repositories/userRepository.ts';
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from './passwords.ts';
import type { TokenService } from './tokens.ts';

export interface AuthServiceDeps {
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  tokens: TokenService;
  /** How long a refresh token lives: about one shift. */
  refreshTtlSec: number;
  logger: Logger;
  now?: () => number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const BAD_LOGIN = 'Wrong username or password.';

/**
 * How long a rotated refresh token still answers with its successor: a refresh whose answer was lost, retried,
 * or a second tab with the same token, gets the same session instead of revoking every session of the person.
 */
export const REFRESH_REUSE_GRACE_MS = 30_000;

/**
 * A username as logs and rate-limit keys name it: the first 12 hex digits of its SHA-256 (case folded). Enough to
 * follow one account through the logs, never the text typed, which is sometimes a password.
 */
export function usernameDigest(username: string): string {
  return sha256(username.toLowerCase()).slice(0, 12);
}

/** A refresh token as the client holds it: `<id>.<secret>`. */
interface RefreshParts {
  id: string;
  secret: string;
}

function refreshParts(token: string): RefreshParts | undefined {
  const [id, secret, ...rest] = token.split('.');
  if (!id || !secret || rest.length > 0 || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return { id, secret };
}

/** Formats 16 bytes as a UUID (version 4 and variant bits set). */
function uuidOf(bytes: Buffer): string {
  const b = Buffer.from(bytes.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * Signing in and out, token refresh with rotation, guest tokens, and staff accounts. Sign-in limits live with
 * the HTTP route (they are per client address); password checks are capped in passwords.ts.
 */
export class AuthService {
  /** A hash to verify against when the username is unknown, so both paths take the same time. */
  private readonly dummyHash = hashPassword(randomUUID());
  private readonly now: () => number;

  constructor(private readonly d: AuthServiceDeps) {
    this.now = d.now ?? Date.now;
  }

  async login(username: string, password: string): Promise<StaffSession> {
    const user = await this.d.users.byUsername(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await this.dummyHash));
    if (!user || !ok || user.disabled) {
      this.d.logger.warn({ user: usernameDigest(username) }, 'sign-in refused');
      throw new AppError('UNAUTHENTICATED', BAD_LOGIN);
    }
    if (needsRehash(user.passwordHash)) await this.rehash(user, password);
    return this.issue(user, this.freshRefresh());
  }

  /**
   * Rotates a refresh token: its successor is derived from it (keyed with the token secret), so presenting it
   * again within {@link REFRESH_REUSE_GRACE_MS} gives the same successor rather than a second one. Presenting a
   * rotated token later revokes every session of that person (it was copied); a token signed out or revoked
   * otherwise has no successor and is simply invalid.
   */
  async refresh(refreshToken: string): Promise<StaffSession> {
    const invalid = new AppError('UNAUTHENTICATED', 'Your session has ended; please sign in again.');
    const parts = refreshParts(refreshToken);
    if (!parts) throw invalid;
    const row = await this.d.refreshTokens.byId(parts.id);
    if (!row || !timingSafeEqual(Buffer.from(sha256(parts.secret)), Buffer.from(row.tokenHash))) throw invalid;
    const next = this.successorOf(parts);
    const now = this.now();
    if (row.revokedAt) {
      const successor = await this.d.refreshTokens.byId(next.id);
      if (!successor || successor.userId !== row.userId) throw invalid;
      const live = !successor.revokedAt && successor.expiresAt.getTime() > now;
      if (now - row.revokedAt.getTime() <= REFRESH_REUSE_GRACE_MS) {
        const user = live ? await this.d.users.byId(row.userId) : undefined;
        if (!user || user.disabled) throw invalid;
        return this.session(user, next);
      }
      this.d.logger.warn({ userId: row.userId }, 'refresh token reused: revoking all sessions');
      await this.d.refreshTokens.revokeAllForUser(row.userId);
      throw invalid;
    }
    if (row.expiresAt.getTime() <= now) throw invalid;
    const user = await this.d.users.byId(row.userId);
    if (!user || user.disabled) throw invalid;
    // Two refreshes at once with one token store the same successor once and both answer with it.
    await this.d.refreshTokens.insertIfAbsent(this.refreshRow(user.id, next));
    await this.d.refreshTokens.revoke(parts.id, new Date(now));
    return this.session(user, next);
  }

  async logout(refreshToken: string): Promise<void> {
    const parts = refreshParts(refreshToken);
    if (!parts) return;
    const row = await this.d.refreshTokens.byId(parts.id);
    if (row && timingSafeEqual(Buffer.from(sha256(parts.secret)), Buffer.from(row.tokenHash))) await this.d.refreshTokens.revoke(parts.id, new Date(this.now()));
  }

  /**
   * A guest token for a caller; presenting a previous guest id keeps the same identity (the browser's). A kiosk
   * is not verified until kiosks carry a device credential: desks show it as unverified.
   */
  guest(channel: Channel, kioskId: string | null, previousGuestId?: GuestId): GuestSession {
    const guestId = previousGuestId ?? (randomUUID() as GuestId);
    const { token, expiresIn } = this.d.tokens.signGuest({ kind: 'guest', guestId, channel, kioskId, kioskVerified: false });
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
    // Disabled, a new role or a new password: every session of the person ends, the access tokens they hold too.
    const endSessions = patch.disabled === true || patch.password !== undefined || (patch.role !== undefined && patch.role !== before.role);
    const updated = await this.d.users.update(id, {
      ...patch,
      ...(patch.password !== undefined ? { passwordHash: await hashPassword(patch.password) } : {}),
      // The wall clock, as the tokens' issue times are (not the injectable refresh-token clock).
      ...(endSessions ? { sessionsValidAfter: new Date() } : {}),
    });
    if (endSessions) await this.d.refreshTokens.revokeAllForUser(id);
    return updated!;
  }

  /** Stores the password again with today's parameters; a failure leaves the old hash (the sign-in stands). */
  private async rehash(user: UserRow, password: string): Promise<void> {
    try {
      await this.d.users.update(user.id, { passwordHash: await hashPassword(password) });
    } catch (err) {
      this.d.logger.warn({ err, userId: user.id }, 'password rehash failed');
    }
  }

  private freshRefresh(): RefreshParts {
    return { id: randomUUID(), secret: randomBytes(32).toString('base64url') };
  }

  /** The successor of a refresh token: the same for every rotation of it, unguessable without the token secret. */
  private successorOf(t: RefreshParts): RefreshParts {
    return {
      id: uuidOf(this.d.tokens.mac('refresh-successor-id', t.id)),
      secret: this.d.tokens.mac('refresh-successor-secret', `${t.id}.${t.secret}`).toString('base64url'),
    };
  }

  private refreshRow(userId: UserId, t: RefreshParts): { id: string; userId: UserId; tokenHash: string; expiresAt: Date } {
    return { id: t.id, userId, tokenHash: sha256(t.secret), expiresAt: new Date(this.now() + this.d.refreshTtlSec * 1000) };
  }

  private async issue(user: UserRow, refresh: RefreshParts): Promise<StaffSession> {
    await this.d.refreshTokens.insert(this.refreshRow(user.id, refresh));
    return this.session(user, refresh);
  }

  /** A new access token with the given refresh token. */
  private session(user: UserRow, refresh: RefreshParts): StaffSession {
    const access = this.d.tokens.signStaff({ kind: 'staff', userId: user.id, role: user.role, displayName: user.displayName, gender: user.gender });
    return {
      accessToken: access.token,
      expiresIn: access.expiresIn,
      refreshToken: `${refresh.id}.${refresh.secret}`,
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, gender: user.gender },
    };
  }
}
