import type { Logger } from './logger.ts';

/** How long closing the server may take before the process exits anyway (an orchestrator's SIGKILL comes later). */
export const SHUTDOWN_DEADLINE_MS = 10_000;

/** Waits for `work` to settle (either way) or for `ms` to pass, whichever comes first, and says which. */
export async function withDeadline(work: Promise<unknown>, ms: number): Promise<'done' | 'timed-out'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), ms);
  });
  try {
    return await Promise.race([work.then(() => 'done' as const, () => 'done' as const), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A failure nothing caught (an unhandled rejection or an uncaught exception) is logged and leads to a clean
 * shutdown with exit code 1 rather than a silent death: calls end with a reason, the queue is left consistent
 * and the orchestrator restarts the process. `stop` is called once per failure; it must ignore repeats.
 */
export function stopOnFatal(proc: Pick<NodeJS.EventEmitter, 'on'>, logger: Logger, stop: (reason: 'unhandledRejection' | 'uncaughtException', code: number) => void): void {
  proc.on('unhandledRejection', (reason: unknown) => {
    logger.fatal({ err: reason }, 'unhandled promise rejection: shutting down');
    stop('unhandledRejection', 1);
  });
  proc.on('uncaughtException', (err: unknown) => {
    logger.fatal({ err }, 'uncaught exception: shutting down');
    stop('uncaughtException', 1);
  });
}
