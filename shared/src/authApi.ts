/**
 * Signing in: staff sign in, refresh and sign out; callers get a guest token (no account). Routes declared
 * once for the server and the web apps (see `http.ts`).
 */
import { z } from 'zod';
import type { GuestSession, StaffSession } from './auth.ts';
import { httpRoute } from './http.ts';
import { CHANNELS } from './queue.ts';

const loginSchema = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }).strict();
const refreshSchema = z.object({ refreshToken: z.string().min(10).max(300) }).strict();
const guestTokenSchema = z
  .object({
    channel: z.enum(CHANNELS).default('web'),
    kioskId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).optional(),
    /** A previous guest token from this browser or kiosk: the same guest identity is kept. */
    previousToken: z.string().max(4000).optional(),
  })
  .strict();

/** Every route of signing in. All are public: they are how a token is had. */
export const authRoutes = {
  login: httpRoute<StaffSession>()({ method: 'POST', path: '/api/auth/login', access: 'public', body: loginSchema }),
  /** A new token pair; each refresh token works once. */
  refresh: httpRoute<StaffSession>()({ method: 'POST', path: '/api/auth/refresh', access: 'public', body: refreshSchema }),
  /** Revokes the refresh token: 204, no body. */
  logout: httpRoute<void>()({ method: 'POST', path: '/api/auth/logout', access: 'public', body: refreshSchema }),
  /** A caller's token, rate-limited per address (the limit is checked before the body is validated). */
  guest: httpRoute<GuestSession>()({ method: 'POST', path: '/api/auth/guest', access: 'public', body: guestTokenSchema }),
} as const;
