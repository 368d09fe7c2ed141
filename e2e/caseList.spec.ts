/**
 * The cases screens in a real browser against the real server and Postgres: a supervisor filters the list
 * (the filters kept in the URL across a reload), pages, downloads the CSV, opens a case and closes it with a
 * note; an interpreter who did not take the case sees it without the caller's personal data. Cases are
 * seeded straight into the test database. With SCREENSHOT_DIR set, the list and a case are saved as PNGs.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { signIn, type Credentials } from './flows.ts';
import { checkA11y, usePages } from './pages.ts';

const SHOTS = process.env.SCREENSHOT_DIR;
const DAY_MS = 86_400_000;
const taipeiDay = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

interface SeedCase {
  service: 'consultation' | 'transfer' | 'petition' | 'dispatch';
  item?: string;
  district?: string;
  address?: string;
  description: string;
  channel: 'web' | 'kiosk';
  kioskId?: string;
  interpreterId: string;
  /** How long before now it was filed. */
  agoMs: number;
  callerName?: string;
  callerPhone?: string;
  callerEmail?: string;
}

let seq = 0;

/** Writes a filed case and its first history entry, as filing does; returns its id and number. */
async function seed(server: TestServer, c: SeedCase, interpreterName: string): Promise<{ id: string; number: string }> {
  const id = randomUUID();
  const at = new Date(Date.now() - c.agoMs);
  const day = taipeiDay(at.getTime());
  const n = 900_000 + ++seq;
  const number = `1999-${day.replaceAll('-', '')}-${n}`;
  await server.db.pool.query(
    `INSERT INTO cases (id, number, day, seq, service, dispatch_item, district, address, description, caller_name, caller_phone, caller_email,
       source, channel, kiosk_id, interpreter_id, client_key, readback_answer, readback_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'call', $13, $14, $15, $16, 'correct', $17, $17, $17)`,
    [id, number, day, n, c.service, c.item ?? null, c.district ?? null, c.address ?? null, c.description, c.callerName ?? null, c.callerPhone ?? null, c.callerEmail ?? null, c.channel, c.kioskId ?? null, c.interpreterId, randomUUID(), at],
  );
  await server.db.pool.query(`INSERT INTO case_history (case_id, at, actor_kind, actor_id, actor_name, action, from_status, to_status) VALUES ($1, $2, 'staff', $3, $4, 'filed', NULL, 'open')`, [
    id,
    at,
    c.interpreterId,
    interpreterName,
  ]);
  return { id, number };
}

/** Waits until the list has loaded and shows `total` cases. */
async function listShows(page: Page, total: number): Promise<void> {
  await page.locator(`[data-testid="case-results"][data-loading="false"][data-total="${total}"]`).waitFor({ timeout: 10_000 });
}

async function rows(page: Page): Promise<{ district: string; service: string; status: string }[]> {
  return page.getByTestId('case-row').evaluateAll((trs) => trs.map((tr) => ({ district: tr.getAttribute('data-district') ?? '', service: tr.getAttribute('data-service') ?? '', status: tr.getAttribute('data-status') ?? '' })));
}

