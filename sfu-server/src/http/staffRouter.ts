import { Router } from 'express';
import { z } from 'zod';
import { GENDERS, STAFF_ROLES, taipeiDayStart } from '@sign-relay/shared';
import type { AuthService } from '../auth/AuthService.ts';
import type { TokenService } from '../auth/tokens.ts';
import { AppError } from '../errors.ts';
import type { CallRecordRepository } from '../store/repositories/callRecordRepository.ts';
import type { UserRepository, UserRow } from '../store/repositories/userRepository.ts';
import type { Wallboard } from '../wallboard/Wallboard.ts';
import { principalOf, requireRoles, route } from './auth.ts';
import { parseOrThrow } from './parse.ts';

const newUser = z
  .object({
    username: z.string().regex(/^[A-Za-z0-9_.-]{3,40}$/, 'letters, digits, _ . - (3–40)'),
    displayName: z.string().trim().min(1).max(100),
    role: z.enum(STAFF_ROLES),
    gender: z.enum(GENDERS).nullable().default(null),
    password: z.string().min(1).max(200),
  })
  .strict();
const patchUser = z
  .object({
    displayName: z.string().trim().min(1).max(100).optional(),
    gender: z.enum(GENDERS).nullable().optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(1).max(200).optional(),
    role: z.enum(STAFF_ROLES).optional(),
  })
  .strict();
const idParam = z.object({ id: z.string().uuid() });


const publicUser = (u: UserRow) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, gender: u.gender, disabled: u.disabled, createdAt: u.createdAt });

/** Staff routes: an interpreter's own calls today, the wallboard, and account management (admins only). */
export function staffRouter(deps: { tokens: TokenService; auth: AuthService; users: UserRepository; records: CallRecordRepository; wallboard: Wallboard }): Router {
  const r = Router();
  const desk = requireRoles(deps.tokens, ['interpreter', 'supervisor']);
  const supervise = requireRoles(deps.tokens, ['supervisor', 'admin']);
  const admin = requireRoles(deps.tokens, ['admin']);

  r.get('/api/desk/calls/today', desk, route(async (_req, res) => {
    const me = principalOf(res);
    if (me.kind !== 'staff') throw new AppError('FORBIDDEN', 'Only staff can do that.');
    const rows = await deps.records.forInterpreterSince(me.userId, new Date(taipeiDayStart(Date.now())));
    res.json(
      rows.map((c) => ({
        id: c.id,
        channel: c.channel,
        kioskId: c.kioskId,
        topic: c.topic,
        queuedAt: c.queuedAt,
        answeredAt: c.answeredAt,
        endedAt: c.endedAt,
        endReason: c.endReason,
        transferredFrom: c.transferredFrom,
      })),
    );
  }));

  r.get('/api/wallboard', supervise, route(async (_req, res) => {
    res.json(await deps.wallboard.snapshot());
  }));

  r.get('/api/admin/users', admin, route(async (_req, res) => {
    res.json((await deps.users.list()).map(publicUser));
  }));

  r.post('/api/admin/users', admin, route(async (req, res) => {
    res.status(201).json(publicUser(await deps.auth.createUser(parseOrThrow(newUser, req.body))));
  }));

  r.patch('/api/admin/users/:id', admin, route(async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params);
    res.json(publicUser(await deps.auth.updateUser(id, parseOrThrow(patchUser, req.body))));
  }));

  return r;
}
