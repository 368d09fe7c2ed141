/**
 * Call-back requests in real browsers against the real server, at 22:00 Taipei time (video closed): a caller
 * chooses how to be reached and sees a reference number (web, phone and kiosk; the kiosk forgets it when the
 * visit ends); the request reaches the desks' list, one interpreter takes it (a colleague sees who has it) and
 * closes it with an outcome, or files a case from it; it leaves the list.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLBACK_REFERENCE_PATTERN } from '@sign-relay/shared';
import { startTestServer, type TestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { signIn } from './flows.ts';
import { checkA11y, usePages } from './pages.ts';
import { shoot, SIZES, type Lang, type Size } from './screens.ts';

const NIGHT = '2026-12-01T22:00:00+08:00';

interface Request {
  name: string;
  method: 'sms' | 'email' | 'video';
  phone?: string;
  email?: string;
  topic?: 'consultation' | 'transfer' | 'petition' | 'dispatch';
  note?: string;
}

/** Fills and sends the call-back form (already open); returns the reference number shown. */
async function sendRequest(page: Page, r: Request): Promise<string> {
  await page.getByTestId('callback-name').fill(r.name);
  await page.getByTestId(`callback-method-${r.method}`).click();
  if (r.phone) await page.getByTestId('callback-phone').fill(r.phone);
  if (r.email) await page.getByTestId('callback-email').fill(r.email);
  if (r.topic) await page.getByTestId('callback-topic').selectOption(r.topic);
  if (r.note) await page.getByTestId('callback-note').fill(r.note);
  await page.getByTestId('callback-submit').click();
  await page.getByTestId('callback-done').waitFor({ timeout: 10_000 });
  const reference = ((await page.getByTestId('callback-reference').textContent()) ?? '').trim();
  expect(reference).toMatch(CALLBACK_REFERENCE_PATTERN);
  return reference;
}

/** The desk's card of one request. */
const card = (desk: Page, reference: string) => desk.locator(`[data-testid="callback-item"][data-reference="${reference}"]`);

