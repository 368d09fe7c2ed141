/**
 * The end of a call, in real browsers: the interpreter files a case during the call and hangs up; the caller
 * sees who ended it, the interpreter's name, the case number, and downloads the conversation (a .txt made in the
 * browser, Taipei times). On a kiosk the visitor hangs up and reads the conversation on screen — no download, and
 * "結束使用" wipes it. The end of a text chat offers the same download. The topic screen's plain words are shot
 * here too. Every screen is checked with axe and shot in zh-TW and English at the three sizes.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_NUMBER_PATTERN } from '@sign-relay/shared';
import { startTestServer, type TestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { answeredTextChat, seeMessage, sendByEnter } from './chatFlows.ts';
import { answeredCall, connected, goAvailable, signIn, waitForOffer } from './flows.ts';
import { checkA11y, usePages } from './pages.ts';
import { shoot, SIZES, type Lang, type Size } from './screens.ts';

const INTERPRETER = '林美華';

/** Today in Taipei as `YYYY-MM-DD` (messages carry the real time; only the opening hours run on the test clock). */
function taipeiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei', year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now());
}

/** The interpreter opens the call's chat on the desk and writes; the caller answers from theirs. */
async function talk(desk: Page, caller: Page): Promise<void> {
  await desk.getByTestId('call-chat-open').click();
  const deskThread = desk.locator('[data-testid="chat-thread"]:not([data-session-id=""])');
  await deskThread.waitFor({ timeout: 10_000 });
  await sendByEnter(deskThread, '請把地址打給我');
  await caller.getByTestId('call-chat-open').click();
  const callerThread = caller.getByTestId('chat-thread');
  await seeMessage(callerThread, '請把地址打給我', 'staff');
  await sendByEnter(callerThread, '信義區市府路1號\n靠近捷運站');
  await seeMessage(deskThread, '信義區市府路1號', 'guest');
}

/** A consultation filed from the desk's form after the caller confirmed the read-back; returns its number. */
async function fileConsultation(desk: Page, caller: Page): Promise<string> {
  const form = desk.locator('[data-testid="case-form"][data-service="consultation"]');
  await form.and(desk.locator('[data-phase="ready"]')).waitFor({ timeout: 10_000 });
  await form.getByTestId('case-description').fill('詢問市府路路燈維修進度');
  await form.locator('[data-testid="case-save"][data-state="saved"]').waitFor({ timeout: 10_000 });
  await form.getByTestId('case-readback').click();
  await caller.getByTestId('readback-correct').click({ timeout: 10_000 });
  await form.locator('[data-testid="case-readback-state"][data-state="correct"]').waitFor({ timeout: 10_000 });
  await form.getByTestId('case-file').click();
  const number = ((await form.getByTestId('case-number').textContent({ timeout: 10_000 })) ?? '').trim();
  expect(number).toMatch(CASE_NUMBER_PATTERN);
  await expect(caller.getByTestId('case-receipt-number').textContent({ timeout: 10_000 })).resolves.toBe(number);
  return number;
}

/** Shoots the page in both languages at the three sizes (the language switched on the page, nothing reloaded). */
async function shootAll(page: Page, name: string, ready: Locator, check: string): Promise<void> {
  for (const lang of ['zh-TW', 'en'] as Lang[]) {
    if ((await page.locator('html').getAttribute('lang')) !== lang) await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.locator('html').getAttribute('lang'), { timeout: 5_000 }).toBe(lang);
    await ready.waitFor();
    await checkA11y(page, `${check} (${lang})`);
    for (const size of Object.keys(SIZES) as Size[]) {
      await page.setViewportSize(SIZES[size]);
      await shoot(page, name, lang, size, { fullPage: true });
    }
    await page.setViewportSize(SIZES.desktop);
  }
  if ((await page.locator('html').getAttribute('lang')) !== 'zh-TW') await page.getByTestId('lang-switch').click();
}

