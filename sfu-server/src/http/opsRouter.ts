import { timingSafeEqual } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { ID_PATTERN, type CallId } from '@sign-relay/shared';
import type { CallService } from '../calls/CallService.ts';
import { AppError } from '../errors.ts';
import { maskRecipient, type LogNotifier } from '../notify/index.ts';

/**
 * Operations endpoints: what the media layer holds for a call, straight from the worker, and the messages
 * the log notifier recorded. Open on a
 * development machine; in production only with `Authorization: Bearer $OPS_TOKEN`, and off without one.
 */
export function opsRouter(deps: { calls: CallService; production: boolean; opsToken: string | undefined; sentLog?: LogNotifier | null }): Router {
  const r = Router();
  const guard: RequestHandler = (req, _res, next) => {
    if (!deps.production) return next();
    const given = Buffer.from(req.get('authorization')?.replace(/^Bearer /, '') ?? '');
    const want = Buffer.from(deps.opsToken ?? '');
    if (want.length === 0 || given.length !== want.length || !timingSafeEqual(given, want)) {
      return next(new AppError('FORBIDDEN', 'Not allowed.'));
    }
    next();
  };
  const params = z.object({ callId: z.string().regex(ID_PATTERN) });
  r.get('/api/ops/calls/:callId/media', guard, async (req, res, next) => {
    const p = params.safeParse(req.params);
    if (!p.success) return next(new AppError('BAD_REQUEST', 'callId must be an id.'));
    try {
      res.json(await deps.calls.mediaStats(p.data.callId as CallId));
    } catch (err) {
      next(err);
    }
  });
  // What the log notifier has "sent" (no SMS gateway configured): recipients in full only off production.
  r.get('/api/ops/notifications', guard, (_req, res) => {
    const sent = deps.sentLog?.recent() ?? [];
    res.json(deps.production ? sent.map((n) => ({ ...n, recipient: maskRecipient(n.recipient) })) : sent);
  });
  return r;
}
