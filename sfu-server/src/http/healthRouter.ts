import { Router } from 'express';
import { opsRoutes } from '@sign-relay/shared';
import type { CallService } from '../calls/CallService.ts';
import type { WorkerPool } from '../media/WorkerPool.ts';
import { mount } from './declared.ts';

/** Liveness (the process answers) and readiness (every mediasoup worker is up). */
export function healthRouter(deps: { pool: WorkerPool; calls: CallService }): Router {
  const r = Router();
  mount(r, {}, opsRoutes.health, async () => ({ ok: true as const }));
  mount(
    r,
    {},
    opsRoutes.ready,
    async () => {
      const live = deps.pool.workers().length;
      return { ok: live === deps.pool.size, workers: { live, expected: deps.pool.size }, activeCalls: deps.calls.activeCount() };
    },
    // A load balancer reads the status, not the body.
    { status: (out) => (out.ok ? 200 : 503) },
  );
  return r;
}
