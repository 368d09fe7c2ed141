import { Router, type RequestHandler } from 'express';
import { authRoutes, type GuestId } from '@sign-relay/shared';
import type { AuthService } from '../auth/AuthService.ts';
import type { TokenService } from '../auth/tokens.ts';
import { AppError } from '../errors.ts';
import { TokenBucket } from '../util/TokenBucket.ts';
import { mount } from './declared.ts';

/** Guest tokens per address: 20 at once, then one every 3 s. A bad request counts too (checked before the body is validated). */
function guestRateLimit(): RequestHandler {
  const buckets = new Map<string, TokenBucket>();
  return (req, _res, next) => {
    const ip = req.ip ?? 'unknown';
    let bucket = buckets.get(ip);
    if (!bucket) {
      bucket = new TokenBucket(20, 20 / 60);
      if (buckets.size > 50_000) buckets.clear();
      buckets.set(ip, bucket);
    }
    if (!bucket.take()) return next(new AppError('RATE_LIMITED', 'Too many requests; wait a minute and try again.'));
    next();
  };
}

/** Sign in, refresh, sign out; guest tokens for callers (no account, rate-limited per address). */
export function authRouter(deps: { auth: AuthService; tokens: TokenService }): Router {
  const r = Router();
  // These routes always refused a request without a JSON body as such (not as `{}` missing its fields).
  const bodyRequired = { emptyBodyAsObject: false } as const;

  mount(r, {}, authRoutes.login, async ({ body }) => deps.auth.login(body.username, body.password), bodyRequired);
  mount(r, {}, authRoutes.refresh, async ({ body }) => deps.auth.refresh(body.refreshToken), bodyRequired);
  mount(r, {}, authRoutes.logout, async ({ body }) => deps.auth.logout(body.refreshToken), { ...bodyRequired, status: 204 });

  mount(
    r,
    {},
    authRoutes.guest,
    async ({ body }) => {
      if (body.channel === 'kiosk' && !body.kioskId) throw new AppError('BAD_REQUEST', 'A kiosk must say which kiosk it is.');
      let previousGuestId: GuestId | undefined;
      if (body.previousToken) {
        try {
          const prev = deps.tokens.verify(body.previousToken, { ignoreExpiration: true });
          if (prev.kind === 'guest') previousGuestId = prev.guestId;
        } catch {
          // A stale or foreign token just means a new identity.
        }
      }
      return deps.auth.guest(body.channel, body.channel === 'kiosk' ? (body.kioskId ?? null) : null, previousGuestId);
    },
    { before: [guestRateLimit()] },
  );

  return r;
}
