/**
 * A caller's request reaches the city, end to end in real browsers: the interpreter files a dispatch case (D01
 * pothole, 大安區, a point picked on the district map) from a video call, and again from a text chat; the caller
 * confirms the read-back on their own screen and sees the case number; the case is in Open311's
 * `GET requests.json` without personal data and in the month's report; a supervisor closes it on the cases screen
 * and the log notifier records the closing message for the caller's phone.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_NUMBER_PATTERN, type Report } from '@sign-relay/shared';
import { startTestServer, type TestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import type { SentNotification } from '../sfu-server/src/notify/index.ts';
import { answeredTextChat, seeMessage, sendByEnter, setChatAvailability } from './chatFlows.ts';
import { answeredCall, signIn } from './flows.ts';
import { checkA11y, usePages } from './pages.ts';

const PHONE = '0912-345-678';

/** Clicks the district map in the middle of a district's shape (through the SVG's own transform, whatever the layout). */
async function clickDistrict(form: Locator, page: Page, district: string): Promise<void> {
  const map = form.getByTestId('case-map');
  await map.waitFor({ timeout: 10_000 });
  await map.scrollIntoViewIfNeeded();
  const client = await map.locator(`path[data-district="${district}"]`).evaluate((path) => {
    const p = path as SVGPathElement;
    const box = p.getBBox();
    const pt = p.ownerSVGElement!.createSVGPoint();
    pt.x = box.x + box.width / 2;
    pt.y = box.y + box.height / 2;
    const c = pt.matrixTransform(p.getScreenCTM()!);
    return { x: c.x, y: c.y };
  });
  await page.mouse.click(client.x, client.y);
}

/**
 * Fills a D01 pothole in Da'an with a point picked on the map, the description, the summary and the caller's
 * phone; waits until saved. Returns the point as the form holds it.
 */
async function fillPothole(form: Locator, page: Page): Promise<{ lat: number; lng: number }> {
  await form.and(page.locator('[data-phase="ready"]')).waitFor({ timeout: 10_000 });
  const service = form.getByTestId('case-service-dispatch');
  if (!(await service.locator('input').isChecked())) await service.click();
  const item = form.getByTestId('case-item-input');
  await item.fill('坑洞');
  await form.locator('[data-testid="case-item-option"][data-code="D01"]').click();
  await expect(item.getAttribute('data-code')).resolves.toBe('D01');
  await clickDistrict(form, page, 'daan');
  await expect.poll(() => form.getByTestId('case-point').getAttribute('data-district'), { timeout: 5_000 }).toBe('daan');
  await expect.poll(() => form.getByTestId('case-district').inputValue(), { timeout: 5_000 }).toBe('daan');
  await form.getByTestId('case-description').fill('路面坑洞約 50 公分，機車容易摔倒');
  await form.getByTestId('case-summary').fill('信義路三段路面坑洞');
  await form.getByTestId('case-caller-phone').fill(PHONE);
  await form.locator('[data-testid="case-save"][data-state="saved"]').waitFor({ timeout: 10_000 });
  return { lat: Number(await form.getByTestId('case-lat').inputValue()), lng: Number(await form.getByTestId('case-lng').inputValue()) };
}

/**
 * Read-back to the caller, who confirms on their own screen; the desk sees it; filed; the number on both screens.
 * `a11y` also checks the caller's read-back and receipt with axe.
 */
async function readBackAndFile(form: Locator, caller: Page, a11y = false): Promise<string> {
  await form.getByTestId('case-readback').click();
  const card = caller.getByTestId('readback-card');
  await card.waitFor({ timeout: 10_000 });
  await expect(caller.getByTestId('case-words-item').textContent()).resolves.toContain('市區道路坑洞處理');
  await expect(caller.getByTestId('case-words-place').textContent()).resolves.toContain('大安區');
  if (a11y) await checkA11y(caller, 'the read-back on the caller’s screen');
  await caller.getByTestId('readback-correct').click();
  await form.locator('[data-testid="case-readback-state"][data-state="correct"]').waitFor({ timeout: 10_000 });
  await form.getByTestId('case-file').click();
  const number = ((await form.getByTestId('case-number').textContent({ timeout: 10_000 })) ?? '').trim();
  expect(number).toMatch(CASE_NUMBER_PATTERN);
  await expect(caller.getByTestId('case-receipt-number').textContent({ timeout: 10_000 })).resolves.toBe(number);
  if (a11y) await checkA11y(caller, 'the case receipt on the caller’s screen');
  return number;
}

