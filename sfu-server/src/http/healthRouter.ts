import { Router } from 'express';
import type { CallService } from '../calls/CallService.ts';
import type { WorkerPool } from '../media/WorkerPool.ts';

/** Liveness (the process answers) and readiness (every mediasoup worker is up). */
export function healthRouter(deps: { pool: WorkerPool; calls: CallService }): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  r.get('/readyz', (_req, res) => {
    const live = deps.pool.workers().length;
    const ready = live === deps.pool.size;
    res.status(ready ? 200 : 503).json({ ok: ready, workers: { live, expected: deps.pool.size }, activeCalls: deps.calls.activeCount() });
  });
  return r;
}
