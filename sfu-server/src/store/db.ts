import pg from 'pg';
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
 * Opens the database: a `pg.Pool` on `databaseUrl`, or else an embedded PGlite persisted in `embeddedDataDir`
 * and reached through a private socket with a pool of exactly one connection (PGlite serves one at a time, so
 * never hold a client from `pool.connect()` while awaiting `pool.query()`: that would wait forever).
 * One query is made before returning, so an unreachable database fails the start here.
 */
export async function createDatabase(opts: DatabaseOptions): Promise<Database> {
  const logger = opts.logger;
  if (opts.databaseUrl) {
    // 20 connections: chat messages are one short INSERT each, and many arrive at once.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, application_name: 'sign-relay', max: 20 });
    watchPool(pool, logger);
    const target = redactDatabaseUrl(opts.databaseUrl);
    try {
      await pool.query('SELECT 1');
    } catch (err) {
      await pool.end().catch(() => {});
      throw new Error(`Cannot reach the database at ${target}: ${(err as Error).message}`, { cause: err });
    }
    logger.info({ database: target }, 'database connected');
    return { pool, kind: 'postgres', close: once(() => pool.end()) };
  }

  const dataDir = opts.embeddedDataDir ?? defaultEmbeddedDataDir();
  const embedded = await startEmbeddedPostgres(dataDir, logger);
  const pool = new pg.Pool({
    ...embedded.endpoint,
    max: 1,
    // Keep the one connection open: the socket server admits one client, so churn only risks a refused reconnect.
    idleTimeoutMillis: 0,
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
    close: once(async () => {
      await pool.end();
      await embedded.close();
    }),
  };
}

/** An idle client's error (server restart, dropped socket) is emitted on the pool; unhandled it would crash. */
function watchPool(pool: pg.Pool, logger: Logger): void {
  pool.on('error', (err) => logger.error({ err }, 'database connection lost'));
}

/** The URL for logs and errors without its credentials (user info and any `password` parameter). */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/)[^@/?]*@/i, '$1').replace(/([?&]password=)[^&]*/gi, '$1***');
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