async function auditViews(server: TestServer, caseId: string, actorId: string): Promise<number> {
  const r = await server.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log WHERE case_id = $1 AND actor_id = $2 AND action = 'case.view-personal'`, [caseId, actorId]);
  return Number(r.rows[0]?.n ?? 0);
}

describe('the cases screens', () => {
  let server: TestServer;
  const page = usePages();
  let supervisor: Credentials & { userId: string };
  let taker: Credentials & { userId: string };
  let other: Credentials & { userId: string };
  let petition: { id: string; number: string };
  /** A petition left open, from a kiosk: the screenshots' case with the status form. */
  let openPetition: { id: string; number: string };

  beforeAll(async () => {
    server = await startTestServer({ workers: 1 });
    supervisor = await server.staff('supervisor', { name: '督導 王' });
    taker = await server.staff('interpreter', { name: '翻譯員 林' });
    other = await server.staff('interpreter', { name: '翻譯員 陳' });
    const lin = (c: Omit<SeedCase, 'interpreterId'>) => seed(server, { ...c, interpreterId: taker.userId }, '翻譯員 林');
    const minutes = (m: number): number => m * 60_000;
    // In the last 7 days: 25 dispatch cases in Da'an (2 from a kiosk), 4 in Xinyi, 3 consultations and a petition in Da'an, a petition in Zhongzheng.
    for (let i = 0; i < 23; i++) await lin({ service: 'dispatch', item: 'D06', district: 'daan', address: `復興南路一段 ${i + 1} 號`, description: '路燈不亮', channel: 'web', agoMs: minutes(10 + i * 7) });
    for (let i = 0; i < 2; i++) await lin({ service: 'dispatch', item: 'D01', district: 'daan', address: '和平東路二段', description: '坑洞', channel: 'kiosk', kioskId: 'K-DA-01', agoMs: DAY_MS + minutes(i) });
    for (let i = 0; i < 4; i++) await lin({ service: 'dispatch', item: 'D22', district: 'xinyi', address: '松仁路', description: '受傷的狗', channel: 'web', agoMs: 2 * DAY_MS + minutes(i) });
    for (let i = 0; i < 3; i++) await lin({ service: 'consultation', district: 'daan', description: '詢問身障停車證', channel: 'web', agoMs: 3 * DAY_MS + minutes(i) });
    petition = await lin({
      service: 'petition',
      district: 'daan',
      address: '大安森林公園',
      description: '公園無障礙坡道被機車擋住',
      channel: 'web',
      agoMs: minutes(3),
      callerName: '王小明',
      callerPhone: '0912-345-678',
      callerEmail: 'xiaoming@example.tw',
    });
    openPetition = await lin({
      service: 'petition',
      district: 'zhongzheng',
      address: '臺北市中正區重慶南路一段 122 號',
      description: '區公所服務台沒有手語翻譯預約的說明，希望張貼公告並提供線上預約。',
      channel: 'kiosk',
      kioskId: 'K-ZZ-03',
      agoMs: minutes(40),
      callerName: '陳美玲',
      callerPhone: '0987-654-321',
    });
    // Outside the default range: ten days ago.
    await lin({ service: 'dispatch', item: 'D06', district: 'daan', address: '舊案', description: '舊案', channel: 'web', agoMs: 10 * DAY_MS });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a supervisor filters, pages, reloads, downloads, opens a case and closes it with a note; another interpreter sees no personal data', async () => {
    const sup = await page(server.url);
    await signIn(sup, '/cases', supervisor);

    // The last 7 days by default, written into the address bar.
    const today = taipeiDay(Date.now());
    const weekAgo = taipeiDay(Date.now() - 6 * DAY_MS);
    await listShows(sup, 34);
    expect(await sup.getByTestId('filter-from').inputValue()).toBe(weekAgo);
    expect(await sup.getByTestId('filter-to').inputValue()).toBe(today);
    expect(new URL(sup.url()).searchParams.get('from')).toBe(weekAgo);

    // District and service.
    await sup.getByTestId('filter-district').selectOption('daan');
    await sup.getByTestId('filter-service').selectOption('dispatch');
    await sup.getByTestId('filter-apply').click();
    await listShows(sup, 25);
    let url = new URL(sup.url());
    expect(url.searchParams.get('district')).toBe('daan');
    expect(url.searchParams.get('service')).toBe('dispatch');
    expect((await rows(sup)).every((r) => r.district === 'daan' && r.service === 'dispatch')).toBe(true);
    expect(await sup.getByTestId('case-row').count()).toBe(25);

    // Pages of 20: 20 + 5.
    await sup.getByTestId('page-size').selectOption('20');
    await sup.locator('[data-testid="page-of"][data-page="1"][data-pages="2"]').waitFor();
    await listShows(sup, 25);
    expect(await sup.getByTestId('case-row').count()).toBe(20);
    expect(await sup.getByTestId('page-prev').isDisabled()).toBe(true);
    await sup.getByTestId('page-next').click();
    await sup.locator('[data-testid="page-of"][data-page="2"][data-pages="2"]').waitFor();
    await listShows(sup, 25);
    expect(await sup.getByTestId('case-row').count()).toBe(5);
    expect(await sup.getByTestId('page-next').isDisabled()).toBe(true);
    expect(await sup.getByTestId('page-of').textContent()).toContain('第 2／2 頁');

    // A reload keeps the filters and the page.
    await sup.reload();
    await listShows(sup, 25);
    expect(await sup.getByTestId('filter-district').inputValue()).toBe('daan');
    expect(await sup.getByTestId('filter-service').inputValue()).toBe('dispatch');
    await sup.locator('[data-testid="page-of"][data-page="2"]').waitFor();
    expect(await sup.getByTestId('case-row').count()).toBe(5);

    // The CSV holds every case of the filters (not just the page), without personal data.
    const [download] = await Promise.all([sup.waitForEvent('download'), sup.getByTestId('case-export').click()]);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
    expect(csv).toHaveLength(1 + 25);
    expect(download.suggestedFilename()).toBe(`cases-${weekAgo}-${today}.csv`);

    // The petition in Da'an (the district still chosen): open it from the list.
    await sup.getByTestId('filter-service').selectOption('petition');
    await sup.getByTestId('filter-apply').click();
    await listShows(sup, 1);
    url = new URL(sup.url());
    expect(url.searchParams.get('page')).toBeNull();
    await checkA11y(sup, 'case list');
    await sup.getByTestId('case-link').click();
    await sup.locator(`[data-testid="case-detail"][data-case-id="${petition.id}"]`).waitFor();
    expect(await sup.getByTestId('case-number').textContent()).toBe(petition.number);
    expect(await sup.getByTestId('case-caller-name').textContent()).toBe('王小明');
    expect(await sup.getByTestId('case-caller-phone').textContent()).toBe('0912-345-678');
    expect(await sup.getByTestId('case-audit-note').textContent()).toContain('查看個人資料會記錄在稽核紀錄');
    expect(await auditViews(server, petition.id, supervisor.userId)).toBeGreaterThanOrEqual(1);
    await checkA11y(sup, 'case');

    // Closing needs a note: refused at the field first, then closed with one.
    await sup.getByTestId('case-change-status').selectOption('closed');
    await sup.getByTestId('case-change-submit').click();
    await sup.getByTestId('case-change-note-problem').waitFor();
    expect(await sup.getByTestId('case-change-note').getAttribute('aria-invalid')).toBe('true');
    await sup.getByTestId('case-change-note').fill('已請公園處派員移除機車，並加設禁停標示。');
    await sup.getByTestId('case-change-public-note').fill('公園處已處理。');
    await sup.getByTestId('case-change-submit').click();
    await sup.locator('[data-testid="case-change-saved"][data-status="closed"]').waitFor();
    await sup.locator('[data-testid="case-detail"][data-status="closed"]').waitFor();
    expect(await sup.getByTestId('case-change-closed').isVisible()).toBe(true);
    expect(await sup.getByTestId('case-closing-note').textContent()).toBe('已請公園處派員移除機車，並加設禁停標示。');

    // The history says who closed it, from what, and why.
    const last = sup.getByTestId('history-entry').last();
    expect(await sup.getByTestId('history-entry').count()).toBe(2);
    expect(await last.getAttribute('data-from')).toBe('open');
    expect(await last.getAttribute('data-to')).toBe('closed');
    expect(await last.textContent()).toContain('督導 王');
    expect(await last.textContent()).toContain('已請公園處派員移除機車');

    // Back to the same list, where it now shows as closed.
    await sup.getByTestId('case-back').click();
    await listShows(sup, 1);
    expect(new URL(sup.url()).searchParams.get('service')).toBe('petition');
    expect(await rows(sup)).toEqual([{ district: 'daan', service: 'petition', status: 'closed' }]);

    // An interpreter who did not take the case: the case, but no personal data and no status form.
    const chen = await page(server.url);
    await signIn(chen, `/cases/${petition.id}`, other);
    await chen.locator(`[data-testid="case-detail"][data-case-id="${petition.id}"]`).waitFor();
    await chen.getByTestId('case-personal-hidden').waitFor();
    const text = (await chen.locator('main').textContent()) ?? '';
    expect(text).not.toContain('王小明');
    expect(text).not.toContain('0912-345-678');
    expect(text).not.toContain('xiaoming@example.tw');
    expect(await chen.getByTestId('case-change').count()).toBe(0);
    expect(await chen.getByTestId('case-export').count()).toBe(0);
    expect(await auditViews(server, petition.id, other.userId)).toBe(0);

    // The interpreter who took it sees the caller (and the view is audited).
    const lin = await page(server.url);
    await signIn(lin, `/cases/${petition.id}`, taker);
    expect(await lin.getByTestId('case-caller-name').textContent()).toBe('王小明');
    expect(await auditViews(server, petition.id, taker.userId)).toBe(1);
  });

  it('reads in zh-TW and English, at desktop and phone widths (axe)', async () => {
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
    for (const lang of ['zh-TW', 'en'] as const) {
      for (const [name, size] of [
        ['desktop', { width: 1280, height: 800 }],
        ['phone', { width: 390, height: 844 }],
      ] as const) {
        const p = await page(server.url, lang);
        await p.setViewportSize(size);
        await signIn(p, '/cases?size=20', supervisor);
        await listShows(p, 34);
        if (SHOTS) await p.screenshot({ path: join(SHOTS, `cases.${lang}.${name}.png`), fullPage: true });
        await checkA11y(p, `case list (${lang}, ${name})`);
        if (name === 'phone') {
          // Phones fold the filters away under a summary; searching folds them again, focus on the way back in.
          expect(await p.getByTestId('case-table').count()).toBe(0);
          await p.getByTestId('filter-toggle').click();
          await p.getByTestId('filter-district').selectOption('zhongzheng');
          await p.getByTestId('filter-apply').click();
          await listShows(p, 1);
          expect(await p.getByTestId('filter-summary').textContent()).toContain(lang === 'en' ? 'Zhongzheng' : '中正區');
          expect(await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('filter-toggle');
          expect(await p.getByTestId('case-row').getAttribute('data-case-id')).toBe(openPetition.id);
        }
        for (const [label, c] of [
          ['open', openPetition],
          ['closed', petition],
        ] as const) {
          await p.goto(`/cases/${c.id}`);
          await p.locator(`[data-testid="case-detail"][data-case-id="${c.id}"]`).waitFor();
          if (SHOTS) await p.screenshot({ path: join(SHOTS, `case-${label}.${lang}.${name}.png`), fullPage: true });
          await checkA11y(p, `case ${label} (${lang}, ${name})`);
        }
        await p.context().close();
      }
    }
  });
});
