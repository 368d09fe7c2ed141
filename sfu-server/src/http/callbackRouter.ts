import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { SERVICE_TOPICS } from '@sign-relay/shared';
import type { TokenService } from '../auth/tokens.ts';
import { AppError } from '../errors.ts';
import type { CallbackRepository } from '../store/repositories/callbackRepository.ts';
import { principalOf, requireRoles, route } from './auth.ts';
import { parseOrThrow } from './parse.ts';

const request = z
  .object({
    name: z.string().trim().min(1).max(100),
    phone: z.string().regex(/^[0-9+()\- ]{6,30}$/, 'must be a phone number').optional(),
    email: z.email().max(200).optional(),
    topic: z.enum(SERVICE_TOPICS).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((r) => r.phone !== undefined || r.email !== undefined, { message: 'give a phone number or an e-mail address', path: ['phone'] });

/** Callers leave a call-back request (outside video hours); supervisors work through the open ones. */
export function callbackRouter(deps: { tokens: TokenService; callbacks: CallbackRepository }): Router {
  const r = Router();
  r.post('/api/callbacks', requireRoles(deps.tokens, ['guest']), route(async (req, res) => {
    const me = principalOf(res);
    if (me.kind !== 'guest') throw new AppError('FORBIDDEN', 'Only callers can do that.');
    const p = parseOrThrow(request, req.body);
    const id = randomUUID();
    await deps.callbacks.create({ id, guestId: me.guestId, channel: me.channel, kioskId: me.kioskId, topic: p.topic ?? null, name: p.name, phone: p.phone ?? null, email: p.email ?? null, note: p.note ?? null });
    res.status(201).json({ id });
  }));
  r.get('/api/callbacks', requireRoles(deps.tokens, ['supervisor', 'admin']), route(async (_req, res) => {
    res.json(await deps.callbacks.open());
  }));
  r.post('/api/callbacks/:id/done', requireRoles(deps.tokens, ['interpreter', 'supervisor', 'admin']), route(async (req, res) => {
    const { id } = parseOrThrow(z.object({ id: z.string().uuid() }), req.params);
    const me = principalOf(res);
    if (me.kind !== 'staff' || !(await deps.callbacks.markDone(id, me.userId))) throw new AppError('NOT_FOUND', 'There is no such open request.');
    res.status(204).end();
  }));
  return r;
}