describe('call-back requests at 22:00: from the caller to the desk and closed', () => {
  let server: TestServer;
  const page = usePages();
  beforeAll(async () => {
    server = await startTestServer({ workers: 1, env: { SERVICE_CLOCK_START: NIGHT } });
  });
  afterAll(async () => {
    await server?.close();
  });

  for (const lang of ['zh-TW', 'en'] as const) {
    it(`a caller chooses how to be reached, is told what is missing, and sees a reference number (${lang}, desktop and phone)`, async () => {
      for (const size of ['desktop', 'phone'] as const) {
        const caller = await page(server.url, lang);
        await caller.setViewportSize(SIZES[size]);
        await caller.goto('/');
        await caller.locator('[data-testid="service-status"][data-video-open="false"]').waitFor({ state: 'attached', timeout: 10_000 });
        await caller.getByTestId('callback-open').click();
        const before = Number((await server.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM callback_requests')).rows[0]!.n);

        // Nothing chosen: the name and the way to reach them are asked for, and nothing is sent.
        await caller.getByTestId('callback-submit').click();
        await expect(caller.getByTestId('callback-name').getAttribute('aria-invalid')).resolves.toBe('true');
        await expect(caller.getByTestId('callback-method').getAttribute('aria-invalid')).resolves.toBe('true');
        expect(await caller.getByTestId('callback-phone').count()).toBe(0);
        await checkA11y(caller, `call-back form with problems (${lang}, ${size})`);
        // A video call back asks for a mobile or an address for the link.
        await caller.getByTestId('callback-method-video').click();
        await caller.getByTestId('callback-name').fill(lang === 'en' ? 'Chen Hsiao-ming' : '陳小明');
        await caller.getByTestId('callback-submit').click();
        await expect(caller.getByTestId('callback-phone').getAttribute('aria-invalid')).resolves.toBe('true');
        expect(await caller.getByTestId('callback-email').count()).toBe(1);
        expect(Number((await server.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM callback_requests')).rows[0]!.n)).toBe(before);
        await caller.getByTestId('callback-phone').fill('0912-345-678');
        await caller.getByTestId('callback-topic').selectOption('dispatch');
        await caller.getByTestId('callback-note').fill(lang === 'en' ? 'The street light outside my door is out.' : '家門口路燈不亮');
        await shoot(caller, 'callback-form', lang, size, { fullPage: true });
        await checkA11y(caller, `call-back form (${lang}, ${size})`);
        await caller.getByTestId('callback-submit').click();

        await caller.getByTestId('callback-done').waitFor({ timeout: 10_000 });
        const reference = ((await caller.getByTestId('callback-reference').textContent()) ?? '').trim();
        expect(reference).toMatch(/^CB-\d{4}-\d{3}$/);
        const stored = await server.db.pool.query<{ reference: string; contact_method: string; phone: string }>('SELECT reference, contact_method, phone FROM callback_requests WHERE reference = $1', [reference]);
        expect(stored.rows).toEqual([{ reference, contact_method: 'video', phone: '0912-345-678' }]);
        // How and roughly when: by video, the link to the number given; video opens tomorrow at 09:00.
        expect(await caller.getByTestId('callback-how').getAttribute('data-method')).toBe('video');
        expect(await caller.getByTestId('callback-how').textContent()).toContain('0912-345-678');
        await caller.getByTestId('callback-when').filter({ hasText: '09:00' }).waitFor({ timeout: 10_000 });
        // The number is large: at least 40 px high.
        const box = await caller.getByTestId('callback-reference').boundingBox();
        expect(box?.height ?? 0).toBeGreaterThanOrEqual(40);
        await shoot(caller, 'callback-done', lang, size);
        await checkA11y(caller, `call-back confirmation (${lang}, ${size})`);
      }
    });
  }

  it('on a kiosk: large targets, a reference number, and nothing left once the visit ends', async () => {
    for (const lang of ['zh-TW', 'en'] as const) {
      const kiosk = await page(server.url, lang);
      await kiosk.setViewportSize(SIZES.kiosk);
      await kiosk.goto('/kiosk/?kiosk=DA-01');
      await kiosk.locator('[data-testid="service-status"][data-video-open="false"]').waitFor({ state: 'attached', timeout: 10_000 });
      await kiosk.getByTestId('callback-open').click();
      await kiosk.getByTestId('callback-method-sms').click();
      for (const m of ['sms', 'email', 'video']) {
        const b = await kiosk.getByTestId(`callback-method-${m}`).boundingBox();
        expect(Math.min(b?.width ?? 0, b?.height ?? 0), m).toBeGreaterThanOrEqual(72);
      }
      const submit = await kiosk.getByTestId('callback-submit').boundingBox();
      expect(submit?.height ?? 0).toBeGreaterThanOrEqual(72);
      await kiosk.getByTestId('callback-name').fill(lang === 'en' ? 'Lin Mei-ling' : '林美玲');
      await kiosk.getByTestId('callback-phone').fill('0922-333-444');
      await shoot(kiosk, 'callback-form', lang, 'kiosk');
      await checkA11y(kiosk, `kiosk call-back form (${lang})`);
      await kiosk.getByTestId('callback-submit').click();
      await kiosk.getByTestId('callback-done').waitFor({ timeout: 10_000 });
      const reference = ((await kiosk.getByTestId('callback-reference').textContent()) ?? '').trim();
      expect(reference).toMatch(CALLBACK_REFERENCE_PATTERN);
      const row = await server.db.pool.query<{ channel: string; kiosk_id: string }>('SELECT channel, kiosk_id FROM callback_requests WHERE reference = $1', [reference]);
      expect(row.rows).toEqual([{ channel: 'kiosk', kiosk_id: 'DA-01' }]);
      await shoot(kiosk, 'callback-done', lang, 'kiosk');
      await checkA11y(kiosk, `kiosk call-back confirmation (${lang})`);

      // The visit ends: the next visitor finds the first screen, with nothing of this request.
      await kiosk.getByTestId('kiosk-finish').click();
      await kiosk.locator('[data-testid="service-status"][data-video-open="false"]').waitFor({ state: 'attached', timeout: 10_000 });
      expect(await kiosk.getByTestId('callback-done').count()).toBe(0);
      expect(await kiosk.content()).not.toContain(reference);
      expect(await kiosk.evaluate(() => sessionStorage.length)).toBe(0);
      expect(await kiosk.evaluate(() => JSON.stringify(localStorage))).not.toMatch(/0922|林美玲|Lin Mei-ling/);
    }
  });

  it('reaches the desks and the wallboard count: one interpreter takes it, a colleague sees who has it, it is closed with an outcome and leaves the list', async () => {
    // The supervisor's wallboard counts the open requests, before and after this one.
    const supervisor = await server.staff('supervisor', { name: '王督導' });
    const board = await page(server.url);
    await signIn(board, '/wallboard', supervisor);
    const boardCount = (n: number) => board.locator(`[data-testid="wb-callbacks-open"][data-value="${n}"]`).waitFor({ timeout: 15_000 });
    const openNow = async () => Number((await server.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM callback_requests WHERE done_at IS NULL')).rows[0]!.n);
    const before = await openNow();
    await boardCount(before);

    const caller = await page(server.url);
    await caller.goto('/');
    await caller.getByTestId('callback-open').click();
    const reference = await sendRequest(caller, { name: '王大同', method: 'sms', phone: '0933-111-222', topic: 'petition', note: '想陳情公園噪音' });
    await boardCount(before + 1);

    const mei = await server.staff('interpreter', { name: '林美華' });
    const tom = await server.staff('interpreter', { name: 'Tom Wang' });
    const desk = await page(server.url);
    await desk.setViewportSize(SIZES.desktop);
    await signIn(desk, '/desk', mei);
    const colleague = await page(server.url, 'en');
    await colleague.setViewportSize(SIZES.phone);
    await signIn(colleague, '/desk', tom);

    // The list: newest first, how long it waited, how to reach them (masked until taken), topic, note; the count.
    const item = card(desk, reference);
    await item.waitFor({ timeout: 10_000 });
    const open = Number((await server.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM callback_requests WHERE done_at IS NULL')).rows[0]!.n);
    expect(await desk.getByTestId('callback-count').getAttribute('data-count')).toBe(String(open));
    expect(await desk.getByTestId('callback-count').textContent()).toContain(`回電 ${open}`);
    const refs = await desk.getByTestId('callback-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-reference')));
    expect(refs[0]).toBe(reference);
    expect(await item.getByTestId('callback-item-how').getAttribute('data-method')).toBe('sms');
    expect(await item.getByTestId('callback-item-contact').textContent()).toBe('0933-•••-222');
    expect(await item.textContent()).toContain('想陳情公園噪音');
    expect(await item.getByTestId('callback-waited').textContent()).toMatch(/已等/);
    await item.scrollIntoViewIfNeeded();
    for (const [p, lang, size] of [[desk, 'zh-TW', 'desktop'], [colleague, 'en', 'phone'], [desk, 'zh-TW', 'phone'], [colleague, 'en', 'desktop']] as [Page, Lang, Size][]) {
      await p.setViewportSize(SIZES[size]);
      await card(p, reference).waitFor({ timeout: 10_000 });
      await shoot(p, 'desk-callbacks', lang, size, { fullPage: true });
      await checkA11y(p, `desk call-back list (${lang}, ${size})`);
    }
    await desk.setViewportSize(SIZES.desktop);
    await colleague.setViewportSize(SIZES.phone);

    // Mei takes it: the contact in full, the outcome form; Tom sees her name within a few seconds.
    await item.getByTestId('callback-claim').click();
    await item.getByTestId('callback-work').waitFor({ timeout: 10_000 });
    expect(await item.getByTestId('callback-item-contact').textContent()).toBe('0933-111-222');
    const theirs = card(colleague, reference);
    await theirs.locator('[data-testid="callback-claimed-by"]', { hasText: '林美華' }).waitFor({ timeout: 8_000 });
    expect(await theirs.getByTestId('callback-claim').count()).toBe(0);
    expect(await theirs.getAttribute('data-claimed')).toBe('other');
    await shoot(desk, 'desk-callback-claimed', 'zh-TW', 'desktop', { fullPage: true });
    await checkA11y(desk, 'desk call-back taken (zh-TW, desktop)');
    await shoot(colleague, 'desk-callback-taken', 'en', 'phone', { fullPage: true });
    await checkA11y(colleague, 'desk call-back taken by a colleague (en, phone)');

    // Closing needs an outcome.
    await item.getByTestId('callback-close').click();
    await item.locator('.field-error').waitFor({ timeout: 5_000 });
    expect((await server.db.pool.query('SELECT 1 FROM callback_requests WHERE reference = $1 AND done_at IS NULL', [reference])).rowCount).toBe(1);
    await item.getByTestId('callback-outcome-reached').click();
    await item.getByTestId('callback-outcome-note').fill('已用簡訊約好明天 10 點視訊');
    await item.getByTestId('callback-close').click();
    await item.waitFor({ state: 'detached', timeout: 10_000 });
    await theirs.waitFor({ state: 'detached', timeout: 8_000 });
    const done = await server.db.pool.query<{ outcome: string; outcome_note: string; done_by: string }>('SELECT outcome, outcome_note, done_by FROM callback_requests WHERE reference = $1', [reference]);
    expect(done.rows).toEqual([{ outcome: 'reached', outcome_note: '已用簡訊約好明天 10 點視訊', done_by: mei.userId }]);
    expect(await desk.getByTestId('callback-count').getAttribute('data-count')).toBe(String(open - 1));
    await boardCount(before);
  });

  it('a taken request becomes a case: the form opens with what the caller left; filing closes the request', async () => {
    const caller = await page(server.url, 'en');
    await caller.goto('/');
    await caller.getByTestId('callback-open').click();
    const reference = await sendRequest(caller, { name: 'Amy Lee', method: 'email', email: 'amy@example.tw', topic: 'consultation', note: 'When is the library open on holidays?' });

    const who = await server.staff('interpreter', { name: 'Lin Mei-hua' });
    const desk = await page(server.url, 'en');
    await desk.setViewportSize(SIZES.desktop);
    await signIn(desk, '/desk', who);
    const item = card(desk, reference);
    await item.getByTestId('callback-claim').click();
    await item.getByTestId('callback-open-case').click();
    const form = item.locator('[data-testid="case-form"][data-phase="ready"]');
    await form.waitFor({ timeout: 10_000 });
    expect(await form.getAttribute('data-service')).toBe('consultation');
    expect(await form.getByTestId('case-description').inputValue()).toBe('When is the library open on holidays?');
    // No read-back (the caller is not on our screen): filing says how the case was confirmed.
    expect(await form.getByTestId('case-readback').count()).toBe(0);
    await form.getByTestId('case-skip-reason').fill('Confirmed by e-mail reply');
    await shoot(desk, 'desk-callback-case', 'en', 'desktop', { fullPage: true });
    await checkA11y(desk, 'desk call-back case form (en, desktop)');
    await form.getByTestId('case-file-without').click();
    const notice = desk.getByTestId('callback-case-filed');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toMatch(/1999-\d{8}-\d{6}/);
    // The list is asked for again once, not in a loop.
    let asked = 0;
    desk.on('request', (r) => void (r.method() === 'GET' && new URL(r.url()).pathname === '/api/callbacks' && asked++));
    await item.waitFor({ state: 'detached', timeout: 10_000 });
    const row = await server.db.pool.query<{ outcome: string; source: string }>(
      'SELECT r.outcome, c.source FROM callback_requests r JOIN cases c ON c.id = r.case_id WHERE r.reference = $1',
      [reference],
    );
    expect(row.rows).toEqual([{ outcome: 'case-filed', source: 'callback' }]);
    await desk.waitForTimeout(2_000);
    expect(asked).toBeLessThanOrEqual(2);
  });
});
