import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import type { Logger } from '../logger.ts';
import type { Mediasoup } from './mediasoupLoader.ts';

export interface WorkerPoolOptions {
  size: number;
  /** The mediasoup-worker binary every worker runs. */
  workerBin: string;
  rtcMinPort: number;
  rtcMaxPort: number;
  logger: Logger;
}

/** The ports a worker's transports listen on: its own slice of RTC_MIN_PORT..RTC_MAX_PORT. */
export interface PortRange {
  min: number;
  max: number;
}

/** A router and the port range of the worker it lives on, which its transports must listen within. */
export interface PooledRouter {
  router: types.Router;
  portRange: PortRange;
}

interface Slot {
  index: number;
  worker: types.Worker | undefined;
  routers: number;
  minPort: number;
  maxPort: number;
}

interface WorkerPoolEvents {
  /** A worker process died; its routers (and so its calls) are already closed by mediasoup. */
  workerDied: [{ index: number; pid: number }];
  workerReplaced: [{ index: number; pid: number }];
}

/**
 * One mediasoup worker per core. Each worker gets its own slice of the RTC port range (its transports listen
 * within it), so workers never race for a port. A dead worker is replaced in its slot; new routers go to the least-loaded live worker.
 */
export class WorkerPool extends EventEmitter<WorkerPoolEvents> {
  private readonly slots: Slot[] = [];
  private closed = false;

  private constructor(
    private readonly mediasoup: Mediasoup,
    private readonly opts: WorkerPoolOptions,
  ) {
    super();
  }

  static async create(mediasoup: Mediasoup, opts: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(mediasoup, opts);
    const span = opts.rtcMaxPort - opts.rtcMinPort + 1;
    const per = Math.floor(span / opts.size);
    if (per < 2) throw new Error(`RTC port range ${opts.rtcMinPort}-${opts.rtcMaxPort} is too small for ${opts.size} workers`);
    for (let i = 0; i < opts.size; i++) {
      const minPort = opts.rtcMinPort + i * per;
      pool.slots.push({ index: i, worker: undefined, routers: 0, minPort, maxPort: minPort + per - 1 });
    }
    await Promise.all(pool.slots.map((s) => pool.startWorker(s)));
    return pool;
  }

  private async startWorker(slot: Slot): Promise<void> {
    const worker = await this.mediasoup.createWorker({
      logLevel: 'warn',
      workerBin: this.opts.workerBin,
      appData: { index: slot.index },
    });
    slot.worker = worker;
    slot.routers = 0;
    const log = this.opts.logger.child({ worker: slot.index, pid: worker.pid });
    log.info('mediasoup worker started');
    worker.on('died', (error: Error) => {
      slot.worker = undefined;
      log.error({ err: error.message }, 'mediasoup worker died');
      this.emit('workerDied', { index: slot.index, pid: worker.pid });
      if (!this.closed) void this.replace(slot);
    });
    worker.observer.on('newrouter', (router: types.Router) => {
      slot.routers++;
      router.observer.once('close', () => {
        slot.routers--;
      });
    });
  }

  private async replace(slot: Slot, attempt = 0): Promise<void> {
    try {
      await this.startWorker(slot);
      if (this.closed) {
        slot.worker?.close();
        return;
      }
      this.emit('workerReplaced', { index: slot.index, pid: slot.worker?.pid ?? -1 });
    } catch (err) {
      const delay = Math.min(30_000, 500 * 2 ** attempt);
      this.opts.logger.error({ worker: slot.index, err: (err as Error).message, delay }, 'worker restart failed');
      setTimeout(() => void this.replace(slot, attempt + 1), delay).unref();
    }
  }

  /** Creates a router on the least-loaded live worker. */
  async createRouter(options: types.RouterOptions): Promise<PooledRouter> {
    const live = this.slots.filter((s): s is Slot & { worker: types.Worker } => s.worker !== undefined && !s.worker.closed);
    const slot = live.sort((a, b) => a.routers - b.routers)[0];
    if (!slot) throw new Error('no live mediasoup worker');
    const router = await slot.worker.createRouter(options);
    return { router, portRange: { min: slot.minPort, max: slot.maxPort } };
  }

  /** Live workers (for readiness and stats). */
  workers(): types.Worker[] {
    return this.slots.flatMap((s) => (s.worker && !s.worker.closed ? [s.worker] : []));
  }

  get size(): number {
    return this.slots.length;
  }

  /** Ids of every router that the worker processes themselves report. */
  async liveRouterIds(): Promise<Set<string>> {
    const dumps = await Promise.all(this.workers().map((w) => w.dump() as Promise<{ routerIds: string[] }>));
    return new Set(dumps.flatMap((d) => d.routerIds));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.slots) s.worker?.close();
  }
}
