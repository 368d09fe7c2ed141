import { createClient, ErrorReply, type RedisClientType } from 'redis';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** A client of the `redis` package as `createClient` makes it: no extra modules, scripts or functions, RESP3. */
type None = Record<never, never>;
export type RedisClient = RedisClientType<None, None, None, 3, None>;

/** Attempts to reach Redis at start before giving up with a readable error. */
const START_ATTEMPTS = 5;

/**
 * How long a command may wait for its reply, queued while Redis is unreachable or sent to one that stopped
 * answering: then it fails (see {@link redisUnavailable}) and the person asking is told to try again, instead
 * of every queue step hanging until Redis is back. The client applies it to commands not yet sent; one already
 * sent is given up on by {@link answeredWithin}.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 2_000;
/** Commands waiting to be sent or answered, at most: past this a command is refused at once. */
export const REDIS_MAX_QUEUED_COMMANDS = 5_000;

/**
 * Connects to Redis at `url`: `redis://[user:pass@]host:port[/db]`, `rediss://…` for TLS, or
 * `unix:///path/to/redis.sock` for a Unix socket. If the first connection fails START_ATTEMPTS times the
 * returned promise rejects (a bad REDIS_URL stops the start); once connected, a lost connection is retried
 * forever with a backoff of up to 2 s, and every error is logged rather than thrown. Meanwhile each command
 * fails after REDIS_COMMAND_TIMEOUT_MS, and the queue of commands waiting is bounded (REDIS_MAX_QUEUED_COMMANDS).
 * A failed PUBLISH or UNSUBSCRIBE is logged even when nobody awaits it: the socket.io adapter sends them
 * without awaiting, and such a failure (Redis down) must not become an unhandled rejection.
 */
export async function createRedis(url: string, logger: Logger, name = 'sign-relay'): Promise<RedisClient> {
  const log = logger.child({ component: 'redis', connection: name });
  let everConnected = false;
  const client = createClient({
    url,
    name,
    commandsQueueMaxLength: REDIS_MAX_QUEUED_COMMANDS,
    commandOptions: { timeout: REDIS_COMMAND_TIMEOUT_MS },
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: (retries, cause) => {
        if (!everConnected && retries >= START_ATTEMPTS) {
          return new Error(`Cannot reach Redis at ${redactRedisUrl(url)}: ${cause.message}`, { cause });
        }
        return Math.min(50 * 2 ** retries, 2_000);
      },
    },
  });
  client.on('error', (err: Error) => log.warn({ err: err.message }, 'redis connection error'));
  client.on('ready', () => {
    if (everConnected) log.info('redis reconnected');
    everConnected = true;
  });
  handleRejections(client, ['publish', 'unsubscribe', 'pUnsubscribe'], log);
  await client.connect();
  log.info({ url: redactRedisUrl(url) }, 'redis connected');
  return client;
}

/** Has the client log a failure of these commands, so a caller that does not await one leaves nothing unhandled. */
function handleRejections(client: RedisClient, commands: readonly ('publish' | 'unsubscribe' | 'pUnsubscribe')[], log: Logger): void {
  for (const name of commands) {
    const send = (client[name] as (...args: unknown[]) => Promise<unknown>).bind(client);
    Object.assign(client, {
      [name]: (...args: unknown[]) => {
        const sent = send(...args);
        sent.catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err), command: name }, 'redis command failed'));
        return sent;
      },
    });
  }
}

/**
 * A second connection with the same URL and logging, for pub/sub or blocking commands (a client that
 * subscribes can run nothing else).
 */
export async function duplicateRedis(client: RedisClient, logger: Logger, name: string): Promise<RedisClient> {
  const url = client.options?.url;
  if (!url) throw new Error('duplicateRedis needs a client made by createRedis (from a URL)');
  return createRedis(url, logger, name);
}

/** Closes a client after its pending replies; never throws (a client already closed is fine). */
export async function closeRedis(client: RedisClient): Promise<void> {
  if (!client.isOpen) return;
  try {
    await client.close();
  } catch {
    client.destroy();
  }
}

/**
 * The reply of `command`, or UNAVAILABLE once `ms` have passed without one. The command is not withdrawn: Redis
 * may still run it when it answers again (a caller of a mutating step must allow for that).
 */
export async function answeredWithin<T>(command: Promise<T>, ms = REDIS_COMMAND_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('UNAVAILABLE', 'The service is busy right now; please try again in a moment.')), ms);
  });
  // A reply or failure arriving after the deadline is dropped, never left unhandled.
  command.catch(() => undefined);
  try {
    return await Promise.race([command, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Replies of a Redis that is loading, busy with a script, or a replica cut off from its primary. */
const UNAVAILABLE_REPLY = /^(LOADING|BUSY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|READONLY) /;

/**
 * The coded error for a Redis that could not be reached or did not answer in time (timed out, offline, queue
 * full, connection closed, or a server reply saying it cannot serve now); undefined for any other error reply,
 * which a retry would not cure.
 */
export function redisUnavailable(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err.code === 'UNAVAILABLE' ? err : undefined;
  if (!(err instanceof Error)) return undefined;
  if (err instanceof ErrorReply && !UNAVAILABLE_REPLY.test(err.message)) return undefined;
  return new AppError('UNAVAILABLE', 'The service is busy right now; please try again in a moment.');
}

/** The URL for logs and errors without its password. */
export function redactRedisUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/)[^@/]*@/i, '$1');
}
