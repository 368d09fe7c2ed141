import type pg from 'pg';
import type { Logger } from '../logger.ts';
import {
  claimDueNotifications,
  markNotificationFailed,
  markNotificationSent,
  type ClaimedOutboxMessage,
} from '../store/repositories/outboxRepository.ts';
import { NotificationError, type Notifier } from './Notifier.ts';

export interface OutboxWorkerOptions {
  /** How often to look for due messages when nothing kicks the worker; default 1 s. */
  pollMs?: number;
  /** Messages claimed (and sent side by side) per round; default 10. */
  batchSize?: number;
  /**
   * How long a claim keeps a message from other workers; default 30 s. It must outlast a whole round of sends
   * (the webhook gives up after 10 s), or a slow round would be sent twice.
   */
  leaseMs?: number;
  /** First retry delay, doubled per failure; default 2 s (tests use a few milliseconds). */
  backoffBaseMs?: number;
  /** Longest retry delay; default 10 min. */
  backoffMaxMs?: number;
  /** Source of jitter in [0, 1); tests may fix it. */
  random?: () => number;
}

/** The defaults of {@link OutboxWorkerOptions}. */
export const OUTBOX_WORKER_DEFAULTS: Readonly<Required<Omit<OutboxWorkerOptions, 'random'>>> = Object.freeze({
  pollMs: 1_000,
  batchSize: 10,
  leaseMs: 30_000,
  backoffBaseMs: 2_000,
  backoffMaxMs: 600_000,
});

/** `last_error` is for a person reading the row, not a stack: one short line. */
const MAX_ERROR_LENGTH = 200;

/**
 * Sends what the outbox holds: claims due messages with a lease, hands each to the notifier, records the outcome,
 * and retries failures with exponential backoff. Any number of workers, in any number of processes, may run on
 * one database: the claim (`FOR UPDATE SKIP LOCKED` + lease) gives each message to one worker at a time.
 *
 * Delivery is at least once: a worker that stops after a send but before recording it leaves the message claimed
 * until its lease runs out, and then it is sent again. That is why each message carries its outbox id as an
 * idempotency key (the webhook's `Idempotency-Key`): the gateway drops the repeat, and the caller gets one SMS.
 *
 * Every query is a single statement on the pool, never a held client, and no transaction is open during a send:
 * the embedded database has exactly one connection, and a send can take seconds.
 */
export class OutboxWorker {
  private readonly opts: Required<OutboxWorkerOptions>;
  private started = false;
  private stopped: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private kicked = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly notifier: Notifier,
    private readonly logger: Logger,
    opts: OutboxWorkerOptions = {},
  ) {
    this.opts = { ...OUTBOX_WORKER_DEFAULTS, random: Math.random, ...definedOnly(opts) };
  }

  /** Starts polling (the first round at once). Idempotent; a stopped worker stays stopped. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.schedule(0);
  }

  /** Runs a round soon — call it after committing a change that enqueued a message — instead of at the next poll. */
  kick(): void {
    if (!this.started || this.stopped) return;
    if (this.round) {
      // The message may have been committed after this round's claim: look again when it ends.
      this.kicked = true;
      return;
    }
    this.schedule(0);
  }

  /**
   * Stops polling and waits for the round in flight, so its outcomes are recorded before the pool closes.
   * Idempotent. Messages not yet sent stay in the outbox for the next start (or another process).
   */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      clearTimeout(this.timer);
      this.timer = undefined;
      await this.round;
    })();
    return this.stopped;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, ms);
    // The HTTP server keeps the process alive; a pending poll should not.
    this.timer.unref();
  }

  private async run(): Promise<void> {
    if (this.stopped || this.round) return;
    let claimed = 0;
    this.kicked = false;
    this.round = this.runRound().then(
      (n) => {
        claimed = n;
      },
      (err: unknown) => this.logger.error({ err }, 'notification round failed'),
    );
    await this.round;
    this.round = undefined;
    if (this.stopped) return;
    // A full batch means more may be due; a kick during the round may have added some.
    this.schedule(claimed >= this.opts.batchSize || this.kicked ? 0 : this.opts.pollMs);
  }

  /** One round: claim, send side by side, record. Returns how many messages were claimed. */
  private async runRound(): Promise<number> {
    const batch = await claimDueNotifications(this.pool, this.opts.batchSize, this.opts.leaseMs);
    await Promise.all(batch.map((m) => this.deliver(m)));
    return batch.length;
  }

  private async deliver(m: ClaimedOutboxMessage): Promise<void> {
    const log = this.logger.child({ outboxId: m.id, kind: m.kind, channel: m.channel, attempt: m.attempts + 1 });
    let failure: unknown;
    try {
      await this.notifier.send({ id: m.id, caseId: m.caseId, kind: m.kind, channel: m.channel, recipient: m.recipient, body: m.body });
    } catch (err) {
      failure = err;
    }
    try {
      if (failure === undefined) {
        await markNotificationSent(this.pool, m.id);
        return;
      }
      const retryInMs = retryDelayMs(m.attempts + 1, this.opts, this.opts.random);
      const error = describeFailure(failure);
      const recorded = await markNotificationFailed(this.pool, m.id, m.claimedUntil, error, retryInMs);
      log.warn({ err: failure, retryInMs, recorded }, 'notification failed');
    } catch (err) {
      // The outcome is lost, not the message: the lease runs out and the message is sent again (same key).
      log.error({ err, sent: failure === undefined }, 'notification outcome not recorded');
    }
  }
}

/**
 * The wait before the next try after `failures` failed sends: base, 2×base, 4×base … up to the cap, each
 * scaled by a random factor in [0.8, 1.2) so messages that failed together (a gateway outage) do not all come
 * back in the same instant; never above the cap.
 */
export function retryDelayMs(failures: number, opts: { backoffBaseMs: number; backoffMaxMs: number }, random: () => number = Math.random): number {
  const exponential = opts.backoffBaseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30);
  const jittered = Math.min(exponential, opts.backoffMaxMs) * (0.8 + 0.4 * random());
  return Math.round(Math.min(jittered, opts.backoffMaxMs));
}

/** What goes into `last_error`: a notifier's coded, safe message; for anything else only its kind (the log has the rest). */
function describeFailure(err: unknown): string {
  const text = err instanceof NotificationError ? `${err.code}: ${err.message}` : `UNEXPECTED: ${err instanceof Error ? err.name : typeof err}`;
  return text.slice(0, MAX_ERROR_LENGTH);
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
