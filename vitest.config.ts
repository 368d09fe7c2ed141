import { defineConfig } from 'vitest/config';

/**
 * Three projects: fast unit tests, integration tests against real servers (mediasoup worker, socket.io,
 * Postgres and Redis), and browser end-to-end specs (run inside a loopback-only network namespace). The
 * `int` and `e2e` projects share one Postgres and one Redis started by sfu-server/src/testing/globalSetup.ts.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{shared,sfu-server,relay-web,kiosk-client,scripts}/src/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'int',
          include: ['{sfu-server,scripts}/src/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: ['./sfu-server/src/testing/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          environment: 'node',
          globalSetup: ['./sfu-server/src/testing/globalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
