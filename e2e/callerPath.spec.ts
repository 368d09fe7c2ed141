/**
 * The caller's path without contradictions, in real browsers against the real server: the first screen at night
 * puts text chat first (above the fold on a laptop and a phone) with the closed video in one line, and has no
 * way into the staff screens; a caller whose camera is refused is told so before joining the line and on the
 * waiting screen, and the desk is told too (on the ring and where the caller's picture would be); while nobody is
 * on duty the waiting screen says so plainly and offers text chat and a call-back.
 *
 * Chromium's `--use-fake-ui-for-media-stream` accepts every camera prompt whatever the context's permissions, so
 * this spec runs its own Chromium without it: a context granted camera and microphone gets the fake camera, a
 * context granted nothing gets NotAllowedError — what a caller who pressed "Block" gets.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_HOURS, type EntryId, type ServiceHours, type WeeklyHours } from '@sign-relay/shared';
import { startTestServer, type TestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { CHROMIUM_ARGS } from './browser.ts';
import { signIn, waitForOffer } from './flows.ts';
import { checkA11y } from './pages.ts';
import { SIZES, shoot, type Lang, type Size } from './screens.ts';

const NIGHT = '2026-12-01T22:00:00+08:00';
const KIOSK = 'DA-01';
const LANGS: Lang[] = ['zh-TW', 'en'];
const STAFF_PATHS = ['/desk', '/wallboard', '/cases', '/admin'];

const allDay = (): WeeklyHours => {
  const day = () => [{ open: '00:00', close: '24:00' }];
  return { 0: day(), 1: day(), 2: day(), 3: day(), 4: day(), 5: day(), 6: day() };
};

describe('the caller path at night and with video opened all day', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  /** Contexts that outlive their test (a caller left in line for the next one); closed at the end. */
  const kept: BrowserContext[] = [];

  /** A page in a new context: with the (fake) camera allowed, or with every permission refused. */
  async function open(lang: Lang, size: Size, camera: 'allowed' | 'refused' = 'allowed', keep = false): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: lang, viewport: SIZES[size], permissions: camera === 'allowed' ? ['camera', 'microphone'] : [] });
    (keep ? kept : contexts).push(context);
    await context.addInitScript(`try { localStorage.setItem('sign-relay.language', '${lang}'); } catch {}`);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.stack ?? e.message}`));
    return page;
  }

  beforeAll(async () => {
    server = await startTestServer({ workers: 1, env: { SERVICE_CLOCK_START: NIGHT } });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS.filter((a) => a !== '--use-fake-ui-for-media-stream'),
    });
  });
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
    expect(errors.splice(0), 'script errors in the pages').toEqual([]);
  });
  afterAll(async () => {
    for (const c of kept.splice(0)) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  /** On the portrait kiosk the screen's content reaches down the screen (it was all in the top 40 %). */
  async function expectHeightUsed(page: Page, size: Size, where: string): Promise<void> {
    if (size !== 'kiosk') return;
    const bottom = await page.evaluate(() => Math.max(...[...document.querySelectorAll('main *')].map((e) => e.getBoundingClientRect().bottom)));
    expect(bottom / SIZES.kiosk.height, `${where}: how far down the kiosk's screen the content reaches`).toBeGreaterThan(0.75);
  }

  /** The links on the page that lead into a staff screen. */
  async function staffLinks(page: Page): Promise<string[]> {
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    return hrefs.filter((h) => STAFF_PATHS.some((p) => h === p || h.startsWith(`${p}/`) || h.startsWith('/kiosk' + p)));
  }

  it('(c) at night: text chat first and above the fold, the closed video in one line, no staff links (laptop, phone, kiosk)', async () => {
    for (const lang of LANGS) {
      for (const size of ['desktop', 'phone', 'kiosk'] as const) {
        const caller = await open(lang, size);
        await caller.goto(size === 'kiosk' ? `/kiosk/?kiosk=${KIOSK}` : '/');
        await caller.locator('[data-testid="service-status"][data-video-open="false"]').waitFor({ timeout: 10_000 });
        expect(await caller.getByTestId('start-video-call').count()).toBe(0);
        const reopens = (await caller.getByTestId('video-reopens').textContent()) ?? '';
        expect(reopens).toContain(lang === 'en' ? 'Opens tomorrow at 09:00' : '明天 09:00 開放');
        // The closed notice is one line of words, not a card as tall as a button.
        const closed = await caller.getByTestId('video-closed').boundingBox();
        expect(closed?.height ?? 999).toBeLessThan(size === 'phone' ? 75 : 60);
        // The action that works now comes before the closed notice's neighbours and ends above the fold.
        const text = await caller.getByTestId('start-text-chat').boundingBox();
        expect(text, 'the text chat button').not.toBeNull();
        expect(text!.y + text!.height, `start-text-chat bottom at ${size}`).toBeLessThanOrEqual(SIZES[size].height);
        expect(await caller.getByTestId('text-open-until').textContent()).toContain(lang === 'en' ? 'Open at any time' : '隨時開放');
        expect(await staffLinks(caller)).toEqual([]);
        for (const id of ['desk-link', 'wallboard-link', 'cases-link', 'admin-hours-link']) expect(await caller.getByTestId(id).count()).toBe(0);
        await expectHeightUsed(caller, size, 'entry at night');
        await checkA11y(caller, `entry at night (${lang}, ${size})`);
        await shoot(caller, 'entry-night', lang, size);
        await caller.context().close();
      }
    }
  });

  it('by day: the one big action says until when, no panel repeats it, no staff links (laptop, phone, kiosk)', async () => {
    // An admin opens video all day (the review's second pass did the same); the rest of the spec runs by day.
    const { version } = await server.hours.snapshot({ fresh: true });
    const hours: ServiceHours = { ...DEFAULT_SERVICE_HOURS, video: allDay(), exceptions: [] };
    await server.hours.update(hours, version, null);

    // The first screen by day: the one big action says until when; no status panel repeating it; no staff links.
    for (const lang of LANGS) {
      for (const size of ['desktop', 'phone', 'kiosk'] as const) {
        const caller = await open(lang, size);
        await caller.goto(size === 'kiosk' ? `/kiosk/?kiosk=${KIOSK}` : '/');
        await caller.locator('[data-testid="service-status"][data-video-open="true"]').waitFor({ timeout: 10_000 });
        expect(await caller.getByTestId('video-open-until').textContent()).toContain(lang === 'en' ? 'Open at any time' : '隨時開放');
        expect(await caller.getByTestId('video-closed').count()).toBe(0);
        expect(await staffLinks(caller)).toEqual([]);
        const start = await caller.getByTestId('start-video-call').boundingBox();
        expect(start!.y + start!.height).toBeLessThanOrEqual(SIZES[size].height);
        await expectHeightUsed(caller, size, 'entry by day');
        await checkA11y(caller, `entry by day (${lang}, ${size})`);
        await shoot(caller, 'entry-day', lang, size);
        await caller.context().close();
      }
    }
  });

  it('(d) nobody on duty: the waiting screen says so plainly and offers text chat and a call-back; the self-view plays', async () => {
    // (d) A caller whose camera works, while nobody is on duty: the self-view plays; the wait is said plainly and
    // text chat and a call-back are offered right there.
    for (const lang of LANGS) {
      for (const size of ['desktop', 'phone', 'kiosk'] as const) {
        const caller = await open(lang, size);
        await caller.goto(size === 'kiosk' ? `/kiosk/?kiosk=${KIOSK}` : '/');
        await caller.getByTestId('start-video-call').click();
        await caller.getByTestId('topic-consultation').click();
        await caller.locator('[data-testid="camera-check"][data-state="ok"]').waitFor({ timeout: 10_000 });
        await checkA11y(caller, `preferences with the camera check (${lang}, ${size})`);
        await shoot(caller, 'preferences-camera', lang, size);
        await caller.getByTestId('queue-join').click();
        await caller.locator('[data-testid="queue-wait"][data-seconds="unknown"]').waitFor({ timeout: 15_000 });
        expect(await caller.getByTestId('queue-wait').textContent()).toBe(lang === 'en' ? 'No interpreter is on duty right now' : '現在沒有翻譯員值班');
        const body = (await caller.getByTestId('queue-waiting').textContent()) ?? '';
        expect(body).not.toContain(lang === 'en' ? 'Estimated wait' : '預計等候');
        expect(body).not.toContain(lang === 'en' ? 'video hours' : '視訊服務時間內再撥');
        await caller.getByTestId('waiting-to-text').waitFor();
        await caller.getByTestId('waiting-callback').waitFor();
        // The self-view shows the camera's picture.
        await caller.locator('[data-testid="camera-check"][data-state="ok"]').waitFor();
        await caller.waitForFunction(() => ((document.querySelector('[data-testid="camera-preview"]') as HTMLVideoElement | null)?.videoWidth ?? 0) > 0, undefined, { timeout: 10_000 });
        await expectHeightUsed(caller, size, 'waiting');
        await checkA11y(caller, `waiting, nobody on duty (${lang}, ${size})`);
        await shoot(caller, 'waiting-nobody', lang, size);
        if (size === 'desktop' && lang === 'zh-TW') {
          // A call-back request opens right on the waiting screen.
          await caller.getByTestId('waiting-callback').click();
          await caller.locator('[data-testid="waiting-ways"] form').waitFor();
          await checkA11y(caller, 'waiting, call-back form');
          // Text chat instead: the place in line is given up and the chat starts.
          const entryId = await caller.evaluate(() => JSON.parse(sessionStorage.getItem('sign-relay.queueEntry') ?? '{}').entryId as EntryId);
          expect((await server.store.place(entryId))?.position).toBe(1);
          await caller.getByTestId('callback-form').getByRole('button', { name: '取消' }).click();
          await caller.getByTestId('waiting-to-text').click();
          await caller.waitForURL(/\/chat$/, { timeout: 10_000 });
          await expect.poll(() => server.store.place(entryId), { timeout: 10_000 }).toBeUndefined();
          expect(await caller.evaluate(() => sessionStorage.getItem('sign-relay.queueEntry'))).toBeNull();
        } else {
          await caller.getByTestId('queue-leave').click();
          await caller.getByTestId('queue-leave').waitFor({ state: 'detached', timeout: 10_000 });
        }
        await caller.context().close();
      }
    }
  });

  let blockedEntry: EntryId | '' = '';
  it('(a) a caller whose browser refuses the camera is told before joining the line and on the waiting screen', async () => {
    // (a) A caller whose browser refuses the camera is told before joining the line, and again while waiting.
    for (const lang of LANGS) {
      for (const size of ['desktop', 'phone', 'kiosk'] as const) {
        // The first of them stays in line for the interpreter in the next test.
        const stays = lang === 'zh-TW' && size === 'desktop';
        const caller = await open(lang, size, 'refused', stays);
        await caller.goto(size === 'kiosk' ? `/kiosk/?kiosk=${KIOSK}` : '/');
        expect(await caller.evaluate(() => navigator.permissions.query({ name: 'camera' as PermissionName }).then((s) => s.state))).not.toBe('granted');
        await caller.getByTestId('start-video-call').click();
        await caller.getByTestId('topic-consultation').click();
        const problem = caller.locator('[data-testid="camera-problem"][data-error="denied"]');
        await problem.waitFor({ timeout: 10_000 });
        expect(await problem.textContent()).toContain(lang === 'en' ? 'Your camera is blocked' : '鏡頭被封鎖');
        expect(await caller.getByTestId('camera-preview').count()).toBe(0);
        await checkA11y(caller, `preferences, camera blocked (${lang}, ${size})`);
        await shoot(caller, 'preferences-camera-blocked', lang, size);
        // Joining without a camera is allowed; the waiting screen keeps saying so, with a retry.
        await caller.getByTestId('queue-join').click();
        await caller.locator('[data-testid="queue-position"][data-position]:not([data-position=""])').waitFor({ timeout: 15_000 });
        await caller.locator('[data-testid="queue-waiting"] [data-testid="camera-problem"][data-error="denied"]').waitFor();
        await caller.getByTestId('camera-check-retry').waitFor();
        if (size === 'kiosk') expect(await caller.getByTestId('camera-problem').textContent()).toContain(lang === 'en' ? 'Please tell the staff here' : '請告訴現場的服務人員');
        await checkA11y(caller, `waiting, camera blocked (${lang}, ${size})`);
        await shoot(caller, 'waiting-camera-blocked', lang, size);
        if (stays) {
          blockedEntry = await caller.evaluate(() => JSON.parse(sessionStorage.getItem('sign-relay.queueEntry') ?? '{}').entryId as EntryId);
          expect((await server.store.place(blockedEntry))?.entry.camera).toBe('blocked');
          continue; // this caller stays in line for the interpreter
        }
        await caller.getByTestId('queue-leave').click();
        await caller.getByTestId('queue-leave').waitFor({ state: 'detached', timeout: 10_000 });
        await caller.context().close();
      }
    }
    expect(blockedEntry).not.toBe('');
  });

  it('(b) the desk is told the caller\'s camera is blocked: on the ring, and in the call where the picture would be', async () => {
    // (b) The interpreter is rung for the caller without a camera: the ring says so, and in the call the
    // caller's tile says "camera blocked" instead of only "no video yet".
    expect((await server.store.places()).map((p) => p.entry.id)).toEqual([blockedEntry]);
    const who = await server.staff('interpreter', { name: '林美華' });
    const desk = await open('zh-TW', 'desktop');
    await signIn(desk, '/desk', who);
    // A caller is waiting: going available rings at once (the desk may never show "available").
    await desk.getByTestId('status-available').click();
    expect(await waitForOffer(desk)).toBe(blockedEntry);
    const ringNotice = desk.getByTestId('offer-camera');
    expect(await ringNotice.getAttribute('data-camera')).toBe('blocked');
    expect(await ringNotice.textContent()).toContain('來電者鏡頭被封鎖');
    await checkA11y(desk, 'desk ring, caller camera blocked');
    await shoot(desk, 'desk-offer-camera-blocked', 'zh-TW', 'desktop');
    await desk.getByTestId('offer-accept').click();
    const inCall = desk.locator('[data-testid="remote-tile"] [data-testid="caller-camera-notice"][data-camera="blocked"]');
    await inCall.waitFor({ timeout: 15_000 });
    expect(await inCall.textContent()).toContain('來電者鏡頭被封鎖');
    expect(await inCall.isVisible()).toBe(true);
    await checkA11y(desk, 'desk in call, caller camera blocked');
    await shoot(desk, 'desk-call-camera-blocked', 'zh-TW', 'desktop');
    await desk.getByTestId('lang-switch').click();
    await desk.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await inCall.textContent()).toContain("The caller's camera is blocked");
    await checkA11y(desk, 'desk in call, caller camera blocked (en)');
    await shoot(desk, 'desk-call-camera-blocked', 'en', 'desktop');
    await desk.setViewportSize(SIZES.phone);
    expect(await inCall.isVisible()).toBe(true);
    await shoot(desk, 'desk-call-camera-blocked', 'en', 'phone');
  });
});
