import { createHmac, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { branded, CHANNELS, GENDERS, STAFF_ROLES, type Channel, type Gender, type GuestId, type StaffRole, type UserId } from '@sign-relay/shared';
import { AppError } from '../errors.ts';
import type { StaffSessions } from './staffSessions.ts';

/** Who is making a request, as proven by their token. */
export type Principal =
  | { kind: 'staff'; userId: UserId; role: StaffRole; displayName: string; gender: Gender | null }
  | GuestPrincipal;

/**
 * A caller's guest identity. `kioskVerified` says whether the kiosk named was proven to be that kiosk (by a device
 * credential); until kiosks have one it is always false, and desks show the kiosk as unverified.
 */
export interface GuestPrincipal {
  kind: 'guest';
  guestId: GuestId;
  channel: Channel;
  kioskId: string | null;
  kioskVerified: boolean;
}

/** How long after its expiry a guest token still carries its identity on to a new one. */
export const GUEST_CARRY_OVER_SEC = 7 * 86400;

/** A verified token's subject is the id it names: a staff account, or a caller's guest id. */
const staffClaims = z.object({
  typ: z.literal('staff'),
  sub: z.string().uuid().transform(branded<UserId>()),
  role: z.enum(STAFF_ROLES),
  name: z.string(),
  gender: z.enum(GENDERS).nullable(),
});
const guestClaims = z.object({
  typ: z.literal('guest'),
  sub: z.string().uuid().transform(branded<GuestId>()),
  ch: z.enum(CHANNELS),
  kiosk: z.string().nullable(),
  /** Tokens from before the claim existed name no verified kiosk. */
  kv: z.boolean().default(false),
});

export interface TokenOptions {
  secret: string;
  /** Staff access tokens are short-lived; the refresh token renews them. */
  accessTtlSec: number;
  guestTtlSec: number;
  /**
   * Checks each staff token against its account on {@link TokenService.authenticate} (disabled, role changed,
   * sessions ended); without it the signature and expiry alone decide.
   */
  staffSessions?: Pick<StaffSessions, 'stands'>;
}

/** Signs and verifies the JWTs (HS256) that authenticate HTTP requests and socket connections. */
export class TokenService {
  constructor(private readonly opts: TokenOptions) {
    if (opts.secret.length < 32) throw new Error('JWT secret must be at least 32 characters');
  }

  signStaff(p: Extract<Principal, { kind: 'staff' }>): { token: string; expiresIn: number } {
    // `at`: the issue time in ms (JWT's `iat` has whole seconds), so a change to the account ends exactly the
    // tokens issued before it.
    const claims = { typ: 'staff', role: p.role, name: p.displayName, gender: p.gender, at: Date.now() };
    const token = jwt.sign(claims, this.opts.secret, { algorithm: 'HS256', subject: p.userId, expiresIn: this.opts.accessTtlSec, issuer: 'sign-relay', jwtid: randomUUID() });
    return { token, expiresIn: this.opts.accessTtlSec };
  }

  signGuest(p: Omit<GuestPrincipal, 'kioskVerified'> & { kioskVerified?: boolean }): { token: string; expiresIn: number } {
    const claims = { typ: 'guest', ch: p.channel, kiosk: p.kioskId, kv: p.kioskVerified ?? false };
    const token = jwt.sign(claims, this.opts.secret, { algorithm: 'HS256', subject: p.guestId, expiresIn: this.opts.guestTtlSec, issuer: 'sign-relay' });
    return { token, expiresIn: this.opts.guestTtlSec };
  }

  expiresAt(token: string): number {
    return tokenExpiresAt(token);
  }

  /**
   * The principal of a token presented to act with (a request, a connection, a renewal): {@link verify}, and
   * for staff the account's word too, so disabling an account or changing its role or password ends the access
   * tokens already issued, not only the refresh tokens.
   */
  async authenticate(token: string): Promise<Principal> {
    const p = this.verify(token);
    if (p.kind === 'staff' && this.opts.staffSessions) {
      const stands = await this.opts.staffSessions.stands({ userId: p.userId, role: p.role, issuedAtMs: tokenIssuedAt(token) });
      if (!stands) throw new AppError('UNAUTHENTICATED', 'Your session has ended; please sign in again.');
    }
    return p;
  }

  /** The principal of a valid token; anything else is UNAUTHENTICATED. */
  verify(token: string, opts: { ignoreExpiration?: boolean } = {}): Principal {
    let payload: unknown;
    try {
      payload = jwt.verify(token, this.opts.secret, { algorithms: ['HS256'], issuer: 'sign-relay', ignoreExpiration: opts.ignoreExpiration ?? false });
    } catch (err) {
      const expired = err instanceof jwt.TokenExpiredError;
      throw new AppError('UNAUTHENTICATED', expired ? 'Your session has expired; please sign in again.' : 'Please sign in.');
    }
    const staff = staffClaims.safeParse(payload);
    if (staff.success) return { kind: 'staff', userId: staff.data.sub, role: staff.data.role, displayName: staff.data.name, gender: staff.data.gender };
    const guest = guestClaims.safeParse(payload);
    if (guest.success) return { kind: 'guest', guestId: guest.data.sub, channel: guest.data.ch, kioskId: guest.data.kiosk, kioskVerified: guest.data.kv };
    throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  }

  /**
   * The guest id a previous guest token carries on to a new one: only a token of ours, for the same channel and
   * kiosk, that expired no more than {@link GUEST_CARRY_OVER_SEC} ago. Anything else (undefined) means a new identity.
   */
  previousGuest(token: string, want: { channel: Channel; kioskId: string | null }, now = Date.now()): GuestId | undefined {
    let p: Principal;
    try {
      p = this.verify(token, { ignoreExpiration: true });
    } catch {
      return undefined;
    }
    if (p.kind !== 'guest' || p.channel !== want.channel || p.kioskId !== want.kioskId) return undefined;
    const exp = tokenExpiresAt(token);
    if (exp === 0 || exp + GUEST_CARRY_OVER_SEC * 1000 < now) return undefined;
    return p.guestId;
  }

  /** A keyed digest (HMAC-SHA256 with the token secret) of `data` for one `purpose`: unguessable without the secret. */
  mac(purpose: string, data: string): Buffer {
    return createHmac('sha256', this.opts.secret).update(purpose).update('\0').update(data).digest();
  }
}

/** When a token expires (ms epoch); 0 for a token without an expiry (never issued here). */
export function tokenExpiresAt(token: string): number {
  const decoded = jwt.decode(token);
  return decoded && typeof decoded === 'object' && typeof decoded.exp === 'number' ? decoded.exp * 1000 : 0;
}

/** When a token was issued (ms): its `at` claim, or for a token without one its `iat` (whole seconds); 0 if neither. */
export function tokenIssuedAt(token: string): number {
  const decoded = jwt.decode(token);
  if (!decoded || typeof decoded !== 'object') return 0;
  const at: unknown = decoded.at;
  if (typeof at === 'number') return at;
  return typeof decoded.iat === 'number' ? decoded.iat * 1000 : 0;
}

/** The role a principal acts in. */
export function roleOf(p: Principal): StaffRole | 'guest' {
  return p.kind === 'staff' ? p.role : 'guest';
}
