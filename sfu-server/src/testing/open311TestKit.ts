/**
 * The Open311 conformance tests' kit: the real server with four API keys (may post, may update statuses, read only,
 * revoked), a client that answers in the spec's terms, the spec's assertions and a seeder that writes cases straight
 * into the database. A test file calls `startCityApi` before all and `stopCityApi` after all.
 */
import type pg from 'pg';
import { expect } from 'vitest';
import { CASE_NUMBER_PATTERN } from '@sign-relay/shared';
import { issueKey, revokeKey, startCityApiServer, type CityApiServer } from './open311Server.ts';

export const DAY = 86_400_000;
const W3C_TAIPEI = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
export const V2 = '/open311/v2';
const REQUEST_FIELDS = [
  'address', 'address_id', 'agency_responsible', 'description', 'expected_datetime', 'lat', 'long', 'media_url', 'requested_datetime',
  'service_code', 'service_name', 'service_notice', 'service_request_id', 'status', 'status_notes', 'updated_datetime', 'zipcode',
].sort();

/** Personal data seeded or posted: none of it may appear in any GET. */
export const PERSONAL = { first: '娜娜', last: '歐陽', fullName: '歐陽娜娜', phone: '0911-222-333', email: 'da-wen.chen@example.org', seedName: '林美麗', seedPhone: '02-2720-8889', seedEmail: 'mei.li@example.net' };
export const PETITION_TEXT = '鄰居的狗每晚吠叫，我住在三樓';

interface Answer {
  status: number;
  text: string;
  json: unknown;
  headers: Headers;
}

export let city: CityApiServer;
export let pool: pg.Pool;
export let postKey: string;
export let statusKey: string;
export let readOnlyKey: string;
export let revokedKey: string;

export async function call(method: 'GET' | 'POST', path: string, opts: { form?: Record<string, string>; json?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  let body: string | undefined;
  if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
    body = new URLSearchParams(opts.form).toString();
  } else if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  }
  const res = await fetch(`${city.base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    // left undefined: the assertions say what was expected
  }
  return { status: res.status, text, json, headers: res.headers };
}
export const get = (path: string) => call('GET', path);

/** The spec's error answer: the HTTP status, and an array of `{code, description}` with that code. */
export function expectError(a: Answer, status: number, description?: RegExp): void {
  expect(a.status, a.text).toBe(status);
  expect(a.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Array.isArray(a.json)).toBe(true);
  const errors = a.json as { code: unknown; description: unknown }[];
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(Object.keys(e).sort()).toEqual(['code', 'description']);
    expect(e.code).toBe(status);
    expect(typeof e.description).toBe('string');
  }
  if (description) expect(errors.map((e) => e.description).join(' ')).toMatch(description);
}

/** Every field of a service request, with the spec's types. */
export function expectServiceRequest(r: Record<string, unknown>): void {
  expect(Object.keys(r).sort()).toEqual(REQUEST_FIELDS);
  expect(r.service_request_id).toMatch(CASE_NUMBER_PATTERN);
  expect(['open', 'closed']).toContain(r.status);
  for (const f of ['service_name', 'service_code', 'service_notice'] as const) expect(typeof r[f]).toBe('string');
  for (const f of ['status_notes', 'description', 'agency_responsible', 'address', 'address_id', 'zipcode', 'media_url'] as const) expect(r[f] === null || typeof r[f] === 'string').toBe(true);
  for (const f of ['lat', 'long'] as const) expect(r[f] === null || typeof r[f] === 'number').toBe(true);
  expect(r.requested_datetime).toMatch(W3C_TAIPEI);
  expect(r.updated_datetime).toMatch(W3C_TAIPEI);
  expect(r.expected_datetime === null || W3C_TAIPEI.test(String(r.expected_datetime))).toBe(true);
}

export const taipeiDay = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
export const w3c = (ms: number): string => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
export const numberOf = (ms: number, seq: number): string => `1999-${taipeiDay(ms).replaceAll('-', '')}-${String(seq).padStart(6, '0')}`;

/** Seeds one case straight into the table, `daysAgo` before now. */
export async function seedCase(daysAgo: number, seq: number, c: { service: string; item?: string; district?: string; description?: string; name?: string; phone?: string; email?: string; status?: string }): Promise<string> {
  const at = Date.now() - daysAgo * DAY;
  const number = numberOf(at, seq);
  await pool.query(
    `INSERT INTO cases (id, number, day, seq, service, dispatch_item, district, address, description, caller_name, caller_phone, caller_email, status, source, client_key, created_at, updated_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'call', $1, $13, $13)`,
    [number, taipeiDay(at), seq, c.service, c.item ?? null, c.district ?? null, c.item ? '仁愛路四段' : null, c.description ?? null, c.name ?? null, c.phone ?? null, c.email ?? null, c.status ?? 'open', new Date(at)],
  );
  return number;
}

export const pothole = (over: Record<string, string> = {}): Record<string, string> => ({
  service_code: 'D01',
  'attribute[district]': 'daan',
  lat: '25.0375',
  long: '121.5500',
  address_string: '仁愛路四段 300 號前',
  description: '路面坑洞約 30 公分，機車容易摔倒',
  ...over,
});

/** Starts the server and issues the keys (a test file's `beforeAll`). */
export async function startCityApi(): Promise<void> {
  city = await startCityApiServer();
  pool = city.server.db.pool;
  const admin = await city.server.staff('admin');
  postKey = (await issueKey(city.base, admin.token, { name: '臺北市 1999 派工系統', canPost: true })).key;
  statusKey = (await issueKey(city.base, admin.token, { name: '工務局後台 back office', canPost: false, canUpdateStatus: true })).key;
  readOnlyKey = (await issueKey(city.base, admin.token, { name: 'read only', canPost: false })).key;
  const revoked = await issueKey(city.base, admin.token, { name: 'old client', canPost: true });
  await revokeKey(city.base, admin.token, revoked.info.id);
  revokedKey = revoked.key;
}

/** Stops the server (a test file's `afterAll`). */
export async function stopCityApi(): Promise<void> {
  await city?.close();
}
