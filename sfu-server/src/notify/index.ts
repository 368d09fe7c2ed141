import type pg from 'pg';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { LogNotifier } from './LogNotifier.ts';
import type { Notifier } from './Notifier.ts';
import { OutboxWorker, type OutboxWorkerOptions } from './OutboxWorker.ts';
import { WebhookNotifier } from './WebhookNotifier.ts';

export { LogNotifier, maskRecipient, type SentNotification } from './LogNotifier.ts';
export { NotificationError, type NotificationErrorCode, type Notifier, type OutboxMessage } from './Notifier.ts';
export { OutboxWorker, retryDelayMs, type OutboxWorkerOptions } from './OutboxWorker.ts';
export { WebhookNotifier, type WebhookNotifierOptions } from './WebhookNotifier.ts';

/** What {@link createNotifications} builds. */
export interface Notifications {
  notifier: Notifier;
  /** Not started: start it once the database is migrated. */
  worker: OutboxWorker;
  /** The log notifier when it is the one in use (no webhook configured), to read back what was sent; else null. */
  log: LogNotifier | null;
}

/**
 * Builds the caller notifications: a webhook to the gateway when `NOTIFY_WEBHOOK_URL` is set, else the log, and
 * the outbox worker that feeds it. Start the worker after the migrations, `kick()` it after committing a case
 * change that enqueued a message, and stop it (awaited) before the pool closes.
 */
export function createNotifications(
  config: Pick<Config, 'NOTIFY_WEBHOOK_URL' | 'NOTIFY_WEBHOOK_SECRET'>,
  pool: pg.Pool,
  logger: Logger,
  workerOptions: OutboxWorkerOptions = {},
): Notifications {
  let notifier: Notifier;
  let logNotifier: LogNotifier | null = null;
  if (config.NOTIFY_WEBHOOK_URL) {
    notifier = new WebhookNotifier({ url: config.NOTIFY_WEBHOOK_URL, secret: config.NOTIFY_WEBHOOK_SECRET });
  } else {
    logNotifier = new LogNotifier(logger.child({ component: 'notify' }));
    notifier = logNotifier;
  }
  const worker = new OutboxWorker(pool, notifier, logger.child({ component: 'outbox' }), workerOptions);
  return { notifier, worker, log: logNotifier };
}
