import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { runner } from 'node-pg-migrate';
import type { Logger } from '../logger.ts';

/** The versioned SQL migrations (`NNNN_name.sql` with `-- Up Migration` / `-- Down Migration` sections). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** The table node-pg-migrate records applied migrations in. */
export const MIGRATIONS_TABLE = 'pgmigrations';

/**
 * Applies every pending migration, all in one transaction, and returns the names applied (empty when the
 * schema is current). Safe when several servers start at once: node-pg-migrate holds a session advisory lock
 * while it reads and applies, and `advisoryLockMode: 'wait'` makes a second caller wait for it and then find
 * nothing to do (the library's default, `fail`, would make it throw). Works on a pool or a connected client,
 * against a real Postgres and embedded PGlite alike.
 */
export async function migrate(db: pg.Pool | pg.ClientBase, logger: Logger): Promise<string[]> {
  const log = logger.child({ component: 'migrate' });
  const started = Date.now();
  const run = (dbClient: pg.ClientBase) =>
    runner({
      dbClient,
      dir: MIGRATIONS_DIR,
      // Only `.sql` files are migrations (and no dotfiles): anything else in the folder would be loaded as code.
      ignorePattern: '(?:\\..*|.*(?<!\\.sql))',
      direction: 'up',
      count: Number.POSITIVE_INFINITY,
      migrationsTable: MIGRATIONS_TABLE,
      singleTransaction: true,
      checkOrder: true,
      advisoryLockMode: 'wait',
      // The library's own chatter ("> Migrating files:") goes to debug; one summary line is logged below.
      logger: {
        debug: (msg: string) => log.debug(msg),
        info: (msg: string) => log.debug(msg),
        warn: (msg: string) => log.warn(msg),
        error: (msg: string) => log.error(msg),
      },
    });

  let applied: Awaited<ReturnType<typeof runner>>;
  if (isPool(db)) {
    const client = await db.connect();
    let failure: Error | undefined;
    try {
      applied = await run(client);
    } catch (err) {
      failure = err instanceof Error ? err : new Error(String(err));
      throw err;
    } finally {
      // A failed run may leave the connection mid-protocol; drop it rather than hand it back to the pool.
      client.release(failure);
    }
  } else {
    applied = await run(db);
  }
  const names = applied.map((m) => m.name);
  log.info({ applied: names, ms: Date.now() - started }, names.length > 0 ? 'migrations applied' : 'database schema is current');
  return names;
}

function isPool(db: pg.Pool | pg.ClientBase): db is pg.Pool {
  return 'totalCount' in db && 'idleCount' in db;
}
