/**
 * Staff routes: an interpreter's own calls today, the wallboard, and account management (admins only).
 * Declared once for the server and the web app (see `http.ts`).
 */
import { z } from 'zod';
import { STAFF_ROLES, type StaffRole } from './auth.ts';
import { httpRoute } from './http.ts';
import { branded, type EntryId, type UserId } from './ids.ts';
import { CALL_END_REASONS } from './media.ts';
import type { WallboardSnapshot } from './views.ts';
import { GENDERS, type Channel, type Gender, type ServiceTopic } from './queue.ts';

/** How the server records a caller who left the line before an answer (`call_records.end_reason`). */
export const CALL_ABANDON_REASONS = ['caller-left', 'caller-lost'] as const;
export type CallAbandonReason = (typeof CALL_ABANDON_REASONS)[number];
/** Every end reason a call record can hold: how a call ended, or how its caller left the line. */
export const CALL_RECORD_REASONS = [...CALL_END_REASONS, ...CALL_ABANDON_REASONS] as const;
export type CallRecordEndReason = (typeof CALL_RECORD_REASONS)[number];

/** One of an interpreter's calls today, times as ISO strings. */
export interface TodayCall {
  /** The call record: the id of the caller's place in line. */
  id: EntryId;
  channel: Channel;
  kioskId: string | null;
  topic: ServiceTopic | null;
  queuedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  /** One of {@link CALL_RECORD_REASONS} as written; a value from an older version may be anything. */
  endReason: string | null;
  transferredFrom: UserId | null;
}

/** A staff account as admins see it (never its password). */
export interface StaffAccount {
  id: UserId;
  username: string;
  displayName: string;
  role: StaffRole;
  gender: Gender | null;
  disabled: boolean;
  /** ISO time. */
  createdAt: string;
}

const newUserSchema = z
  .object({
    username: z.string().regex(/^[A-Za-z0-9_.-]{3,40}$/, 'letters, digits, _ . - (3–40)'),
    displayName: z.string().trim().min(1).max(100),
    role: z.enum(STAFF_ROLES),
    gender: z.enum(GENDERS).nullable().default(null),
    password: z.string().min(1).max(200),
  })
  .strict();
const patchUserSchema = z
  .object({
    displayName: z.string().trim().min(1).max(100).optional(),
    gender: z.enum(GENDERS).nullable().optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(1).max(200).optional(),
    role: z.enum(STAFF_ROLES).optional(),
  })
  .strict();
const userParams = z.object({ id: z.string().uuid().transform(branded<UserId>()) });

const DESK = ['interpreter', 'supervisor'] as const;
const SUPERVISE = ['supervisor', 'admin'] as const;
const ADMIN = ['admin'] as const;

/** Every staff route. */
export const staffRoutes = {
  /** The signed-in interpreter's calls since Taipei midnight. */
  todayCalls: httpRoute<TodayCall[]>()({ method: 'GET', path: '/api/desk/calls/today', access: DESK }),
  wallboard: httpRoute<WallboardSnapshot>()({ method: 'GET', path: '/api/wallboard', access: SUPERVISE }),
  users: httpRoute<StaffAccount[]>()({ method: 'GET', path: '/api/admin/users', access: ADMIN }),
  /** 201 with the new account. */
  createUser: httpRoute<StaffAccount>()({ method: 'POST', path: '/api/admin/users', access: ADMIN, body: newUserSchema }),
  updateUser: httpRoute<StaffAccount>()({ method: 'PATCH', path: '/api/admin/users/:id', access: ADMIN, params: userParams, body: patchUserSchema }),
} as const;
