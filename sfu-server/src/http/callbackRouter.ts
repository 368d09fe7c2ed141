import { Router } from 'express';
import { callbackRoutes } from '@sign-relay/shared';
import type { TokenService } from '../auth/tokens.ts';
import type { CallbackService } from '../callbacks/CallbackService.ts';
import { AppError } from '../errors.ts';
import { staffActor } from '../cases/staffActor.ts';
import { mount, staffOf } from './declared.ts';
import { clientAddress, takeOrRefuse, type HttpLimits } from './rateLimits.ts';

/**
 * Callers leave call-back requests (a few a day each, and a limit per client address); interpreters and
 * supervisors take them, one person each, and close them with an outcome.
 */
export function callbackRouter(deps: { tokens: TokenService; callbacks: CallbackService; limits: HttpLimits }): Router {
  const r = Router();
  const m = { tokens: deps.tokens };
  const me = (who: Parameters<typeof staffOf>[0]) => staffActor(staffOf(who));

  mount(
    r,
    m,
    callbackRoutes.create,
    async ({ body, who, req, res }) => {
      if (!who || who.kind !== 'guest') throw new AppError('FORBIDDEN', 'Only callers can do that.');
      // Counted once the request is well formed: one address leaving many (under many guest identities) is held here.
      await takeOrRefuse(res, [[deps.limits.callbackPerAddress, clientAddress(req)]], 'Too many call-back requests from here; try again later.');
      return deps.callbacks.create({ guestId: who.guestId, channel: who.channel, kioskId: who.kioskId }, body);
    },
    { status: 201 },
  );
  // Before `/api/callbacks/:id/...` (no clash today, but the fixed path should win if one is added).
  mount(r, m, callbackRoutes.closed, async ({ who }) => deps.callbacks.recentlyClosed(me(who)));
  mount(r, m, callbackRoutes.open, async ({ query, who }) => deps.callbacks.open(me(who), query));
  mount(r, m, callbackRoutes.claim, async ({ params, who }) => deps.callbacks.claim(me(who), params.id));
  mount(r, m, callbackRoutes.release, async ({ params, who }) => deps.callbacks.release(me(who), params.id));
  mount(r, m, callbackRoutes.close, async ({ params, body, who }) => deps.callbacks.close(me(who), params.id, body));
  return r;
}
