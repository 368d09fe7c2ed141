import { Router } from 'express';
import { z } from 'zod';
import { CHANNELS } from '@sign-relay/shared';
import type { AuthService } from '../auth/AuthService.ts';
import type { TokenService } from '../auth/tokens.ts';
import { AppError } from '../errors.ts';
import { TokenBucket } from '../util/TokenBucket.ts';
import { route } from './auth.ts';
import { parseOrThrow } from './parse.ts';

const login = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }).strict();
const refresh = z.object({ refreshToken: z.string().min(10).max(300) }).strict();
const guest = z
  .object({
    channel: z.enum(CHANNELS).default('web'),
    kioskId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).optional(),
    /** A previous guest token from this browser or kiosk: the same guest identity is kept. */
    previousToken: z.string().max(4000).optional(),
  })
  .strict();


/** Sign in, refresh, sign out; guest tokens for callers (no account, rate-limited per address). */
export function authRouter(deps: { auth: AuthService; tokens: TokenService }): Router {
  const r = Router();
  const guestBuckets = new Map<string, TokenBucket>();

  r.post('/api/auth/login', route(async (req, res) => {
    const p = parseOrThrow(login, req.body);
    res.json(await deps.auth.login(p.username, p.password));
  }));

  r.post('/api/auth/refresh', route(async (req, res) => {
    res.json(await deps.auth.refresh(parseOrThrow(refresh, req.body).refreshToken));
  }));

  r.post('/api/auth/logout', route(async (req, res) => {
    await deps.auth.logout(parseOrThrow(refresh, req.body).refreshToken);
    res.status(204).end();
  }));

  r.post('/api/auth/guest', route(async (req, res) => {
    const ip = req.ip ?? 'unknown';
    let bucket = guestBuckets.get(ip);
    if (!bucket) {
      bucket = new TokenBucket(20, 20 / 60);
      if (guestBuckets.size > 50_000) guestBuckets.clear();
      guestBuckets.set(ip, bucket);
    }
    if (!bucket.take()) throw new AppError('RATE_LIMITED', 'Too many requests; wait a minute and try again.');
    const p = parseOrThrow(guest, req.body ?? {});
    if (p.channel === 'kiosk' && !p.kioskId) throw new AppError('BAD_REQUEST', 'A kiosk must say which kiosk it is.');
    let previousGuestId: string | undefined;
    if (p.previousToken) {
      try {
        const prev = deps.tokens.verify(p.previousToken, { ignoreExpiration: true });
        if (prev.kind === 'guest') previousGuestId = prev.guestId;
      } catch {
        // A stale or foreign token just means a new identity.
      }
    }
    res.json(deps.auth.guest(p.channel, p.channel === 'kiosk' ? (p.kioskId ?? null) : null, previousGuestId));
  }));

  return r;
}
