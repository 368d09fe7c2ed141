/**
 * Integration-test helpers of the city API: the real server, and API keys issued through the admins' route.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { ApiKeyInfo } from '@sign-relay/shared';
import { createLogger } from '../../logger.ts';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { errorHandler } from '../errorHandler.ts';
import { cityApiRouters } from './index.ts';

export interface CityApiServer {
  server: TestServer;
  /** Where the city API answers: the real server once app.ts mounts cityApiRouters. */
  base: string;
  close(): Promise<void>;
}

/**
 * Starts the real server. Should its app not mount the city API yet (another change wires it into app.ts),
 * the same routers are served beside it over the real server's case service and database, so these tests
 * run either way — and exercise the real server's wiring as soon as it exists.
 */
export async function startCityApiServer(): Promise<CityApiServer> {
  const server = await startTestServer();
  const probe = await fetch(`${server.url}/open311/v2/services.json`);
  await probe.arrayBuffer();
  if (probe.headers.get('content-type')?.startsWith('application/json')) return { server, base: server.url, close: () => server.close() };
  const logger = createLogger('silent');
  const app = express();
  const city = cityApiRouters({ tokens: server.tokens, cases: server.app.cases, pool: server.db.pool, logger });
  app.use(...city.routers);
  app.use(errorHandler(logger));
  const http = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => http.once('listening', () => resolve()));
  const { port } = http.address() as AddressInfo;
  return {
    server,
    base: `http://127.0.0.1:${port}`,
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await server.close();
    },
  };
}

/** Issues a key through the admins' route: the key (shown once) and its info. */
export async function issueKey(base: string, adminToken: string, k: { name: string; canPost?: boolean; canUpdateStatus?: boolean }): Promise<{ key: string; info: ApiKeyInfo }> {
  const res = await fetch(`${base}/api/admin/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(k),
  });
  if (res.status !== 201) throw new Error(`issue key: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as { key: string; info: ApiKeyInfo };
}

/** Revokes a key through the admins' route. */
export async function revokeKey(base: string, adminToken: string, id: string): Promise<ApiKeyInfo> {
  const res = await fetch(`${base}/api/admin/api-keys/${id}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: '{}' });
  if (res.status !== 200) throw new Error(`revoke key: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as ApiKeyInfo;
}