describe('the end of a call: summary, case number, the conversation to keep', () => {
  let server: TestServer;
  const page = usePages();
  beforeAll(async () => {
    server = await startTestServer({ workers: 1, env: { WRAP_UP_SEC: '5' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('on the web: the interpreter files a case and hangs up; the caller sees the name and number and downloads the conversation', async () => {
    const { desk, caller } = await answeredCall(server, page, { interpreter: INTERPRETER, topic: 'consultation' });
    const number = await fileConsultation(desk, caller);
    await talk(desk, caller);

    await desk.getByTestId('hangup').click();
    const ended = caller.locator('[data-testid="call-ended"][data-ended-by="interpreter"]');
    await ended.waitFor({ timeout: 10_000 });
    await expect(caller.getByTestId('call-ended-by').textContent()).resolves.toBe('翻譯員結束了通話。');
    await expect(caller.getByTestId('call-summary-interpreter').textContent()).resolves.toBe(INTERPRETER);
    await expect(caller.getByTestId('call-summary-cases').textContent()).resolves.toBe(number);
    expect(Number(await caller.getByTestId('call-summary-duration').getAttribute('data-seconds'))).toBeGreaterThanOrEqual(0);
    await expect(caller.getByTestId('case-receipt-number').textContent()).resolves.toBe(number);
    await caller.locator('[data-testid="call-transcript"][data-count="2"][data-complete="true"]').waitFor({ timeout: 10_000 });

    const [download] = await Promise.all([caller.waitForEvent('download'), caller.getByTestId('call-transcript-download').click()]);
    const day = taipeiToday();
    expect(download.suggestedFilename()).toMatch(new RegExp(`^sign-relay-1999-conversation-${day.replaceAll('-', '')}-\\d{4}\\.txt$`));
    const text = (await readFile(await download.path())).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(`日期：${day}（臺北時間）`);
    expect(text).toContain(`手語翻譯員：${INTERPRETER}`);
    expect(text).toContain(number);
    expect(text).toMatch(new RegExp(`\\[\\d\\d:\\d\\d:\\d\\d\\] 翻譯員 ${INTERPRETER}：請把地址打給我`));
    expect(text).toMatch(/\[\d\d:\d\d:\d\d\] 我：信義區市府路1號\n {4}靠近捷運站/);

    // The conversation can be read on the page too, and the screen is checked and shot in both languages.
    await caller.getByTestId('call-transcript-show').click();
    await caller.getByTestId('call-transcript-list').waitFor();
    await shootAll(caller, 'after-call', ended, 'after the call (web)');
  });

  it('on a kiosk: the visitor hangs up and reads the conversation on screen; nothing to download, and Finish wipes it', async () => {
    const who = await server.staff('interpreter', { name: INTERPRETER });
    const desk = await page(server.url);
    await signIn(desk, '/desk', who);
    await goAvailable(desk);
    const kiosk = await page(server.url);
    await kiosk.goto('/kiosk/?kiosk=DA-01');
    await kiosk.getByTestId('start-video-call').click();
    await kiosk.getByTestId('topic-consultation').click();
    await kiosk.getByTestId('queue-join').click();
    await waitForOffer(desk);
    await desk.getByTestId('offer-accept').click();
    await Promise.all([connected(kiosk), connected(desk)]);
    const number = await fileConsultation(desk, kiosk);
    await talk(desk, kiosk);

    await kiosk.getByTestId('hangup').click();
    const ended = kiosk.locator('[data-testid="call-ended"][data-ended-by="caller"]');
    await ended.waitFor({ timeout: 10_000 });
    await expect(kiosk.getByTestId('call-ended-by').textContent()).resolves.toBe('您掛斷了通話。');
    await expect(kiosk.getByTestId('call-summary-interpreter').textContent()).resolves.toBe(INTERPRETER);
    await expect(kiosk.getByTestId('call-summary-cases').textContent()).resolves.toBe(number);
    const list = kiosk.getByTestId('call-transcript-list');
    await kiosk.locator('[data-testid="call-transcript"][data-count="2"]').waitFor({ timeout: 10_000 });
    await expect(list.textContent()).resolves.toContain('請把地址打給我');
    await expect(list.textContent()).resolves.toContain('信義區市府路1號');
    expect(await kiosk.getByTestId('call-transcript-download').count()).toBe(0);
    expect(await kiosk.getByTestId('case-receipt-copy').count()).toBe(0);
    await shootAll(kiosk, 'after-call-kiosk', ended, 'after the call (kiosk)');

    // 結束使用: nothing of the visit stays.
    await kiosk.getByTestId('kiosk-finish').click();
    await kiosk.getByTestId('start-video-call').waitFor({ timeout: 10_000 });
    expect(await kiosk.evaluate('sessionStorage.length')).toBe(0);
    expect(await kiosk.getByText('信義區市府路1號').count()).toBe(0);
    expect(await kiosk.getByText(number).count()).toBe(0);
  });

  it('at the end of a text chat the web caller downloads the conversation too', async () => {
    const { caller, tab } = await answeredTextChat(server, page, '翻譯員 陳');
    await sendByEnter(caller, '我想問垃圾車的時間');
    await seeMessage(tab, '我想問垃圾車的時間', 'guest');
    await sendByEnter(tab, '請問在哪一區？');
    await seeMessage(caller, '請問在哪一區？', 'staff');
    await tab.getByTestId('chat-end').click();
    await caller.locator('[data-testid="chat-ended"][data-by="staff"]').waitFor({ timeout: 10_000 });
    const [download] = await Promise.all([caller.waitForEvent('download'), caller.getByTestId('call-transcript-download').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^sign-relay-1999-text-chat-${taipeiToday().replaceAll('-', '')}-\\d{4}\\.txt$`));
    const text = (await readFile(await download.path())).toString('utf8');
    expect(text).toContain('文字對話紀錄');
    expect(text).toContain('手語翻譯員：翻譯員 陳');
    expect(text).toMatch(/我：我想問垃圾車的時間/);
    expect(text).toMatch(/翻譯員 翻譯員 陳：請問在哪一區？/);
    await checkA11y(caller, 'the end of a text chat');
  });

  it('the topic screen puts plain words under 陳情 / 轉接 / 派工', async () => {
    const caller = await page(server.url);
    await caller.goto('/');
    await caller.getByTestId('start-video-call').click();
    const plain = caller.getByTestId('topic-plain-petition');
    await plain.waitFor({ timeout: 10_000 });
    await expect(plain.textContent()).resolves.toBe('抱怨・建議');
    await expect(caller.getByTestId('topic-plain-dispatch').textContent()).resolves.toBe('東西壞了');
    await shootAll(caller, 'topic', plain, 'the topic screen');
  });
});
