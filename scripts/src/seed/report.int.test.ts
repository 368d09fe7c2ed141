/**
 * The supervisors' reports and the open data against a seeded slice of the year: one whole month (November
 * 2026) and days either side, in a real Postgres. The month's figures are computed here a second time from the
 * generated records, in plain TypeScript with Intl's Asia/Taipei calendar, and must match the repository's.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDataRow, Report, StaffRole } from '@sign-relay/shared';
import { TokenService } from '../../../sfu-server/src/auth/tokens.ts';
import { errorHandler } from '../../../sfu-server/src/http/errorHandler.ts';
import { OPEN_DATA_CSV_HEADER, REPORT_CSV_HEADER, reportRouter } from '../../../sfu-server/src/http/reportRouter.ts';
import { createLogger } from '../../../sfu-server/src/logger.ts';
import { ReportRepository } from '../../../sfu-server/src/store/repositories/reportRepository.ts';
import { freshDatabase, type FreshDatabase } from '@sign-relay/sfu-server/testing/freshDatabase.ts';
import { writeSeed } from './writeSeed.ts';
import { DISTRICT_SHARES, ITEM_SHARES, SERVICE_SHARES } from './seedMix.ts';
import type { SeedCall, SeedCase, SeedChat, SeedData } from './seedRecords.ts';
import { generateSeed, seedInterpreters } from './yearModel.ts';
import { asGuestId, asUserId } from '@sign-relay/shared/testing/ids.ts';

const TAIPEI_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei', year: 'numeric', month: '2-digit', day: '2-digit' });
/** The Taipei calendar day of an instant, from the time-zone database (not the repository's arithmetic). */
const taipeiDate = (ms: number): string => TAIPEI_DATE.format(ms);

/** What the report of a Taipei month or day must say, computed from the records in memory. */
function expected(data: SeedData, prefix: string) {
  const inPeriod = (ms: number) => taipeiDate(ms).startsWith(prefix);
  const calls = data.calls.filter((c) => inPeriod(c.queuedAt));
  const answered = calls.filter((c) => c.answeredAt !== null);
  const abandoned = calls.filter((c) => c.answeredAt === null && c.abandonedAt !== null);
  const within = answered.filter((c) => c.answeredAt! - c.queuedAt <= 120_000);
  const handled = answered.filter((c) => c.endedAt !== null);
  const chats = data.chats.filter((c) => c.answeredAt !== null && inPeriod(c.createdAt));
  const cases = data.cases.filter((c) => inPeriod(c.createdAt));
  const count = <T,>(rows: readonly T[], key: (r: T) => string | null): Map<string, number> => {
    const out = new Map<string, number>();
    for (const r of rows) {
      const k = key(r);
      if (k !== null) out.set(k, (out.get(k) ?? 0) + 1);
    }
    return out;
  };
  const finished = answered.length + abandoned.length;
  return {
    videoCalls: calls.length,
    answered: answered.length,
    answeredWithinTarget: within.length,
    abandoned: abandoned.length,
    textChats: chats.length,
    cases: cases.length,
    serviceLevel: finished ? within.length / finished : null,
    abandonRate: finished ? abandoned.length / finished : null,
    averageHandleSec: handled.length ? handled.reduce((s, c) => s + (c.endedAt! - c.answeredAt!) / 1000, 0) / handled.length : null,
    byService: count(cases, (c) => c.service),
    byItem: count(cases, (c) => c.dispatchItem),
    byDistrict: count(cases, (c) => c.district),
    days: {
      calls: count(calls, (c) => taipeiDate(c.queuedAt)),
      answered: count(answered, (c) => taipeiDate(c.queuedAt)),
      within: count(within, (c) => taipeiDate(c.queuedAt)),
      abandoned: count(abandoned, (c) => taipeiDate(c.queuedAt)),
      chats: count(chats, (c) => taipeiDate(c.createdAt)),
      cases: count(cases, (c) => taipeiDate(c.createdAt)),
    },
    dispatch: cases.filter((c) => c.service === 'dispatch'),
  };
}

