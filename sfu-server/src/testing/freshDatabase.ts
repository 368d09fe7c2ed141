/**
 * A database of its own for one test file on the shared test Postgres: `CREATE DATABASE test_<random>`,
 * migrated to the current schema. Call it in `beforeAll` and `drop()` in `afterAll`.
 */
import { randomBytes } from 'node:crypto';
import { createDatabase, type Database } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { createLogger, type Logger } from '../logger.ts';
import { testServiceUrl } from './context.ts';
import { withDatabaseName } from './services.ts';

export interface FreshDatabase {
  /** The new database's name, `test_<16 hex>`. */
  name: string;
  /** Its URL (give it to a server under test as DATABASE_URL). */
  url: string;
  /** An open pool on it (`db.pool`), `kind: 'postgres'`. */
  db: Database;
  /** Closes the pool and drops the database (even with other sessions still connected). Idempotent. */
  drop(): Promise<void>;
}

/** Creates and (unless `migrate: false`) migrates a new database on the test server. */
export async function freshDatabase(opts: { migrate?: boolean; logger?: Logger } = {}): Promise<FreshDatabase> {
  const logger = opts.logger ?? createLogger('silent');
  const adminUrl = testServiceUrl('TEST_POSTGRES_ADMIN_URL');
  const name = `test_${randomBytes(8).toString('hex')}`;
  await withAdmin(adminUrl, logger, (admin) => admin.pool.query(`CREATE DATABASE ${name}`));
  const url = withDatabaseName(adminUrl, name);
  const db = await createDatabase({ databaseUrl: url, logger });
  try {
    if (opts.migrate !== false) await migrate(db.pool, logger);
  } catch (err) {
    await db.close();
    throw err;
  }
  let dropping: Promise<void> | undefined;
  return {
    name,
    url,
    db,
    drop() {
      dropping ??= (async () => {
        await db.close();
        await withAdmin(adminUrl, logger, (admin) => admin.pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      })();
      return dropping;
    },
  };
}

async function withAdmin<T>(adminUrl: string, logger: Logger, fn: (admin: Database) => Promise<T>): Promise<T> {
  const admin = await createDatabase({ databaseUrl: adminUrl, logger });
  try {
    return await fn(admin);
  } finally {
    await admin.close();
  }
}
