import { Router } from 'express';
import { z } from 'zod';
import type { TokenService } from '../auth/tokens.ts';
import { AppError } from '../errors.ts';
import type { HoursSnapshot, ServiceHoursService } from '../schedule/ServiceHoursService.ts';
import { principalOf, requireRoles, route } from './auth.ts';
import { parseOrThrow } from './parse.ts';

/** The save envelope; the hours themselves are validated by the service (one readable message). */
const putHours = z
  .object({
    hours: z.unknown().refine((h) => h !== undefined, 'is required'),
    version: z.number().int().min(1).nullable(),
  })
  .strict();


const editable = (s: HoursSnapshot) => ({ hours: s.hours, version: s.version, updatedAt: s.updatedAt?.toISOString() ?? null, updatedBy: s.updatedBy });

/**
 * Service hours: the public status (what is open now, when video next opens, closure messages; no sign-in, so
 * callers and kiosks can show it before anything else) and the admins' editor (read, then save with the version
 * read; a save over someone else's newer change is refused).
 */
export function scheduleRouter(deps: { tokens: TokenService; hours: ServiceHoursService }): Router {
  const r = Router();
  const admin = requireRoles(deps.tokens, ['admin']);

  r.get('/api/service/status', route(async (_req, res) => {
    // Short-lived: a closure or an opening must show within seconds.
    res.set('Cache-Control', 'no-cache');
    res.json(await deps.hours.status());
  }));

  r.get('/api/admin/service-hours', admin, route(async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(editable(await deps.hours.snapshot({ fresh: true })));
  }));

  r.put('/api/admin/service-hours', admin, route(async (req, res) => {
    const me = principalOf(res);
    if (me.kind !== 'staff') throw new AppError('FORBIDDEN', 'Only staff can do that.');
    const body = parseOrThrow(putHours, req.body);
    res.json(editable(await deps.hours.update(body.hours, body.version, me.userId)));
  }));

  return r;
}