function compare(report: Report, want: ReturnType<typeof expected>): void {
  for (const k of ['videoCalls', 'answered', 'answeredWithinTarget', 'abandoned', 'textChats', 'cases'] as const) expect(report[k], k).toBe(want[k]);
  for (const k of ['serviceLevel', 'abandonRate', 'averageHandleSec'] as const) {
    if (want[k] === null) expect(report[k], k).toBeNull();
    else expect(Math.abs(report[k]! - want[k]), k).toBeLessThan(1e-6);
  }
  for (const [tallies, counts] of [
    [report.byService, want.byService],
    [report.byItem, want.byItem],
    [report.byDistrict, want.byDistrict],
  ] as const) {
    for (const t of tallies) expect(t.count, t.key).toBe(counts.get(t.key) ?? 0);
    expect(tallies.reduce((n, t) => n + t.count, 0)).toBe([...counts.values()].reduce((a, b) => a + b, 0));
  }
  for (const d of report.days) {
    expect(d, d.date).toEqual({
      date: d.date,
      videoCalls: want.days.calls.get(d.date) ?? 0,
      answered: want.days.answered.get(d.date) ?? 0,
      answeredWithinTarget: want.days.within.get(d.date) ?? 0,
      abandoned: want.days.abandoned.get(d.date) ?? 0,
      textChats: want.days.chats.get(d.date) ?? 0,
      cases: want.days.cases.get(d.date) ?? 0,
    });
  }
}

/** An app serving only the report routes, on a port of its own. */
async function serve(reports: ReportRepository, tokens: TokenService): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use(reportRouter({ tokens, reports }));
  app.use(errorHandler(createLogger('silent')));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const tokens = new TokenService({ secret: randomBytes(32).toString('hex'), accessTtlSec: 600, guestTtlSec: 600 });
