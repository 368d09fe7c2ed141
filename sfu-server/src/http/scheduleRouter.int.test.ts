import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../testing/freshDatabase.ts';
import { DEFAULT_SERVICE_HOURS, type ServiceHours, type ServiceStatus } from '@sign-relay/shared';
import { TokenService } from '../auth/tokens.ts';
import { errorHandler } from './errorHandler.ts';
import { scheduleRouter } from './scheduleRouter.ts';
import { createLogger } from '../logger.ts';
import { ServiceHoursRepository } from '../store/repositories/serviceHoursRepository.ts';
import { HOURS_CONFLICT_MESSAGE, ServiceHoursService } from '../schedule/ServiceHoursService.ts';
import { asGuestId, asUserId } from '@sign-relay/shared/testing/ids.ts';

const logger = createLogger('silent');
const tpe = (local: string) => Date.parse(`${local}+08:00`);

function typhoonHours(): ServiceHours {
  const h = JSON.parse(JSON.stringify(DEFAULT_SERVICE_HOURS)) as ServiceHours;
  h.exceptions = [{ id: 'typhoon', date: '2026-09-01', services: ['video'], kind: 'closed', message: { 'zh-TW': '颱風停班，視訊暫停', en: 'Typhoon: video closed' } }];
  return h;
}

