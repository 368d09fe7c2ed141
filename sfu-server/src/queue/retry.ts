import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';

export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts: number;
  /** The wait before the second try; it doubles for each try after, up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Told of each failure that will be tried again. */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

/**
 * Handling a departed caller or interpreter: tried for about 8 s, long enough for a Redis or a server process
 * that blinked, short enough that a shutdown is not held up much.
 */
export const GONE_RETRY: RetryOptions = { attempts: 6, firstDelayMs: 250, maxDelayMs: 4_000 };

/** Whether trying again could help: a refusal of the step itself (not found, not allowed) would only repeat. */
export function worthRetrying(err: unknown): boolean {
  return !(err instanceof AppError) || err.code === 'UNAVAILABLE';
}

/**
 * Runs `fn`, and again after a growing wait while it fails with an error worth retrying (see
 * {@link worthRetrying}); the last failure is thrown when the tries run out.
 */
export async function withRetries<T>(fn: () => Promise<T>, opts: RetryOptions): Promise<T> {
  let delayMs = opts.firstDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= opts.attempts || !worthRetrying(err)) throw err;
      opts.onRetry?.(err, attempt, delayMs);
      await new Promise((r) => setTimeout(r, delayMs));
      delayMs = Math.min(delayMs * 2, opts.maxDelayMs);
    }
  }
}

/**
 * What happens when someone's last connection is gone (their place kept for the grace period, an interpreter
 * taken off the desk) must not be lost to one failed look-up across server processes or a Redis blink: without
 * it the caller would stay "connected" in line forever and the interpreter "available". Retried with backoff.
 */
export function handleGone(work: () => Promise<void>, log: Logger, opts: RetryOptions = GONE_RETRY): Promise<void> {
  return withRetries(work, {
    ...opts,
    onRetry: (err, attempt, delayMs) => log.warn({ err, attempt, delayMs }, 'disconnect handling failed; trying again'),
  });
}