const staff = (role: StaffRole) => tokens.signStaff({ kind: 'staff', userId: asUserId(randomUUID()), role, displayName: role, gender: null }).token;
/** A CSV answer's text, after checking it starts with the UTF-8 byte-order mark spreadsheets need for Chinese. */
async function csvBody(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes.slice(3));
}
const get = (url: string, token?: string) => fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('reports over a seeded month', () => {
  let db: FreshDatabase;
  let data: SeedData;
  let reports: ReportRepository;
  let http: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    db = await freshDatabase();
    data = generateSeed({ seed: 'report-test', from: '2026-10-27', to: '2026-12-05', now: new Date('2026-12-04T20:00:00+08:00') });
    await writeSeed(db.db.pool, data);
    reports = new ReportRepository(db.db.pool);
    http = await serve(reports, tokens);
  });
  afterAll(async () => {
    await http?.close();
    await db?.drop();
  });

  it('matches the month computed independently from the generated records, field by field', async () => {
    const report = await reports.report({ period: 'month', date: '2026-11' });
    const want = expected(data, '2026-11');
    expect(want.cases).toBeGreaterThan(15_000);
    expect(report.days.map((d) => d.date)).toEqual(Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`));
    compare(report, want);
    // A realistic month: the declared mix, and a service level near the generated 85 %.
    for (const t of report.byService) expect(Math.abs(t.count / report.cases - SERVICE_SHARES[t.key as keyof typeof SERVICE_SHARES]), t.key).toBeLessThan(0.015);
    const dispatch = report.byService.find((t) => t.key === 'dispatch')!.count;
    for (const t of report.byItem) expect(Math.abs(t.count / dispatch - ITEM_SHARES[t.key as keyof typeof ITEM_SHARES]), t.key).toBeLessThan(0.015);
    const located = report.byDistrict.reduce((n, t) => n + t.count, 0);
    for (const t of report.byDistrict) expect(Math.abs(t.count / located - DISTRICT_SHARES[t.key as keyof typeof DISTRICT_SHARES]), t.key).toBeLessThan(0.015);
    expect(report.serviceLevel).toBeGreaterThan(0.8);
    expect(report.serviceLevel).toBeLessThan(0.9);
  });

  it('matches single days, the first and last of the month included', async () => {
    for (const date of ['2026-11-01', '2026-11-30', '2026-12-01']) {
      const report = await reports.report({ period: 'day', date });
      expect(report.days).toHaveLength(1);
      compare(report, expected(data, date));
    }
  });

  it('refuses reports to interpreters (403), callers (403) and anyone signed out (401); serves supervisors and admins', async () => {
    const url = `${http.url}/api/reports?period=month&date=2026-11`;
    expect((await get(url)).status).toBe(401);
    expect((await get(`${http.url}/api/reports.csv?period=month&date=2026-11`)).status).toBe(401);
    const interpreter = await get(url, staff('interpreter'));
    expect(interpreter.status).toBe(403);
    expect(await interpreter.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await get(`${http.url}/api/reports.csv?period=month&date=2026-11`, staff('interpreter'))).status).toBe(403);
    const guest = tokens.signGuest({ kind: 'guest', guestId: asGuestId(randomUUID()), channel: 'web', kioskId: null }).token;
    expect((await get(url, guest)).status).toBe(403);
    const supervisor = await get(url, staff('supervisor'));
    expect(supervisor.status).toBe(200);
    expect(await supervisor.json()).toEqual(await reports.report({ period: 'month', date: '2026-11' }));
    expect((await get(url, staff('admin'))).status).toBe(200);
    expect((await get(`${http.url}/api/reports?period=day&date=2026-02-30`, staff('admin'))).status).toBe(400);
    expect((await get(`${http.url}/api/reports?period=month&date=2026-11-01`, staff('admin'))).status).toBe(400);
  });

  it('downloads the report as a CSV named for its period', async () => {
    const res = await get(`${http.url}/api/reports.csv?period=month&date=2026-11`, staff('supervisor'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('report-2026-11.csv');
    const text = await csvBody(res);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(REPORT_CSV_HEADER.join(','));
    const want = expected(data, '2026-11');
    expect(lines).toContain(`month,2026-11,,,cases,${want.cases}`);
    expect(lines).toContain(`item,D01,市區道路坑洞處理,road pothole,cases,${want.byItem.get('D01')}`);
    expect(lines).toContain(`day,2026-11-30,,,videoCalls,${want.days.calls.get('2026-11-30')}`);
  });

  it('publishes the month\'s dispatch cases to anyone, with no personal data', async () => {
    const want = expected(data, '2026-11');
    const json = await get(`${http.url}/api/open-data/dispatch.json?month=2026-11`);
    expect(json.status).toBe(200);
    const jsonText = await json.text();
    const rows = JSON.parse(jsonText) as OpenDataRow[];
    expect(rows).toHaveLength(want.dispatch.length);
    for (const r of rows) expect(Object.keys(r).sort()).toEqual(['address', 'caseTime', 'district', 'districtName', 'item', 'itemName', 'lat', 'lng']);
    expect(rows.map((r) => r.caseTime)).toEqual(want.dispatch.map((c) => `${new Date(c.createdAt + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`));
    expect(rows[0]).toMatchObject({ item: want.dispatch[0]!.dispatchItem, district: want.dispatch[0]!.district, address: want.dispatch[0]!.address });

    const csv = await get(`${http.url}/api/open-data/dispatch.csv?month=2026-11`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('dispatch-2026-11.csv');
    const csvText = await csvBody(csv);
    expect(csvText.split('\r\n')[0]).toBe(OPEN_DATA_CSV_HEADER.join(','));
    expect(csvText.trimEnd().split('\r\n')).toHaveLength(want.dispatch.length + 1);

    // Nothing a caller said about themselves or their request appears, in either format: no name, description
    // or summary (a few hundred distinct texts), and nothing shaped like a phone number or an e-mail address.
    const personal = new Set<string>();
    for (const c of want.dispatch) for (const v of [c.callerName, c.description, c.summary]) if (v) personal.add(v);
    expect(personal.size).toBeGreaterThan(100);
    expect(want.dispatch.filter((c) => c.callerPhone).length).toBeGreaterThan(1000);
    for (const text of [jsonText, csvText]) {
      for (const v of personal) if (text.includes(v)) throw new Error(`open data holds personal data: ${v}`);
      expect(text).not.toMatch(/09\d\d-\d{3}-\d{3}|@/);
      expect(text).not.toMatch(/caller|phone|email|description|summary/i);
    }
  });
});

/** A dispatch case at an instant, with personal data that must never be published. */
function caseAt(iso: string, item: string, n: number): SeedCase {
  const createdAt = Date.parse(iso);
  const day = taipeiDate(createdAt);
  return {
    id: randomUUID(), number: `1999-${day.replaceAll('-', '')}-${String(n).padStart(6, '0')}`, day, seq: n, service: 'dispatch', dispatchItem: item as SeedCase['dispatchItem'], district: 'daan',
    address: `臺北市大安區復興南路一段${n}號`, lat: 25.03, lng: 121.54, description: `邊界測試 ${n}`, summary: null, agency: null, transferOutcome: null,
    callerName: '林邊界', callerPhone: '0900-000-000', callerEmail: null, status: 'open', source: 'open311', channel: null, kioskId: null, guestId: null,
    callId: null, callRecordId: null, chatSessionId: null, interpreterId: null, deviceId: null, clientKey: `k-${randomUUID()}`, filedBy: null, readbackAt: null,
    createdAt, updatedAt: createdAt, closedAt: null, closingNote: null,
  };
}

describe('periods are Asia/Taipei days and months', () => {
  let db: FreshDatabase;
  let reports: ReportRepository;
  const [interpreter] = seedInterpreters(1);

  beforeAll(async () => {
    db = await freshDatabase();
    // Instants near midnight, several of whose UTC dates differ from their Taipei dates.
    const cases = [
      caseAt('2026-10-31T23:59:59.999+08:00', 'D01', 1),
      caseAt('2026-11-01T00:00:00.000+08:00', 'D06', 1),
      caseAt('2026-11-01T05:00:00+08:00', 'D14', 2),
      caseAt('2026-11-30T23:30:00+08:00', 'D15', 1),
      caseAt('2026-12-01T00:00:00+08:00', 'D07', 1),
      caseAt('2026-12-01T07:30:00+08:00', 'D04', 2),
    ];
    const call = (queued: string, answeredAfterSec: number | null): SeedCall => {
      const queuedAt = Date.parse(queued);
      const answeredAt = answeredAfterSec === null ? null : queuedAt + answeredAfterSec * 1000;
      return {
        id: randomUUID(), callId: answeredAt ? randomUUID() : null, guestId: asGuestId(randomUUID()), channel: 'web', kioskId: null, topic: null, queuedAt, offeredAt: answeredAt, answeredAt,
        endedAt: answeredAt === null ? null : answeredAt + 300_000, abandonedAt: answeredAt === null ? queuedAt + 60_000 : null, interpreterId: answeredAt ? interpreter!.id : null,
        endReason: answeredAt ? 'hangup' : 'caller-left', offerCount: answeredAt ? 1 : 0, wrapUpOutcome: null, wrapUpAt: null,
      };
    };
    const chat = (created: string, answered: boolean): SeedChat => {
      const createdAt = Date.parse(created);
      return {
        id: randomUUID(), guestId: asGuestId(randomUUID()), channel: 'web', kioskId: null, topic: null, interpreterId: answered ? interpreter!.id : null, callbackName: null, callbackPhone: null,
        createdAt, answeredAt: answered ? createdAt + 30_000 : null, endedAt: createdAt + 600_000, endReason: 'guest-ended', wrapUpOutcome: null, wrapUpAt: null,
      };
    };
    const counters = new Map<string, number>();
    for (const c of cases) counters.set(c.day, c.seq);
    await writeSeed(db.db.pool, {
      from: '2026-10-31',
      to: '2026-12-02',
      users: [interpreter!],
      cases,
      calls: [call('2026-11-01T05:00:00+08:00', 60), call('2026-11-30T23:59:00+08:00', 121), call('2026-12-01T07:30:00+08:00', null)],
      chats: [chat('2026-11-30T23:30:00+08:00', true), chat('2026-11-30T23:45:00+08:00', false), chat('2026-12-01T00:10:00+08:00', true)],
      counters: [...counters].map(([day, last]) => ({ day, last })),
    });
    reports = new ReportRepository(db.db.pool);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('counts a case at 2026-11-30T23:30+08:00 in November, and one at 2026-12-01T07:30+08:00 (still 30 November in UTC) in December', async () => {
    const nov = await reports.report({ period: 'month', date: '2026-11' });
    expect(nov.cases).toBe(3);
    expect(nov.days.find((d) => d.date === '2026-11-01')?.cases).toBe(2);
    expect(nov.days.find((d) => d.date === '2026-11-30')?.cases).toBe(1);
    expect(nov.byItem.filter((t) => t.count > 0).map((t) => t.key)).toEqual(['D06', 'D14', 'D15']);
    expect(nov).toMatchObject({ videoCalls: 2, answered: 2, answeredWithinTarget: 1, abandoned: 0, serviceLevel: 0.5, abandonRate: 0, averageHandleSec: 300, textChats: 1 });

    const dec1 = await reports.report({ period: 'day', date: '2026-12-01' });
    expect(dec1).toMatchObject({ cases: 2, videoCalls: 1, answered: 0, abandoned: 1, serviceLevel: 0, abandonRate: 1, averageHandleSec: null, textChats: 1 });
    expect((await reports.report({ period: 'day', date: '2026-10-31' })).cases).toBe(1);
    expect((await reports.report({ period: 'month', date: '2026-10' })).cases).toBe(1);
    const empty = await reports.report({ period: 'day', date: '2026-11-15' });
    expect(empty).toMatchObject({ cases: 0, videoCalls: 0, serviceLevel: null, abandonRate: null, averageHandleSec: null });
  });

  it('publishes November\'s dispatch cases with Taipei times, the boundary cases in their months', async () => {
    const rows = await reports.openData('2026-11');
    expect(rows.map((r) => r.caseTime)).toEqual(['2026-11-01T00:00:00+08:00', '2026-11-01T05:00:00+08:00', '2026-11-30T23:30:00+08:00']);
    expect(rows[2]).toEqual({
      caseTime: '2026-11-30T23:30:00+08:00',
      item: 'D15',
      itemName: '污染舉發(空污、臭味、震動、水污染、廢棄物、毒化物、土壤污染、公廁、環境衛生)',
      district: 'daan',
      districtName: '大安區',
      address: '臺北市大安區復興南路一段1號',
      lat: 25.03,
      lng: 121.54,
    });
    expect((await reports.openData('2026-12')).map((r) => r.caseTime)).toEqual(['2026-12-01T00:00:00+08:00', '2026-12-01T07:30:00+08:00']);
  });
});
