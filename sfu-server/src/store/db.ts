import pg from 'pg';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { defaultEmbeddedDataDir } from './dataDir.ts';
import { startEmbeddedPostgres } from './embeddedPostgres.ts';

export { defaultEmbeddedDataDir, IN_MEMORY_DATA_DIR } from './dataDir.ts';
export { EmbeddedDatabaseInUseError } from './embeddedPostgres.ts';

/** Which Postgres a {@link Database} talks to. */
export type DatabaseKind = 'postgres' | 'embedded';

/** A connection pool over either a real Postgres server or embedded PGlite; the same SQL serves both. */
export interface Database {
  readonly pool: pg.Pool;
  readonly kind: DatabaseKind;
  /**
   * Runs `fn` on a connection of its own without the statement and read timeouts every pooled query has
   * (migrations may rightly run long); the connection is closed or handed back when `fn` settles.
   */
  withoutTimeouts<T>(fn: (client: pg.ClientBase) => Promise<T>): Promise<T>;
  /** Ends the pool (and stops the embedded database). Idempotent. */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A `postgres://` URL; without one an embedded database is started. */
  databaseUrl?: string | undefined;
  /** Where the embedded database keeps its files (`memory://` for none); default `~/.local/share/sign-relay/pglite`. */
  embeddedDataDir?: string | undefined;
  logger: Logger;
}

/**
 * How long a query may wait for a connection: the server is unreachable, or every connection is busy. Then the
 * caller gets an error it can answer with (see {@link databaseUnavailable}) instead of waiting without end.
 */
export const CONNECT_TIMEOUT_MS = 3_000;
/** The server cancels a statement running longer than this (its connection stays usable). */
export const STATEMENT_TIMEOUT_MS = 4_500;
/**
 * The client gives up on a reply after this long, for a server that stopped answering altogether (frozen,
 * or a network that drops packets without a reset); the connection is then thrown away.
 */
export const QUERY_TIMEOUT_MS = 5_000;

/**
 * Opens the database: a `pg.Pool` on `databaseUrl`, or else an embedded PGlite persisted in `embeddedDataDir`
 * and reached through a private socket with a pool of exactly one connection (PGlite serves one at a time, so
 * never hold a client from `pool.connect()` while awaiting `pool.query()`: it would time out after
 * CONNECT_TIMEOUT_MS). One query is made before returning, so an unreachable database fails the start here.
 *
 * A real server's queries are bounded by the timeouts above. The embedded database runs inside this process:
 * it cannot stop answering on its own, and a statement it runs blocks this process until done, so neither
 * timeout could fire during one (PGlite ignores statement_timeout too); only the wait for its connection is bounded.
 */
export async function createDatabase(opts: DatabaseOptions): Promise<Database> {
  const logger = opts.logger;
  if (opts.databaseUrl) {
    // 20 connections: chat messages are one short INSERT each, and many arrive at once.
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      application_name: 'sign-relay',
      max: 20,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
    });
    watchPool(pool, logger);
    const target = redactDatabaseUrl(opts.databaseUrl);
    try {
      await pool.query('SELECT 1');
    } catch (err) {
      await pool.end().catch(() => {});
      throw new Error(`Cannot reach the database at ${target}: ${(err as Error).message}`, { cause: err });
    }
    logger.info({ database: target }, 'database connected');
    const databaseUrl = opts.databaseUrl;
    return {
      pool,
      kind: 'postgres',
      async withoutTimeouts(fn) {
        const client = new pg.Client({ connectionString: databaseUrl, application_name: 'sign-relay', connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
        client.on('error', (err) => logger.error({ err }, 'database connection lost'));
        await client.connect();
        try {
          return await fn(client);
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      close: once(() => pool.end()),
    };
  }

  const dataDir = opts.embeddedDataDir ?? defaultEmbeddedDataDir();
  const embedded = await startEmbeddedPostgres(dataDir, logger);
  const pool = new pg.Pool({
    ...embedded.endpoint,
    max: 1,
    // Keep the one connection open: the socket server admits one client, so churn only risks a refused reconnect.
    idleTimeoutMillis: 0,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'sign-relay',
  });
  watchPool(pool, logger);
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => {});
    await embedded.close();
    throw err;
  }
  return {
    pool,
    kind: 'embedded',
    async withoutTimeouts(fn) {
      const client = await pool.connect();
      let failed: Error | undefined;
      try {
        return await fn(client);
      } catch (err) {
        failed = err instanceof Error ? err : new Error(String(err));
        throw err;
      } finally {
        client.release(failed);
      }
    },
    close: once(async () => {
      await pool.end();
      await embedded.close();
    }),
  };
}

/** An idle client's error (server restart, dropped socket) is emitted on the pool; unhandled it would crash. */
function watchPool(pool: pg.Pool, logger: Logger): void {
  // The pool listens for errors on idle connections only. A connection lost while checked out (the server
  // restarted mid-transaction) also emits `error`, and an `error` nobody listens for is an uncaught exception,
  // which shuts the server down: its queries fail with a coded error instead, and the pool drops it on release.
  pool.on('error', (err) => logger.error({ err }, 'database connection lost'));
  pool.on('connect', (client) => client.on('error', (err) => logger.warn({ err }, 'database connection lost while in use')));
}

/** The URL for logs and errors without its credentials (user info and any `password` parameter). */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/)[^@/?]*@/i, '$1').replace(/([?&]password=)[^&]*/gi, '$1***');
}

/** SQLSTATE classes of a server that cannot serve now: connection exception, insufficient resources, operator intervention. */
const UNAVAILABLE_SQLSTATE = /^(08|53|57)/;

/**
 * The coded error for a database that could not be reached or did not answer in time (refused or dropped
 * connection, connect or read timeout, statement cancelled, server shutting down); undefined for an error of
 * the statement itself (a constraint, bad data), which a retry would not cure.
 */
export function databaseUnavailable(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err.code === 'UNAVAILABLE' ? err : undefined;
  if (!(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  const sqlState = err instanceof pg.DatabaseError && typeof code === 'string' ? code : undefined;
  const down = sqlState
    ? UNAVAILABLE_SQLSTATE.test(sqlState)
    : (typeof code === 'string' && /^E[A-Z]+$/.test(code)) || /timeout|terminated|not queryable|Connection|pool after calling end/i.test(err.message);
  return down ? new AppError('UNAVAILABLE', 'The service cannot save this right now; please try again in a moment.') : undefined;
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
