import { Router } from 'express';
import { opsRoutes } from '@sign-relay/shared';
import type { CallService } from '../calls/CallService.ts';
import { maskRecipient, type LogNotifier } from '../notify/index.ts';
import { mount } from './declared.ts';

/**
 * Operations endpoints: what the media layer holds for a call, straight from the worker, and the messages
 * the log notifier recorded. Open on a
 * development machine; in production only with `Authorization: Bearer $OPS_TOKEN`, and off without one.
 */
export function opsRouter(deps: { calls: CallService; production: boolean; opsToken: string | undefined; sentLog?: LogNotifier | null }): Router {
  const r = Router();
  const m = { ops: { production: deps.production, token: deps.opsToken } };
  mount(r, m, opsRoutes.callMedia, async ({ params }) => deps.calls.mediaStats(params.callId));
  // What the log notifier has "sent" (no SMS gateway configured): recipients in full only off production.
  mount(r, m, opsRoutes.notifications, async () => {
    const sent = (deps.sentLog?.recent() ?? []).map((n) => ({ ...n, at: n.at.toISOString() }));
    return deps.production ? sent.map((n) => ({ ...n, recipient: maskRecipient(n.recipient) })) : sent;
  });
  return r;
}