describe('schedule routes', () => {
  let fresh: FreshDatabase;
  let server: Server;
  let url: string;
  let clock = tpe('2026-09-01T10:00');
  const tokens = new TokenService({ secret: randomBytes(32).toString('hex'), accessTtlSec: 900, guestTtlSec: 3600 });
  const adminId = asUserId(randomUUID());
  let adminToken: string;
  let interpreterToken: string;
  let supervisorToken: string;
  let guestToken: string;

  beforeAll(async () => {
    fresh = await freshDatabase();
    await fresh.db.pool.query("INSERT INTO users (id, username, display_name, role, password_hash) VALUES ($1, 'admin', 'Admin', 'admin', 'h')", [adminId]);
    const hours = new ServiceHoursService({ store: new ServiceHoursRepository(fresh.db.pool), logger, now: () => clock });
    const app = express();
    app.use(express.json({ limit: '100kb' }));
    app.use(scheduleRouter({ tokens, hours }));
    app.use(errorHandler(logger));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    adminToken = tokens.signStaff({ kind: 'staff', userId: adminId, role: 'admin', displayName: 'Admin', gender: null }).token;
    interpreterToken = tokens.signStaff({ kind: 'staff', userId: asUserId(randomUUID()), role: 'interpreter', displayName: '林', gender: 'female' }).token;
    supervisorToken = tokens.signStaff({ kind: 'staff', userId: asUserId(randomUUID()), role: 'supervisor', displayName: '陳', gender: null }).token;
    guestToken = tokens.signGuest({ kind: 'guest', guestId: asGuestId(randomUUID()), channel: 'kiosk', kioskId: 'K-01' }).token;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await fresh?.drop();
  });

  const call = async (method: string, path: string, opts: { token?: string; body?: unknown; raw?: string } = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined || opts.raw !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}${path}`, { method, headers, body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
  };

  it('GET /api/service/status is public and says what is open now', async () => {
    const res = await fetch(`${url}/api/service/status`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const status = (await res.json()) as ServiceStatus;
    expect(status).toEqual({
      at: clock,
      timeZone: 'Asia/Taipei',
      video: { open: true, opensAt: tpe('2026-09-02T09:00'), closesAt: tpe('2026-09-01T18:00'), message: null, weekly: DEFAULT_SERVICE_HOURS.video },
      text: { open: true, opensAt: null, closesAt: null, message: null, weekly: DEFAULT_SERVICE_HOURS.text },
    });
  });

  it('the editor is for admins only: 401 without a token or with a bad one, 403 for other roles', async () => {
    for (const method of ['GET', 'PUT'] as const) {
      const body = method === 'PUT' ? { hours: DEFAULT_SERVICE_HOURS, version: null } : undefined;
      expect(await call(method, '/api/admin/service-hours', { body })).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
      expect((await call(method, '/api/admin/service-hours', { body, token: 'not-a-token' })).status).toBe(401);
      for (const token of [interpreterToken, supervisorToken, guestToken]) {
        expect(await call(method, '/api/admin/service-hours', { body, token })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
      }
    }
    // Nothing was saved by the refused requests.
    expect((await call('GET', '/api/admin/service-hours', { token: adminToken })).body.version).toBeNull();
  });

  it('GET /api/admin/service-hours gives the defaults with version null before any save', async () => {
    expect(await call('GET', '/api/admin/service-hours', { token: adminToken })).toEqual({
      status: 200,
      body: { hours: DEFAULT_SERVICE_HOURS, version: null, updatedAt: null, updatedBy: null },
    });
  });

  it('PUT refuses invalid input with a coded, readable message', async () => {
    const bad = typhoonHours();
    bad.video[2] = [{ open: '09:00', close: '13:00' }, { open: '12:00', close: '18:00' }];
    const cases: [unknown, RegExp][] = [
      [{ hours: bad, version: null }, /^Invalid service hours: video Tuesday range 2 open: ranges must be in order and must not overlap/],
      [{ hours: { ...typhoonHours(), timeZone: 'Taipei' }, version: null }, /^Invalid service hours: timeZone: must be an IANA time zone/],
      [{ hours: typhoonHours(), version: 0 }, /^Invalid request: version: /],
      [{ hours: typhoonHours() }, /^Invalid request: version: /],
      [{ version: null }, /^Invalid request: hours: is required/],
      [{ hours: typhoonHours(), version: null, extra: 1 }, /^Invalid request: /],
      [[], /^Invalid request: /],
    ];
    for (const [body, message] of cases) {
      const res = await call('PUT', '/api/admin/service-hours', { token: adminToken, body });
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe('BAD_REQUEST');
      expect(res.body.error?.message).toMatch(message);
    }
    const broken = await call('PUT', '/api/admin/service-hours', { token: adminToken, raw: '{"hours":' });
    expect(broken).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
    expect((await call('GET', '/api/admin/service-hours', { token: adminToken })).body.version).toBeNull();
  });

  it('PUT saves, the status follows at once, and a save over a newer version is refused', async () => {
    const saved = await call('PUT', '/api/admin/service-hours', { token: adminToken, body: { hours: typhoonHours(), version: null } });
    expect(saved).toMatchObject({ status: 200, body: { hours: typhoonHours(), version: 1, updatedBy: adminId } });
    expect(typeof saved.body.updatedAt).toBe('string');

    const status = (await call('GET', '/api/service/status')).body as unknown as ServiceStatus;
    expect(status.video).toEqual({ open: false, opensAt: tpe('2026-09-02T09:00'), closesAt: null, message: { 'zh-TW': '颱風停班，視訊暫停', en: 'Typhoon: video closed' }, weekly: typhoonHours().video });
    expect(status.text.open).toBe(true);

    const read = await call('GET', '/api/admin/service-hours', { token: adminToken });
    expect(read.body).toMatchObject({ hours: typhoonHours(), version: 1, updatedBy: adminId });

    // Two admins both loaded version 1; the second save is refused.
    expect((await call('PUT', '/api/admin/service-hours', { token: adminToken, body: { hours: DEFAULT_SERVICE_HOURS, version: 1 } })).body.version).toBe(2);
    const stale = await call('PUT', '/api/admin/service-hours', { token: adminToken, body: { hours: typhoonHours(), version: 1 } });
    expect(stale).toEqual({ status: 409, body: { error: { code: 'CONFLICT', message: HOURS_CONFLICT_MESSAGE } } });
    expect(((await call('GET', '/api/service/status')).body as unknown as ServiceStatus).video.open).toBe(true);
    clock = tpe('2026-09-01T18:30');
    expect(((await call('GET', '/api/service/status')).body as unknown as ServiceStatus).video).toMatchObject({ open: false, opensAt: tpe('2026-09-02T09:00'), message: null });
  });
});
