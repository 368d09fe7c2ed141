import type { ClientEventName } from '@sign-relay/shared';
import { databaseUnavailable } from '../../store/db.ts';
import { redisUnavailable } from '../../store/redis.ts';
import type { HandlerMap } from './types.ts';

/**
 * Runs a handler's work; a database or Redis that cannot answer now becomes UNAVAILABLE (the client tries again
 * later) rather than an internal error. Any other failure passes unchanged.
 */
export async function orUnavailable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw databaseUnavailable(err) ?? (isRedisFailure(err) ? redisUnavailable(err) : undefined) ?? err;
  }
}

/** The node-redis client's own errors (timeouts, closed or full queue); never a database error or an AppError. */
function isRedisFailure(err: unknown): boolean {
  return err instanceof Error && /^(TimeoutError|ClientClosedError|ClientOfflineError|SocketClosedUnexpectedlyError|DisconnectsClientError|AbortError|ErrorReply)$/.test(err.constructor.name);
}

/** The same handlers, each answering UNAVAILABLE for an outage (see {@link orUnavailable}). */
export function answeringOutages<K extends ClientEventName>(handlers: HandlerMap<K>): HandlerMap<K> {
  const out: Record<string, unknown> = {};
  for (const [event, handler] of Object.entries(handlers) as [string, (ctx: unknown, p: unknown) => Promise<unknown>][]) {
    out[event] = (ctx: unknown, p: unknown) => orUnavailable(() => handler(ctx, p));
  }
  return out as HandlerMap<K>;
}