describe('a case reaches the city: form, read-back, Open311, report, closing message', () => {
  let server: TestServer;
  const page = usePages();
  let supervisor: Awaited<ReturnType<TestServer['staff']>>;

  beforeAll(async () => {
    server = await startTestServer({ env: { WRAP_UP_SEC: '5' } });
    supervisor = await server.staff('supervisor', { name: '督導 林' });
  });
  afterAll(async () => {
    await server?.close();
  });

  /** The case as Open311 publishes it; the raw text must not hold the caller's phone. */
  async function inOpen311(number: string): Promise<Record<string, unknown>> {
    const res = await fetch(`${server.url}/open311/v2/requests.json`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(PHONE);
    const found = (JSON.parse(text) as Record<string, unknown>[]).find((r) => r.service_request_id === number);
    expect(found, `${number} in GET requests.json`).toBeDefined();
    return found!;
  }

  /** The report of a Taipei month, `YYYY-MM`. */
  async function monthReport(month: string): Promise<Report> {
    const res = await fetch(`${server.url}/api/reports?period=month&date=${month}`, { headers: { authorization: `Bearer ${supervisor.token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as Report;
  }

  const thisMonth = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  const monthOf = (number: string): string => `${number.slice(5, 9)}-${number.slice(9, 11)}`;
  const tally = (r: Report, part: 'byItem' | 'byDistrict', key: string) => r[part].find((t) => t.key === key)?.count ?? 0;

  /** The supervisor closes the case on the cases screen; the log notifier then records the closing SMS. */
  async function supervisorCloses(number: string): Promise<void> {
    const id = (await server.db.pool.query<{ id: string }>(`SELECT id FROM cases WHERE number = $1`, [number])).rows[0]!.id;
    const sup = await page(server.url);
    await signIn(sup, `/cases/${id}`, supervisor);
    await sup.locator('[data-testid="case-detail"][data-status="open"]').waitFor({ timeout: 10_000 });
    await sup.getByTestId('case-change-status').selectOption('closed');
    await sup.getByTestId('case-change-note').fill('已派工修補完成');
    await sup.getByTestId('case-change-public-note').fill('坑洞已修補');
    await sup.getByTestId('case-change-submit').click();
    await sup.locator('[data-testid="case-detail"][data-status="closed"]').waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await inOpen311(number)).status, { timeout: 10_000 }).toBe('closed');
    await expect
      .poll(
        async () => {
          const sent = (await (await fetch(`${server.url}/api/ops/notifications`)).json()) as SentNotification[];
          return sent.filter((n) => n.body.caseNumber === number).map((n) => `${n.kind} ${n.channel} ${n.recipient}`);
        },
        { timeout: 15_000 },
      )
      .toEqual([`case-filed sms ${PHONE}`, `case-closed sms ${PHONE}`]);
  }

  it('from a video call', async () => {
    const { desk, caller } = await answeredCall(server, page, { interpreter: '翻譯員 王', topic: 'dispatch' });

    // The form opens on the topic the caller picked.
    const form = desk.locator('[data-testid="case-form"][data-service="dispatch"]');
    await form.waitFor({ timeout: 10_000 });
    const before = await monthReport(thisMonth());
    const point = await fillPothole(form, desk);
    expect(point.lat).toBeGreaterThan(25);
    const number = await readBackAndFile(form, caller, true);

    const published = await inOpen311(number);
    expect(published).toMatchObject({ service_code: 'D01', status: 'open', lat: point.lat, long: point.lng });
    expect(published.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    for (const field of ['first_name', 'last_name', 'phone', 'email']) expect(published).not.toHaveProperty(field);

    const after = await monthReport(monthOf(number));
    expect(after.cases - before.cases).toBe(1);
    expect(tally(after, 'byItem', 'D01') - tally(before, 'byItem', 'D01')).toBe(1);
    expect(tally(after, 'byDistrict', 'daan') - tally(before, 'byDistrict', 'daan')).toBe(1);

    await caller.getByTestId('hangup').click();
    await supervisorCloses(number);

    // The month on the supervisors' reports screen counts it.
    const reports = await page(server.url);
    await signIn(reports, `/reports`, supervisor);
    await reports.locator(`[data-testid="report"][data-period="month"][data-date="${monthOf(number)}"]`).waitFor({ timeout: 10_000 });
    const d01 = reports.locator('[data-testid="report-by-item"] tr[data-key="D01"]');
    await expect(d01.getAttribute('data-count')).resolves.toBe(String(tally(after, 'byItem', 'D01')));
    await checkA11y(reports, 'the reports screen');
  });

  it('from a text chat', async () => {
    const { desk, caller, tab } = await answeredTextChat(server, page, '翻譯員 陳');
    await sendByEnter(caller, '信義路三段有一個大坑洞');
    await seeMessage(tab, '信義路三段有一個大坑洞', 'guest');

    await tab.getByTestId('chat-case-open').click();
    const form = tab.getByTestId('case-form');
    const before = await monthReport(thisMonth());
    await fillPothole(form, desk);
    const number = await readBackAndFile(form, caller);

    const published = await inOpen311(number);
    expect(published).toMatchObject({ service_code: 'D01', status: 'open' });
    const after = await monthReport(monthOf(number));
    expect(after.cases - before.cases).toBe(1);
    expect(tally(after, 'byItem', 'D01') - tally(before, 'byItem', 'D01')).toBe(1);

    await supervisorCloses(number);
  });

  it('an admin issues a city API key on screen, the city posts with it, the admin revokes it, and both are in the audit log', async () => {
    const admin = await server.staff('admin', { name: '管理者 張' });
    const keys = await page(server.url);
    await signIn(keys, '/admin/api-keys', admin);
    await keys.getByTestId('key-name').fill('市府派工系統');
    await keys.getByTestId('issue-submit').click();
    const key = ((await keys.getByTestId('issued-key-value').textContent({ timeout: 10_000 })) ?? '').trim();
    expect(key.length).toBeGreaterThan(30);
    await checkA11y(keys, 'a key issued, shown once');

    const post = () =>
      fetch(`${server.url}/open311/v2/requests.json`, {
        method: 'POST',
        body: new URLSearchParams({ api_key: key, service_code: 'D06', address_string: '臺北市大安區信義路三段 100 號', 'attribute[district]': 'daan', description: '路燈不亮' }),
      });
    const filed = await post();
    expect(filed.status).toBe(201);
    const [answer] = (await filed.json()) as { service_request_id: string }[];
    expect(answer!.service_request_id).toMatch(CASE_NUMBER_PATTERN);

    await keys.getByTestId('issued-done').click();
    const row = keys.locator('[data-testid="key-row"][data-revoked="false"]').filter({ hasText: '市府派工系統' });
    await row.getByTestId('revoke-key').click();
    await keys.getByTestId('revoke-confirm').click();
    await keys.locator('[data-testid="key-row"][data-revoked="true"]').filter({ hasText: '市府派工系統' }).waitFor({ timeout: 10_000 });
    expect((await post()).status).toBe(403);

    const audit = await page(server.url);
    await signIn(audit, '/admin/audit', admin);
    await audit.getByTestId('audit-table').waitFor({ timeout: 10_000 });
    for (const action of ['apikey.issue', 'apikey.revoke', 'case.file']) await audit.locator(`[data-testid="audit-row"][data-action="${action}"]`).first().waitFor({ timeout: 10_000 });
    await checkA11y(audit, 'the audit log');
  });

  it('a form left unfiled when the chat ended is offered on the desk, and finished there', async () => {
    const { desk, caller, tab } = await answeredTextChat(server, page, '翻譯員 李');
    await tab.getByTestId('chat-case-open').click();
    const form = tab.getByTestId('case-form');
    await form.and(desk.locator('[data-phase="ready"]')).waitFor({ timeout: 10_000 });
    await form.getByTestId('case-service-consultation').click();
    await form.getByTestId('case-description').fill('問垃圾車幾點到信義區');
    await form.locator('[data-testid="case-save"][data-state="saved"]').waitFor({ timeout: 10_000 });
    await setChatAvailability(desk, false);

    await caller.getByTestId('chat-end').click();
    await tab.locator('[data-testid="chat-ended"][data-by="guest"]').waitFor({ timeout: 10_000 });
    // While the ended chat's card is on the desk its form is there; closed, the form waits in the list.
    expect(await desk.getByTestId('pending-drafts').count()).toBe(0);
    await tab.getByTestId('chat-close').click();
    const pending = desk.locator('[data-testid="pending-drafts"][data-count="1"]');
    await pending.waitFor({ timeout: 10_000 });
    await expect(pending.getByTestId('pending-draft').textContent()).resolves.toContain('問垃圾車幾點到信義區');
    await pending.getByTestId('pending-draft-open').click();
    const again = pending.getByTestId('case-form');
    await again.and(desk.locator('[data-phase="ready"]')).waitFor({ timeout: 10_000 });
    await expect(again.getByTestId('case-description').inputValue()).resolves.toBe('問垃圾車幾點到信義區');
    await checkA11y(desk, 'the desk with a form left unfiled');
    const shots = process.env.CASES_SCREENSHOTS;
    if (shots) {
      await desk.screenshot({ path: `${shots}/pending-drafts-1280-zh.png`, fullPage: true });
      await desk.setViewportSize({ width: 390, height: 844 });
      await desk.getByTestId('lang-switch').click();
      await desk.screenshot({ path: `${shots}/pending-drafts-390-en.png`, fullPage: true });
      await desk.getByTestId('lang-switch').click();
      await desk.setViewportSize({ width: 1280, height: 800 });
    }
    await again.getByTestId('case-skip-open').click();
    await again.getByTestId('case-skip-reason').fill('對話已結束');
    await again.getByTestId('case-file-without').click();
    expect(((await again.getByTestId('case-number').textContent({ timeout: 10_000 })) ?? '').trim()).toMatch(CASE_NUMBER_PATTERN);
  });
});
