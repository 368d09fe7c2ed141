import { createClient, type RedisClientType } from 'redis';
import type { Logger } from '../logger.ts';

/** A client of the `redis` package as `createClient` makes it: no extra modules, scripts or functions, RESP3. */
type None = Record<never, never>;
export type RedisClient = RedisClientType<None, None, None, 3, None>;

/** Attempts to reach Redis at start before giving up with a readable error. */
const START_ATTEMPTS = 5;

/**
 * Connects to Redis at `url`: `redis://[user:pass@]host:port[/db]`, `rediss://…` for TLS, or
 * `unix:///path/to/redis.sock` for a Unix socket. If the first connection fails START_ATTEMPTS times the
 * returned promise rejects (a bad REDIS_URL stops the start); once connected, a lost connection is retried
 * forever with a backoff of up to 2 s, and every error is logged rather than thrown.
 */
export async function createRedis(url: string, logger: Logger, name = 'sign-relay'): Promise<RedisClient> {
  const log = logger.child({ component: 'redis', connection: name });
  let everConnected = false;
  const client = createClient({
    url,
    name,
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
  await client.connect();
  log.info({ url: redactRedisUrl(url) }, 'redis connected');
  return client;
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

/** The URL for logs and errors without its password. */
export function redactRedisUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/)[^@/]*@/i, '$1');
}
