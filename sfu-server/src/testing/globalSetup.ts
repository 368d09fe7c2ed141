/**
 * vitest globalSetup for the `int` and `e2e` projects: starts one real Postgres and one real Redis for the
 * whole run (Unix sockets only, fresh temp dirs) and hands their URLs to the tests through
 * `project.provide()` — read them with `inject()` or `testServiceUrl()` from `context.ts` — and through
 * `process.env` for child processes the tests spawn. Stops both at teardown.
 *
 * Set TEST_DATABASE_URL (with TEST_POSTGRES_ADMIN_URL) or TEST_REDIS_URL beforehand to use a server of
 * your own instead.
 */
import type { TestProject } from 'vitest/node';
import './context.ts';
import { startPostgres, startRedis, withDatabaseName, type TestService } from './services.ts';

interface Services {
  urls: { TEST_DATABASE_URL: string; TEST_POSTGRES_ADMIN_URL: string; TEST_REDIS_URL: string };
  stop(): Promise<void>;
  users: number;
}

// When `int` and `e2e` run in one invocation each project runs its globalSetup; they share one set of servers.
const shared = globalThis as { __signRelayTestServices?: Promise<Services> };

async function start(): Promise<Services> {
  const started = Date.now();
  const ownDatabase = process.env.TEST_DATABASE_URL;
  const ownRedis = process.env.TEST_REDIS_URL;
  const [pg, redis] = await Promise.all([ownDatabase ? undefined : startPostgres(), ownRedis ? undefined : startRedis()]);
  const databaseUrl = pg?.url ?? ownDatabase ?? '';
  const urls = {
    TEST_DATABASE_URL: databaseUrl,
    TEST_POSTGRES_ADMIN_URL: pg?.adminUrl ?? process.env.TEST_POSTGRES_ADMIN_URL ?? withDatabaseName(databaseUrl, 'postgres'),
    TEST_REDIS_URL: redis?.url ?? ownRedis ?? '',
  };
  if (process.env.SIGN_RELAY_TEST_VERBOSE) process.stderr.write(`test services ready in ${Date.now() - started} ms\n`);
  const owned: TestService[] = [pg, redis].filter((s) => s !== undefined);
  return { urls, users: 0, stop: async () => void (await Promise.all(owned.map((s) => s.stop()))) };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  shared.__signRelayTestServices ??= start();
  let services: Services;
  try {
    services = await shared.__signRelayTestServices;
  } catch (err) {
    delete shared.__signRelayTestServices;
    throw err;
  }
  services.users += 1;
  for (const [key, value] of Object.entries(services.urls) as [keyof Services['urls'], string][]) {
    project.provide(key, value);
    process.env[key] = value;
  }
  return async () => {
    services.users -= 1;
    if (services.users > 0) return;
    delete shared.__signRelayTestServices;
    await services.stop();
  };
}
