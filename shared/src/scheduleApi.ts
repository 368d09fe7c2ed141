/**
 * Service hours: the public status (what is open now; no sign-in, so callers and kiosks can show it before
 * anything else) and the admins' editor. Routes declared once for the server and the web app (see `http.ts`).
 */
import { z } from 'zod';
import type { ServiceHours, ServiceStatus } from './hours.ts';
import { httpRoute } from './http.ts';

/** What the server keeps: the hours and what an editor needs to save over them. */
export interface HoursDocument {
  hours: ServiceHours;
  /** Null while nothing was ever saved (the defaults apply); send it back with the next save. */
  version: number | null;
  /** ISO time of the last save. */
  updatedAt: string | null;
  updatedBy: string | null;
}

/** The save envelope; the hours themselves are validated by the server's hours rules (one readable message). */
const saveHoursSchema = z
  .object({
    hours: z.unknown().refine((h) => h !== undefined, 'is required'),
    version: z.number().int().min(1).nullable(),
  })
  .strict();

const ADMIN = ['admin'] as const;

/** Every route of service hours. */
export const scheduleRoutes = {
  status: httpRoute<ServiceStatus>()({ method: 'GET', path: '/api/service/status', access: 'public' }),
  /** The hours as stored, always fresh. */
  hours: httpRoute<HoursDocument>()({ method: 'GET', path: '/api/admin/service-hours', access: ADMIN }),
  /** Saves with the version read: a save over someone else's newer change is a CONFLICT. */
  saveHours: httpRoute<HoursDocument>()({ method: 'PUT', path: '/api/admin/service-hours', access: ADMIN, body: saveHoursSchema }),
} as const;
