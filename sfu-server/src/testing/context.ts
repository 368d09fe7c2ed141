/**
 * What `globalSetup.ts` provides to the `int` and `e2e` test projects, read with vitest's `inject()`.
 * Importing this file (directly or through `freshDatabase.ts`) also types `inject('TEST_DATABASE_URL')`.
 */
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test Postgres server's `sign_relay_test` database (empty, not migrated), over a Unix socket. */
    TEST_DATABASE_URL: string;
    /** The same server's `postgres` maintenance database, for CREATE/DROP DATABASE. */
    TEST_POSTGRES_ADMIN_URL: string;
    /** The test Redis server, `unix:///…/redis.sock`. */
    TEST_REDIS_URL: string;
  }
}

export type TestServiceKey = 'TEST_DATABASE_URL' | 'TEST_POSTGRES_ADMIN_URL' | 'TEST_REDIS_URL';

/** A provided URL, or a clear failure when the test runs in a project without the global setup. */
export function testServiceUrl(key: TestServiceKey): string {
  const value = inject(key);
  if (!value) {
    throw new Error(`${key} is not provided: run this test in the 'int' or 'e2e' vitest project, whose globalSetup starts Postgres and Redis`);
  }
  return value;
}
