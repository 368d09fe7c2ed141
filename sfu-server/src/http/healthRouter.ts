import { Router } from 'express';
import { opsRoutes, type Readiness } from '@sign-relay/shared';
import type { CallService } from '../calls/CallService.ts';
import type { Config } from '../config.ts';
import type { WorkerPool } from '../media/WorkerPool.ts';
import { mount } from './declared.ts';
import { isOperator } from './opsAccess.ts';

/**
 * Liveness (the process answers) and readiness (every mediasoup worker runs and answers). Readiness's status
 * is for anyone (a load balancer reads it); its details — workers, calls in progress — only for the operator
 * (see {@link isOperator}): everyone else gets `{ ok }`.
 */
export function healthRouter(deps: { pool: WorkerPool; calls: CallService; config: Pick<Config, 'OPS_TOKEN'> }): Router {
  const r = Router();
  mount(r, {}, opsRoutes.health, async () => ({ ok: true as const }));
  mount(
    r,
    {},
    opsRoutes.ready,
    async ({ req }) => {
      const { live, expected } = deps.pool.health();
      const ok = live === expected;
      // Only `ok` leaves for a client that is not the operator (the declared type lists the operator's view).
      if (!isOperator(req, deps.config.OPS_TOKEN)) return { ok } as Readiness;
      return { ok, workers: { live, expected }, activeCalls: deps.calls.activeCount() };
    },
    // A load balancer reads the status, not the body.
    { status: (out) => (out.ok ? 200 : 503) },
  );
  return r;
}
