import { Router, type RequestHandler } from 'express';
import { authRoutes, type GuestId } from '@sign-relay/shared';
import { usernameDigest, type AuthService } from '../auth/AuthService.ts';
import type { TokenService } from '../auth/tokens.ts';
import { AppError } from '../errors.ts';
import { mount } from './declared.ts';
import { clientAddress, networkOf, takeOrRefuse, type HttpLimits } from './rateLimits.ts';

export interface AuthRouterDeps {
  auth: AuthService;
  tokens: TokenService;
  limits: HttpLimits;
  /** The kiosks a kiosk token may name (KIOSK_IDS); without a list any well-formed ID is accepted. */
  kioskIds?: readonly string[] | undefined;
}

/**
 * Guest tokens per client address and per network, checked before the body is validated (a bad request counts
 * too); the per-kiosk and new-identity limits follow in the handler, once the body says which.
 */
function guestAddressLimits(limits: HttpLimits): RequestHandler {
  return (req, res, next) => {
    const address = clientAddress(req);
    takeOrRefuse(res, [
      [limits.guestPerAddress, address],
      [limits.guestPerNetwork, networkOf(address)],
    ]).then(() => next(), next);
  };
}

/**
 * Sign in, refresh, sign out; guest tokens for callers (no account). Wrong passwords are limited per account and
 * client address and per address — never per account alone, which would let anyone lock an interpreter out.
 */
export function authRouter(deps: AuthRouterDeps): Router {
  const r = Router();
  const { limits } = deps;
  // These routes always refused a request without a JSON body as such (not as `{}` missing its fields).
  const bodyRequired = { emptyBodyAsObject: false } as const;

  mount(
    r,
    {},
    authRoutes.login,
    async ({ body, req, res }) => {
      const address = clientAddress(req);
      const accountHere = `${usernameDigest(body.username)}@${address}`;
      await takeOrRefuse(
        res,
        [
          [limits.signInPerAddress, address],
          [limits.signInPerAccountAddress, accountHere],
        ],
        'Too many wrong sign-ins; wait a few minutes and try again.',
      );
      try {
        const session = await deps.auth.login(body.username, body.password);
        // Only wrong passwords count: a right one gives its point back and clears the account's count here.
        await Promise.all([limits.signInPerAddress.refund(address), limits.signInPerAccountAddress.reset(accountHere)]);
        return session;
      } catch (err) {
        const wrongPassword = err instanceof AppError && err.code === 'UNAUTHENTICATED';
        if (!wrongPassword) await Promise.all([limits.signInPerAddress.refund(address), limits.signInPerAccountAddress.refund(accountHere)]);
        throw err;
      }
    },
    bodyRequired,
  );
  mount(r, {}, authRoutes.refresh, async ({ body }) => deps.auth.refresh(body.refreshToken), bodyRequired);
  mount(r, {}, authRoutes.logout, async ({ body }) => deps.auth.logout(body.refreshToken), { ...bodyRequired, status: 204 });

  mount(
    r,
    {},
    authRoutes.guest,
    async ({ body, res }) => {
      const kioskId = body.channel === 'kiosk' ? (body.kioskId ?? null) : null;
      if (body.channel === 'kiosk' && !kioskId) throw new AppError('BAD_REQUEST', 'A kiosk must say which kiosk it is.');
      if (kioskId && deps.kioskIds && !deps.kioskIds.includes(kioskId)) throw new AppError('FORBIDDEN', 'This kiosk is not registered with the service.');
      const previous: GuestId | undefined = body.previousToken ? deps.tokens.previousGuest(body.previousToken, { channel: body.channel, kioskId }) : undefined;
      await takeOrRefuse(res, [
        ...(kioskId ? ([[limits.guestPerKiosk, kioskId]] as const) : []),
        // Carrying an identity on mints none: only new identities count toward the ceiling of all callers.
        ...(previous ? [] : ([[limits.guestNewIdentities, 'all']] as const)),
      ]);
      return deps.auth.guest(body.channel, kioskId, previous);
    },
    { before: [guestAddressLimits(limits)] },
  );

  return r;
}
