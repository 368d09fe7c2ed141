/**
 * Integration-test helpers of the city API: the real server, and API keys issued through the admins' route.
 */
import type { ApiKeyInfo } from '@sign-relay/shared';
import { startTestServer, type TestServer } from './harness.ts';

export interface CityApiServer {
  server: TestServer;
  /** Where the city API answers: the real server's own URL (app.ts mounts it). */
  base: string;
  close(): Promise<void>;
}

/** Starts the real server (fresh database) for the city API's tests. */
export async function startCityApiServer(): Promise<CityApiServer> {
  const server = await startTestServer();
  return { server, base: server.url, close: () => server.close() };
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
