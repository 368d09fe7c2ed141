/**
 * Accessibility of every screen people use, in both languages, at desktop and phone widths: axe-core
 * (WCAG 2.0–2.2 A/AA rules) must find nothing serious or critical. With SCREENSHOT_DIR set, each screen
 * is also saved as a PNG for a human look.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { launchBrowser, newCallContext, pageErrors } from './browser.ts';
import { connected, deskState, signIn, waitForOffer } from './flows.ts';
import { checkA11y } from './pages.ts';

const SHOTS = process.env.SCREENSHOT_DIR;
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
type Lang = 'zh-TW' | 'en';
type Viewport = keyof typeof VIEWPORTS;

describe('accessibility of the caller, desk and wallboard screens', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer({ workers: 1, env: { WRAP_UP_SEC: '60' } });
    browser = await launchBrowser();
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  });
  afterEach(async () => {
    const closing = contexts.splice(0);
    const errors = closing.flatMap((c) => pageErrors(c));
    for (const c of closing) await c.close().catch(() => undefined);
    expect(errors, 'script errors in the pages').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function page(lang: Lang, viewport: Viewport): Promise<Page> {
    const context = await newCallContext(browser, server.url, lang);
    contexts.push(context);
    // Pages without an origin (about:blank) have no storage: only the app's pages take the language.
    await context.addInitScript(`try { localStorage.setItem('sign-relay.language', '${lang}'); } catch {}`);
    const p = await context.newPage();
    await p.setViewportSize(VIEWPORTS[viewport]);
    return p;
  }

  async function screen(p: Page, name: string, lang: Lang, viewport: Viewport): Promise<void> {
    // Let entrance animations settle so colours are measured as people see them.
    await p.waitForTimeout(300);
    // Call screens keep their controls in view (sticky): shoot them as the viewport shows them.
    if (SHOTS) await p.screenshot({ path: join(SHOTS, `${name}.${lang}.${viewport}.png`), fullPage: !name.startsWith('call') });
    await checkA11y(p, `${name} (${lang}, ${viewport})`);
  }

  for (const lang of ['zh-TW', 'en'] as const) {
    for (const viewport of ['desktop', 'phone'] as const) {
      it(`every screen passes axe (${lang}, ${viewport})`, async () => {
        const caller = await page(lang, viewport);
        const desk = await page(lang, viewport);
        const board = await page(lang, viewport);
        const interpreter = await server.staff('interpreter', { name: lang === 'en' ? 'Lin Mei-hua' : '林美華', gender: 'female' });
        const supervisor = await server.staff('supervisor', { name: lang === 'en' ? 'Wang' : '王督導' });

        // The caller's way in, while nobody is on duty.
        await caller.goto('/');
        await screen(caller, 'entry', lang, viewport);
        await caller.getByTestId('start-video-call').click();
        await screen(caller, 'topic', lang, viewport);
        await caller.getByTestId('topic-dispatch').click();
        await caller.getByTestId('gender-female').click();
        await screen(caller, 'preferences', lang, viewport);
        await caller.getByTestId('queue-join').click();
        await caller.locator('[data-testid="queue-wait"][data-seconds="unknown"]').waitFor({ timeout: 15_000 });
        await screen(caller, 'waiting-nobody', lang, viewport);

        // Staff sign in; the interpreter goes available and the caller rings.
        await board.goto('/wallboard');
        await screen(board, 'wallboard-signin', lang, viewport);
        await signIn(board, '/wallboard', supervisor);
        await desk.goto('/desk');
        await screen(desk, 'desk-signin', lang, viewport);
        await signIn(desk, '/desk', interpreter);
        await screen(desk, 'desk-offline', lang, viewport);
        await desk.getByTestId('status-break').click();
        await deskState(desk, 'break');
        await screen(desk, 'desk-break', lang, viewport);
        await desk.getByTestId('status-available').click();
        await waitForOffer(desk);
        await caller.locator('[data-testid="queue-state"][data-state="offered"]').waitFor({ timeout: 10_000 });
        await screen(desk, 'desk-offer', lang, viewport);
        await screen(caller, 'waiting-offered', lang, viewport);
        await board.locator('[data-testid="wb-waiting-count"][data-value="1"]').waitFor({ timeout: 10_000 });
        await screen(board, 'wallboard', lang, viewport);

        // The call on both sides, then wrap-up and the caller's "call again".
        await desk.getByTestId('offer-accept').click();
        await caller.getByTestId('queue-connected-alert').waitFor({ timeout: 10_000 });
        if (SHOTS) await caller.screenshot({ path: join(SHOTS, `connected-alert.${lang}.${viewport}.png`) });
        await Promise.all([connected(caller), connected(desk)]);
        await caller.getByTestId('queue-connected-alert').waitFor({ state: 'detached', timeout: 10_000 });
        await screen(caller, 'call-caller', lang, viewport);
        await desk.getByTestId('transfer-open').click();
        await screen(desk, 'call-desk', lang, viewport);
        await board.locator('[data-testid="wb-calls-in-progress"][data-value="1"]').waitFor({ timeout: 10_000 });
        await screen(board, 'wallboard-call', lang, viewport);
        await caller.getByTestId('hangup').click();
        await caller.getByTestId('call-again').waitFor();
        await screen(caller, 'after-call', lang, viewport);
        await deskState(desk, 'wrap-up');
        await desk.locator('[data-testid="today-call"]').first().waitFor({ timeout: 10_000 });
        await screen(desk, 'desk-wrapup', lang, viewport);
        await desk.getByTestId('wrapup-end').click();
        await deskState(desk, 'available');
        await screen(desk, 'desk-available', lang, viewport);
      });
    }
  }
});

describe('accessibility of the entry at night, the text chat, the call-back request, the chat in a call and the hours editor', () => {
  let night: TestServer;
  let day: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [night, day] = await Promise.all([
      startTestServer({ workers: 1, env: { SERVICE_CLOCK_START: '2026-12-01T22:00:00+08:00' } }),
      startTestServer({ workers: 1, env: { WRAP_UP_SEC: '60' } }),
    ]);
    browser = await launchBrowser();
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  });
  afterEach(async () => {
    const closing = contexts.splice(0);
    const errors = closing.flatMap((c) => pageErrors(c));
    for (const c of closing) await c.close().catch(() => undefined);
    expect(errors, 'script errors in the pages').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([night?.close(), day?.close()]);
  });

  async function page(url: string, lang: Lang, viewport: Viewport): Promise<Page> {
    const context = await newCallContext(browser, url, lang);
    contexts.push(context);
    await context.addInitScript(`try { localStorage.setItem('sign-relay.language', '${lang}'); } catch {}`);
    const p = await context.newPage();
    await p.setViewportSize(VIEWPORTS[viewport]);
    return p;
  }

  async function screen(p: Page, name: string, lang: Lang, viewport: Viewport, fullPage = true): Promise<void> {
    await p.waitForTimeout(300);
    if (SHOTS) await p.screenshot({ path: join(SHOTS, `${name}.${lang}.${viewport}.png`), fullPage });
    await checkA11y(p, `${name} (${lang}, ${viewport})`);
  }

  for (const lang of ['zh-TW', 'en'] as const) {
    for (const viewport of ['desktop', 'phone'] as const) {
      it(`every new screen passes axe (${lang}, ${viewport})`, async () => {
        const caller = await page(night.url, lang, viewport);
        const desk = await page(night.url, lang, viewport);
        const interpreter = await night.staff('interpreter', { name: lang === 'en' ? 'Lin Mei-hua' : '林美華', gender: 'female' });

        // At night: the entry says when video reopens; the call-back form, with its checks, and its receipt.
        await caller.goto('/');
        await caller.locator('[data-testid="service-status"][data-video-open="false"]').waitFor({ timeout: 10_000 });
        await screen(caller, 'entry-night', lang, viewport);
        await caller.getByTestId('callback-open').click();
        await caller.getByTestId('callback-submit').click();
        await screen(caller, 'callback-form', lang, viewport);
        await caller.getByTestId('callback-name').fill(lang === 'en' ? 'Chen Hsiao-ming' : '陳小明');
        await caller.getByTestId('callback-method-email').click();
        await caller.getByTestId('callback-email').fill('chen@example.tw');
        await caller.getByTestId('callback-submit').click();
        await caller.getByTestId('callback-done').waitFor({ timeout: 10_000 });
        await screen(caller, 'callback-done', lang, viewport);

        // A text chat: waiting (with a message written), the desk's ring, both sides talking, the end.
        await caller.getByTestId('start-text-chat').click();
        await caller.locator('[data-testid="chat-position"][data-position="1"]').waitFor({ timeout: 10_000 });
        await caller.getByTestId('chat-input').fill(lang === 'en' ? 'When does the rubbish truck come?' : '請問垃圾車幾點來？');
        await caller.getByTestId('chat-input').press('Enter');
        await caller.locator('[data-testid="chat-message"][data-state="sent"]').waitFor({ timeout: 10_000 });
        await screen(caller, 'chat-waiting', lang, viewport);
        await signIn(desk, '/desk', interpreter);
        await desk.getByTestId('chat-availability').click();
        await desk.getByTestId('chat-offer').waitFor({ timeout: 10_000 });
        await screen(desk, 'desk-chat-offer', lang, viewport);
        await desk.getByTestId('chat-offer-accept').click();
        const tab = desk.getByTestId('chat-tab');
        await tab.waitFor({ timeout: 10_000 });
        await caller.getByTestId('chat-connected-alert').waitFor({ state: 'detached', timeout: 10_000 });
        await tab.getByTestId('chat-input').fill(lang === 'en' ? 'Hello! Which district are you in?' : '您好！請問您住哪一區？');
        await tab.getByTestId('chat-input').press('Enter');
        await caller.locator('[data-testid="chat-message"][data-from="staff"]').waitFor({ timeout: 10_000 });
        await caller.getByTestId('chat-input').fill(lang === 'en' ? 'Xinyi' : '信義區');
        await tab.getByTestId('chat-typing').waitFor({ timeout: 5_000 });
        await screen(desk, 'desk-chat', lang, viewport);
        await caller.getByTestId('chat-input').press('Enter');
        await tab.locator('[data-testid="chat-message"][data-from="guest"]').nth(1).waitFor({ timeout: 10_000 });
        await tab.getByTestId('chat-input').fill('…');
        await caller.getByTestId('chat-typing').waitFor({ timeout: 5_000 });
        await screen(caller, 'chat-active', lang, viewport);
        await tab.getByTestId('chat-end').click();
        await caller.getByTestId('chat-ended').waitFor({ timeout: 10_000 });
        await screen(caller, 'chat-ended', lang, viewport);
        await screen(desk, 'desk-chat-ended', lang, viewport);

        // The hours editor: sign-in, the editor with a special date, its checks.
        const admin = await page(night.url, lang, viewport);
        const who = await night.staff('admin', { name: lang === 'en' ? 'Admin Wu' : '吳管理員' });
        await admin.goto('/admin/hours');
        await screen(admin, 'hours-signin', lang, viewport);
        await admin.getByTestId('login-username').fill(who.username);
        await admin.getByTestId('login-password').fill(who.password);
        await admin.getByTestId('login-submit').click();
        await admin.getByTestId('hours-save').waitFor({ timeout: 10_000 });
        await admin.getByTestId('hours-exception-add').click();
        await admin.getByTestId('hours-save').click();
        await admin.getByTestId('hours-error').waitFor();
        await screen(admin, 'hours-editor', lang, viewport);

        // In a video call (at 10:00), the chat beside the picture on both sides.
        const dayCaller = await page(day.url, lang, viewport);
        const dayDesk = await page(day.url, lang, viewport);
        await signIn(dayDesk, '/desk', await day.staff('interpreter', { name: lang === 'en' ? 'Chen' : '陳翻譯員' }));
        await dayDesk.getByTestId('status-available').click();
        await deskState(dayDesk, 'available');
        await dayCaller.goto('/');
        await dayCaller.getByTestId('start-video-call').click();
        await dayCaller.getByTestId('topic-skip').click();
        await dayCaller.getByTestId('queue-join').click();
        await waitForOffer(dayDesk);
        await dayDesk.getByTestId('offer-accept').click();
        await Promise.all([connected(dayCaller), connected(dayDesk)]);
        await dayCaller.getByTestId('queue-connected-alert').waitFor({ state: 'detached', timeout: 10_000 });
        await dayDesk.getByTestId('call-chat-open').click();
        await dayDesk.getByTestId('chat-input').fill(lang === 'en' ? 'Please type the address.' : '請把地址打給我。');
        await dayDesk.getByTestId('chat-input').press('Enter');
        await dayCaller.locator('[data-testid="call-chat-open"][data-unread="1"]').waitFor({ timeout: 10_000 });
        await screen(dayCaller, 'call-chat-unread', lang, viewport, false);
        await dayCaller.getByTestId('call-chat-open').click();
        await dayCaller.locator('[data-testid="chat-message"][data-from="staff"]').waitFor();
        await screen(dayCaller, 'call-chat-caller', lang, viewport);
        await screen(dayDesk, 'call-chat-desk', lang, viewport);
        await dayCaller.getByTestId('hangup').click();
        await dayCaller.getByTestId('call-again').waitFor({ timeout: 10_000 });
      });
    }
  }
});
