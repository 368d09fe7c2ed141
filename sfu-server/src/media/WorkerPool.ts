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
  /**
   * How often every worker is asked a trivial question (its resource usage), and how long it has to answer.
   * A worker that does not answer in time is hung and is killed and replaced, so the longest a hung worker
   * goes unnoticed is one interval plus one timeout (defaults: 3 s + 2 s).
   */
  watchdog?: { intervalMs: number; timeoutMs: number };
}

const WATCHDOG_DEFAULTS = { intervalMs: 3_000, timeoutMs: 2_000 };

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
  /** When the watchdog question now waiting for this slot's worker's answer was asked. */
  askedAt: number | undefined;
  /** The worker stopped answering and is being killed; the slot is not ready until a new one runs. */
  hung: boolean;
}

/** What readiness reports of the pool. */
export interface PoolHealth {
  /** Workers that run and answer. */
  live: number;
  expected: number;
  /** Workers that have not answered the watchdog for a while, or stopped answering and are being killed. */
  unanswering: number;
}

interface WorkerPoolEvents {
  /** A worker process died; its routers (and so its calls) are already closed by mediasoup. */
  workerDied: [{ index: number; pid: number }];
  /** A worker stopped answering its channel (a hung process fires no `died`): it is being killed. */
  workerHung: [{ index: number; pid: number }];
  workerReplaced: [{ index: number; pid: number }];
}

/**
 * One mediasoup worker per core. Each worker gets its own slice of the RTC port range (its transports listen
 * within it), so workers never race for a port. A dead worker is replaced in its slot; new routers go to the least-loaded live worker.
 * A watchdog asks every worker a question every few seconds: one that does not answer (hung in a loop, or
 * stopped) is killed, so it dies like any other, its calls end and it is replaced.
 */
export class WorkerPool extends EventEmitter<WorkerPoolEvents> {
  private readonly slots: Slot[] = [];
  private closed = false;
  private watchdog: NodeJS.Timeout | undefined;
  /** A question unanswered this long already counts against readiness, before the worker is declared hung. */
  private readonly lateMs: number;

  private constructor(
    private readonly mediasoup: Mediasoup,
    private readonly opts: WorkerPoolOptions,
  ) {
    super();
    this.lateMs = Math.min(1_000, (opts.watchdog ?? WATCHDOG_DEFAULTS).timeoutMs / 2);
  }

  static async create(mediasoup: Mediasoup, opts: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(mediasoup, opts);
    const span = opts.rtcMaxPort - opts.rtcMinPort + 1;
    const per = Math.floor(span / opts.size);
    if (per < 2) throw new Error(`RTC port range ${opts.rtcMinPort}-${opts.rtcMaxPort} is too small for ${opts.size} workers`);
    for (let i = 0; i < opts.size; i++) {
      const minPort = opts.rtcMinPort + i * per;
      pool.slots.push({ index: i, worker: undefined, routers: 0, minPort, maxPort: minPort + per - 1, askedAt: undefined, hung: false });
    }
    await Promise.all(pool.slots.map((s) => pool.startWorker(s)));
    pool.startWatchdog(opts.watchdog ?? WATCHDOG_DEFAULTS);
    return pool;
  }

  private startWatchdog({ intervalMs, timeoutMs }: { intervalMs: number; timeoutMs: number }): void {
    this.watchdog = setInterval(() => {
      for (const slot of this.slots) {
        const worker = slot.worker;
        if (worker && !worker.closed && slot.askedAt === undefined && !slot.hung) void this.ask(slot, worker, timeoutMs);
      }
    }, intervalMs);
    this.watchdog.unref();
  }

  /** Asks a worker for its resource usage; no answer within the timeout means it is hung, and it is killed. */
  private async ask(slot: Slot, worker: types.Worker, timeoutMs: number): Promise<void> {
    slot.askedAt = Date.now();
    let timer: NodeJS.Timeout | undefined;
    // Any answer, even an error, shows the worker's loop still runs; a closed channel rejects at once too.
    const answered = worker.getResourceUsage().then(
      () => true,
      () => true,
    );
    const silent = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const ok = await Promise.race([answered, silent]);
    clearTimeout(timer);
    slot.askedAt = undefined;
    if (ok || this.closed || worker.closed || slot.worker !== worker) return;
    slot.hung = true;
    this.opts.logger.error({ worker: slot.index, pid: worker.pid, timeoutMs }, 'mediasoup worker stopped answering: killing it');
    this.emit('workerHung', { index: slot.index, pid: worker.pid });
    // SIGKILL, not close(): a stopped or looping process never reads the close request, and SIGKILL works
    // even on a stopped one. Its exit then runs the ordinary path: `died`, its routers closed, a replacement.
    try {
      process.kill(worker.pid, 'SIGKILL');
    } catch (err) {
      this.opts.logger.error({ worker: slot.index, pid: worker.pid, err: (err as Error).message }, 'could not kill the hung worker');
    }
  }

  private async startWorker(slot: Slot): Promise<void> {
    const worker = await this.mediasoup.createWorker({
      logLevel: 'warn',
      workerBin: this.opts.workerBin,
      appData: { index: slot.index },
    });
    slot.worker = worker;
    slot.routers = 0;
    slot.hung = false;
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

  /** Creates a router on the least-loaded live worker (never on one late with its answer or found hung). */
  async createRouter(options: types.RouterOptions): Promise<PooledRouter> {
    const now = Date.now();
    const live = this.slots.filter((s): s is Slot & { worker: types.Worker } => s.worker !== undefined && !s.worker.closed && !this.late(s, now));
    const slot = live.sort((a, b) => a.routers - b.routers)[0];
    if (!slot) throw new Error('no live mediasoup worker');
    const router = await slot.worker.createRouter(options);
    return { router, portRange: { min: slot.minPort, max: slot.maxPort } };
  }

  /** Live workers (for stats); a hung one is not live. */
  workers(): types.Worker[] {
    return this.slots.flatMap((s) => (s.worker && !s.worker.closed && !s.hung ? [s.worker] : []));
  }

  /**
   * For readiness: ready when every slot has a worker that runs and answers. A worker that is dead or being
   * replaced is not live; one that is late with its answer (or already found hung) is not either, so a load
   * balancer stops sending callers here while the watchdog waits out its timeout.
   */
  health(): PoolHealth {
    const now = Date.now();
    const live = this.slots.filter((s) => s.worker && !s.worker.closed && !this.late(s, now)).length;
    return { live, expected: this.slots.length, unanswering: this.slots.filter((s) => this.late(s, now)).length };
  }

  private late(slot: Slot, now: number): boolean {
    return slot.hung || (slot.askedAt !== undefined && now - slot.askedAt > this.lateMs);
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
    clearInterval(this.watchdog);
    for (const s of this.slots) {
      // A hung worker would never read the close request.
      if (s.hung && s.worker && !s.worker.closed) {
        try {
          process.kill(s.worker.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      s.worker?.close();
    }
  }
}
