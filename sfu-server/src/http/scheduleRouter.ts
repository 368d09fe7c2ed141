import { Router } from 'express';
import { scheduleRoutes, type HoursDocument } from '@sign-relay/shared';
import type { TokenService } from '../auth/tokens.ts';
import type { HoursSnapshot, ServiceHoursService } from '../schedule/ServiceHoursService.ts';
import { mount, staffOf } from './declared.ts';

const editable = (s: HoursSnapshot): HoursDocument => ({ hours: s.hours, version: s.version, updatedAt: s.updatedAt?.toISOString() ?? null, updatedBy: s.updatedBy });

/**
 * Service hours: the public status (what is open now, when video next opens, closure messages; no sign-in, so
 * callers and kiosks can show it before anything else) and the admins' editor (read, then save with the version
 * read; a save over someone else's newer change is refused).
 */
export function scheduleRouter(deps: { tokens: TokenService; hours: ServiceHoursService }): Router {
  const r = Router();
  const m = { tokens: deps.tokens };

  mount(r, m, scheduleRoutes.status, async ({ res }) => {
    // Short-lived: a closure or an opening must show within seconds.
    res.set('Cache-Control', 'no-cache');
    return deps.hours.status();
  });

  mount(r, m, scheduleRoutes.hours, async ({ res }) => {
    res.set('Cache-Control', 'no-store');
    return editable(await deps.hours.snapshot({ fresh: true }));
  });

  // A request without a JSON body was always refused as such, not read as `{}`.
  mount(r, m, scheduleRoutes.saveHours, async ({ body, who }) => editable(await deps.hours.update(body.hours, body.version, staffOf(who).userId)), { emptyBodyAsObject: false });

  return r;
}
