import { Router } from 'express';
import { opsRoutes } from '@sign-relay/shared';
import type { CallService } from '../calls/CallService.ts';
import { maskRecipient, type LogNotifier } from '../notify/index.ts';
import { mount } from './declared.ts';
import { requireOperator } from './opsAccess.ts';

/**
 * Operations endpoints: what the media layer holds for a call, straight from the worker, and the messages
 * the log notifier recorded. Only for the operator: a request from this machine itself (not one a proxy
 * forwarded), or one with `Authorization: Bearer $OPS_TOKEN`; closed to everyone else, in production or not.
 */
export function opsRouter(deps: { calls: CallService; production: boolean; opsToken: string | undefined; sentLog?: LogNotifier | null }): Router {
  const r = Router();
  r.use('/api/ops', requireOperator(deps.opsToken));
  // Admission was decided just above; the declared operator check has nothing left to refuse.
  const m = { ops: { production: false, token: undefined } };
  mount(r, m, opsRoutes.callMedia, async ({ params }) => deps.calls.mediaStats(params.callId));
  // What the log notifier has "sent" (no SMS gateway configured): recipients in full only off production.
  mount(r, m, opsRoutes.notifications, async () => {
    const sent = (deps.sentLog?.recent() ?? []).map((n) => ({ ...n, at: n.at.toISOString() }));
    return deps.production ? sent.map((n) => ({ ...n, recipient: maskRecipient(n.recipient) })) : sent;
  });
  return r;
}
