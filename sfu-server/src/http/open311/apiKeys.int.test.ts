/**
 * The admins' API-key routes against the real server: who may use them, what is kept of a key, the audit
 * entries, and that a revoked key stops working at once.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyInfo, AuditEntry } from '@sign-relay/shared';
import { issueKey, revokeKey, startCityApiServer, type CityApiServer } from '../../testing/open311Server.ts';

let city: CityApiServer;
let admin: string;

const send = (method: 'GET' | 'POST', path: string, token?: string, body?: unknown) =>
  fetch(`${city.base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

const postRequest = (key: string) =>
  fetch(`${city.base}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-api-key': key },
    body: new URLSearchParams({ service_code: 'D06', 'attribute[district]': 'zhongshan', address_string: '南京東路二段 1 號', description: '路燈不亮' }).toString(),
  });

beforeAll(async () => {
  city = await startCityApiServer();
  admin = (await city.server.staff('admin')).token;
});
afterAll(async () => {
  await city?.close();
});

describe('API keys', () => {
  it('refuses anonymous callers (401) and interpreters and supervisors (403) on every key route', async () => {
    const interpreter = (await city.server.staff('interpreter')).token;
    const supervisor = (await city.server.staff('supervisor')).token;
    const someId = '00000000-0000-4000-8000-000000000000';
    const routes = [
      ['GET', '/api/admin/api-keys', undefined],
      ['POST', '/api/admin/api-keys', { name: 'x' }],
      ['POST', `/api/admin/api-keys/${someId}/revoke`, {}],
    ] as const;
    for (const [method, path, body] of routes) {
      expect((await send(method, path, undefined, body)).status, `${method} ${path} anonymous`).toBe(401);
      expect((await send(method, path, interpreter, body)).status, `${method} ${path} interpreter`).toBe(403);
      expect((await send(method, path, supervisor, body)).status, `${method} ${path} supervisor`).toBe(403);
    }
    expect((await send('POST', `/api/admin/api-keys/${someId}/revoke`, admin, {})).status).toBe(404);
    expect((await send('POST', '/api/admin/api-keys', admin, { name: '' })).status).toBe(400);
  });

  it('shows the key once; lists keep only its prefix; the database only its SHA-256', async () => {
    const res = await send('POST', '/api/admin/api-keys', admin, { name: '1999 派工系統', canPost: true, canUpdateStatus: true });
    expect(res.status).toBe(201);
    const { key, info } = (await res.json()) as { key: string; info: ApiKeyInfo };
    expect(key).toMatch(/^sr_[A-Za-z0-9_-]{43}$/);
    expect(info).toMatchObject({ name: '1999 派工系統', prefix: key.slice(0, 9), canPost: true, canUpdateStatus: true, revokedAt: null, lastUsedAt: null });
    expect(typeof info.createdAt).toBe('number');

    const listed = await send('GET', '/api/admin/api-keys', admin);
    const text = await listed.text();
    expect(text).not.toContain(key);
    expect((JSON.parse(text) as ApiKeyInfo[]).find((k) => k.id === info.id)).toEqual(info);
    const stored = await city.server.db.pool.query(`SELECT * FROM api_keys WHERE id = $1`, [info.id]);
    expect(JSON.stringify(stored.rows[0])).not.toContain(key);
    expect(stored.rows[0].key_hash).toBe(createHash('sha256').update(key).digest('hex'));
  });

  it('notes when a key was last used', async () => {
    const { key, info } = await issueKey(city.base, admin, { name: 'last used' });
    expect((await postRequest(key)).status).toBe(201);
    const listed = (await (await send('GET', '/api/admin/api-keys', admin)).json()) as ApiKeyInfo[];
    const used = listed.find((k) => k.id === info.id)!;
    expect(used.lastUsedAt).not.toBeNull();
    expect(used.lastUsedAt!).toBeGreaterThanOrEqual(info.createdAt);
  });

  it('stops a revoked key at once, for Open311 and the back office; revoking again changes nothing', async () => {
    const { key, info } = await issueKey(city.base, admin, { name: 'to revoke', canPost: true, canUpdateStatus: true });
    const before = await postRequest(key);
    expect(before.status).toBe(201);
    const number = ((await before.json()) as { service_request_id: string }[])[0]!.service_request_id;

    const revoked = await revokeKey(city.base, admin, info.id);
    expect(revoked.revokedAt).not.toBeNull();
    const after = await postRequest(key);
    expect(after.status).toBe(403);
    expect(await after.json()).toEqual([{ code: 403, description: 'api_key is not valid or has been revoked.' }]);
    const backOffice = await fetch(`${city.base}/api/backoffice/cases/${number}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ status: 'in-progress' }),
    });
    expect(backOffice.status).toBe(403);

    expect(await revokeKey(city.base, admin, info.id)).toEqual(revoked);
    const audit = (await (await send('GET', '/api/admin/audit?limit=500', admin)).json()) as AuditEntry[];
    const mine = audit.filter((e) => e.details.keyId === info.id).map((e) => e.action);
    expect(mine).toEqual(['apikey.revoke', 'apikey.issue']);
    for (const e of audit) expect(JSON.stringify(e)).not.toContain(key);
  });
});
