import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger.ts';
import { loadMediasoup } from './mediasoupLoader.ts';
import { WorkerPool } from './WorkerPool.ts';

/** The pool's watchdog on its own, against real worker processes, with a short interval and timeout. */
describe('the worker watchdog', () => {
  const logger = createLogger('silent');
  let pool: WorkerPool | undefined;
  const stopped: number[] = [];
  afterEach(() => {
    pool?.close();
    for (const pid of stopped.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone, as it should be.
      }
    }
  });

  const start = async (size: number) => {
    const { mediasoup, workerBin } = await loadMediasoup(logger, process.env.MEDIASOUP_WORKER_BIN);
    pool = await WorkerPool.create(mediasoup, { size, workerBin, rtcMinPort: 45200, rtcMaxPort: 45219, logger, watchdog: { intervalMs: 300, timeoutMs: 400 } });
    return pool;
  };

  it('kills a worker that stops answering, closes its routers and replaces it; the other worker is untouched (review #6)', async () => {
    const p = await start(2);
    const [hungWorker, other] = p.workers();
    const router = await hungWorker!.createRouter({ mediaCodecs: [] });
    const routerClosed = new Promise<void>((r) => router.on('workerclose', () => r()));
    const hung = new Promise<{ index: number; pid: number }>((r) => p.once('workerHung', r));
    const replaced = new Promise<{ index: number; pid: number }>((r) => p.once('workerReplaced', r));
    const started = Date.now();
    stopped.push(hungWorker!.pid);
    process.kill(hungWorker!.pid, 'SIGSTOP');

    expect((await hung).pid).toBe(hungWorker!.pid);
    // One interval plus one timeout, with room for a slow machine.
    expect(Date.now() - started).toBeLessThan(300 + 400 + 1_000);
    expect(p.health()).toMatchObject({ live: 1, expected: 2, unanswering: 1 });
    await routerClosed;
    expect(hungWorker!.died).toBe(true);
    const { pid } = await replaced;
    expect(pid).not.toBe(hungWorker!.pid);
    expect(p.health()).toEqual({ live: 2, expected: 2, unanswering: 0 });
    expect(other!.closed).toBe(false);
    expect(p.workers().map((w) => w.pid)).toContain(other!.pid);
  });

  it('counts a worker late with its answer against readiness before declaring it hung, and never routes a call to it (review #6)', async () => {
    const { mediasoup, workerBin } = await loadMediasoup(logger, process.env.MEDIASOUP_WORKER_BIN);
    // A long timeout: the worker stays "late" (not yet hung) for a while.
    pool = await WorkerPool.create(mediasoup, { size: 2, workerBin, rtcMinPort: 45200, rtcMaxPort: 45219, logger, watchdog: { intervalMs: 200, timeoutMs: 5_000 } });
    const p = pool;
    const [late] = p.workers();
    stopped.push(late!.pid);
    process.kill(late!.pid, 'SIGSTOP');
    await expect.poll(() => p.health().live, { timeout: 3_000 }).toBe(1);
    expect(p.health()).toMatchObject({ expected: 2, unanswering: 1 });
    // The first worker has the first slice of the port range; a router asked of it would never be answered.
    for (let n = 0; n < 3; n++) {
      const { portRange } = await p.createRouter({ mediaCodecs: [] });
      expect(portRange).toEqual({ min: 45210, max: 45219 });
    }
    process.kill(late!.pid, 'SIGCONT');
    await expect.poll(() => p.health(), { timeout: 3_000 }).toEqual({ live: 2, expected: 2, unanswering: 0 });
    // It answered in time: nothing was killed.
    expect(late!.closed).toBe(false);
  });

  it('leaves answering workers alone over many rounds (review #6)', async () => {
    const p = await start(1);
    const [worker] = p.workers();
    const asked = vi.spyOn(worker!, 'getResourceUsage');
    let hung = false;
    p.on('workerHung', () => {
      hung = true;
    });
    await expect.poll(() => asked.mock.calls.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(5);
    expect(hung).toBe(false);
    expect(p.workers()).toEqual([worker]);
    expect(p.health()).toEqual({ live: 1, expected: 1, unanswering: 0 });
  });
});
