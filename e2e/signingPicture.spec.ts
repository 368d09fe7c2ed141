/**
 * The signing picture on every call screen, measured in a real browser with the fake camera (640×480): the
 * remote picture (its visible part, letterbox bars excluded) covers at least 55 % of the window on a desktop
 * and a kiosk and the whole width of a phone, and the self-view never lies on it — with the call's chat
 * closed and open, in full screen, in zh-TW and English. Screens: the web caller's call (1280×800, 390×844,
 * 1080×1920), the kiosk's call (1920×1080 and 1080×1920) and the interpreter's desk in a call (1280×800,
 * 1920×1080). Each is checked with axe and shot for docs/screens.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { answeredCall, connected, goAvailable, signIn, waitForOffer } from './flows.ts';
import { checkA11y, usePages } from './pages.ts';
import { boxOf, expectSigningPicture, overlapArea, pictureBox, shoot, SIZES } from './screens.ts';
import type { Lang, Size } from './screens.ts';

const DAY = '2026-12-01T10:00:00+08:00';

/** Resolves once the <video> shows frames (its picture size is known). */
async function playing(video: Locator): Promise<void> {
  await video.evaluate(`(v) => new Promise((resolve) => { const tick = () => (v.readyState >= 2 && v.videoWidth > 0 ? resolve(true) : setTimeout(tick, 50)); tick(); })`);
}

/** Switches the page to `lang` with the language button when it shows the other one. */
async function useLang(page: Page, lang: Lang): Promise<void> {
  const want = lang === 'en' ? 'en' : 'zh-TW';
  if ((await page.evaluate(() => document.documentElement.lang)) === want) return;
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction((l) => document.documentElement.lang === l, want);
}

/** Nothing lies over the picture: what the browser finds at its centre and near its corners is the picture. */
async function expectUncovered(page: Page, video: Locator, where: string): Promise<void> {
  const box = await pictureBox(video);
  const points: [number, number][] = [
    [box.x + box.width / 2, box.y + box.height / 2],
    [box.x + 10, box.y + 10],
    [box.x + box.width - 10, box.y + 10],
    [box.x + 10, box.y + box.height - 10],
    [box.x + box.width - 10, box.y + box.height - 10],
  ];
  const testIds = await page.evaluate((pts) => pts.map(([x, y]) => document.elementFromPoint(x, y)?.closest('[data-testid]')?.getAttribute('data-testid') ?? null), points);
  expect(testIds, `${where}: something lies over the picture`).toEqual(points.map(() => 'remote-video'));
}

/** The chat's field is on screen and not covered (by the controls or anything else). */
async function expectChatFieldUsable(page: Page, where: string): Promise<void> {
  const field = page.locator('[data-testid="call-chat"] textarea');
  await field.waitFor({ timeout: 10_000 });
  const b = await boxOf(field);
  const vp = page.viewportSize()!;
  expect(b.y >= 0 && b.y + b.height <= vp.height + 0.5 && b.x >= 0 && b.x + b.width <= vp.width + 0.5, `${where}: the chat field is off screen ${JSON.stringify(b)}`).toBe(true);
  const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.tagName ?? null, [b.x + b.width / 2, b.y + b.height / 2] as const);
  expect(hit, `${where}: something lies over the chat field`).toBe('TEXTAREA');
  const controls = await boxOf(page.getByRole('group').filter({ has: page.getByTestId('hangup') }));
  expect(overlapArea(b, controls), `${where}: the controls lie over the chat field`).toBe(0);
  // Hang-up stays one tap away while the chat is open: on screen, and what a tap on it reaches.
  const hangup = await boxOf(page.getByTestId('hangup'));
  expect(hangup.y >= 0 && hangup.y + hangup.height <= vp.height + 0.5, `${where}: hang-up is off screen ${JSON.stringify(hangup)}`).toBe(true);
  const onHangup = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('[data-testid]')?.getAttribute('data-testid') ?? null, [hangup.x + hangup.width / 2, hangup.y + hangup.height / 2] as const);
  expect(onHangup, `${where}: something lies over hang-up`).toBe('hangup');
}

/** Measures the caller's call screen as it is, with its chat closed and then open, and shoots both. */
async function measureCaller(page: Page, screen: string, lang: Lang, sizeName: string, rule: Size): Promise<void> {
  const remote = page.getByTestId('remote-video');
  const self = page.getByTestId('self-tile');
  const chatButton = page.getByTestId('call-chat-open');
  const where = `${screen} ${lang} ${sizeName}`;
  await page.waitForTimeout(150);
  await expectSigningPicture(page, remote, self, rule, `${where}, chat closed`);
  await expectUncovered(page, remote, `${where}, chat closed`);
  await shoot(page, screen, lang, sizeName);
  await checkA11y(page, `${where}, chat closed`);

  await chatButton.click();
  await expectChatFieldUsable(page, `${where}, chat open`);
  await expectSigningPicture(page, remote, self, rule, `${where}, chat open`);
  await expectUncovered(page, remote, `${where}, chat open`);
  await shoot(page, `${screen}-chat`, lang, sizeName);
  await checkA11y(page, `${where}, chat open`);
  await chatButton.click();
  await page.locator('[data-testid="call-chat"][data-open="false"]').waitFor();
}

/** Full screen: the picture grows (or stays as large), nothing lies on it; the same button, and Esc, leave it. */
async function fullScreenRoundTrip(page: Page, rule: Size, where: string): Promise<void> {
  const remote = page.getByTestId('remote-video');
  const before = await pictureBox(remote);
  const button = page.getByTestId('full-screen');
  await button.click();
  await page.locator('[data-testid="full-screen"][data-full="true"]').waitFor();
  await page.waitForTimeout(200);
  const inFull = await pictureBox(remote);
  expect(inFull.width * inFull.height, `${where}: full screen makes the picture no smaller`).toBeGreaterThanOrEqual(before.width * before.height - 1);
  await expectSigningPicture(page, remote, page.getByTestId('self-tile'), rule, `${where}, full screen`);
  await expectUncovered(page, remote, `${where}, full screen`);
  await button.click();
  await page.locator('[data-testid="full-screen"][data-full="false"]').waitFor();
  await button.click();
  await page.locator('[data-testid="full-screen"][data-full="true"]').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="full-screen"][data-full="false"]').waitFor();
}

describe('the signing picture: the largest the screen allows, nothing on it', () => {
  let server: TestServer;
  const page = usePages();
  beforeAll(async () => {
    server = await startTestServer({ workers: 1, env: { SERVICE_CLOCK_START: DAY } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("the web caller's call and the interpreter's desk: every size, chat closed and open, full screen, both languages", async () => {
    const { desk, caller } = await answeredCall(server, page, { interpreter: '翻譯員 畫面', topic: 'consultation' });
    await caller.getByTestId('queue-connected-alert').waitFor({ state: 'detached', timeout: 10_000 });
    await Promise.all([playing(caller.getByTestId('remote-video')), playing(desk.getByTestId('remote-video'))]);

    // The camera toggle says one state, in words.
    const camera = caller.getByTestId('toggle-camera');
    await expect(camera.textContent()).resolves.toContain('鏡頭：開');

    for (const lang of ['zh-TW', 'en'] as const) {
      await useLang(caller, lang);
      for (const size of ['desktop', 'phone', 'kiosk'] as const) {
        await caller.setViewportSize(SIZES[size]);
        await measureCaller(caller, 'call-caller', lang, size, size);
      }
    }
    await expect(camera.textContent()).resolves.toContain('Camera: on');
    await camera.click();
    await expect(camera.textContent()).resolves.toContain('Camera: off');
    await expect(camera.getAttribute('aria-pressed')).resolves.toBe('true');
    await camera.click();
    await expect(camera.textContent()).resolves.toContain('Camera: on');

    for (const size of ['desktop', 'phone', 'kiosk'] as const) {
      await caller.setViewportSize(SIZES[size]);
      await fullScreenRoundTrip(caller, size, `web caller ${size}`);
    }
    await caller.setViewportSize(SIZES.desktop);
    await caller.getByTestId('full-screen').click();
    await shoot(caller, 'call-caller-full', 'en', 'desktop');
    await caller.keyboard.press('Escape');

    // The interpreter's desk: the caller's picture beside the console (its tools in their narrow layout).
    for (const lang of ['zh-TW', 'en'] as const) {
      await useLang(desk, lang);
      for (const [name, viewport] of [
        ['desktop', SIZES.desktop],
        ['1920x1080', { width: 1920, height: 1080 }],
      ] as const) {
        await desk.setViewportSize(viewport);
        await desk.waitForTimeout(150);
        const where = `desk ${lang} ${name}`;
        await expectSigningPicture(desk, desk.getByTestId('remote-video'), desk.getByTestId('self-tile'), 'desktop', where);
        await expectUncovered(desk, desk.getByTestId('remote-video'), where);
        for (const id of ['toggle-camera', 'toggle-mic', 'hangup', 'desk-state', 'console-tab-case']) {
          const b = await boxOf(desk.getByTestId(id).first());
          expect(b.y >= 0 && b.y + b.height <= viewport.height + 0.5, `${where}: ${id} in view`).toBe(true);
        }
        expect(await desk.evaluate(() => document.scrollingElement!.scrollHeight), `${where}: the page scrolls`).toBeLessThanOrEqual(viewport.height);
        await shoot(desk, 'call-desk', lang, name);
        await checkA11y(desk, where);
      }
    }
  });

  it("the kiosk's call, landscape and portrait: the chat closed and open, full screen, both languages", async () => {
    const who = await server.staff('interpreter', { name: '翻譯員 站' });
    const desk = await page(server.url);
    await signIn(desk, '/desk', who);
    await goAvailable(desk);
    const kiosk = await page(server.url);
    await kiosk.setViewportSize({ width: 1920, height: 1080 });
    await kiosk.goto('/kiosk/?kiosk=DA-09');
    await kiosk.getByTestId('start-video-call').click();
    await kiosk.getByTestId('topic-skip').click();
    await kiosk.getByTestId('queue-join').click();
    await waitForOffer(desk);
    await desk.getByTestId('offer-accept').click();
    await Promise.all([connected(kiosk), connected(desk)]);
    await kiosk.getByTestId('queue-connected-alert').waitFor({ state: 'detached', timeout: 10_000 });
    await playing(kiosk.getByTestId('remote-video'));

    for (const lang of ['zh-TW', 'en'] as const) {
      await useLang(kiosk, lang);
      for (const [name, viewport] of [
        ['1920x1080', { width: 1920, height: 1080 }],
        ['kiosk', SIZES.kiosk],
      ] as const) {
        await kiosk.setViewportSize(viewport);
        await measureCaller(kiosk, 'call-kiosk', lang, name, 'kiosk');
      }
    }
    await fullScreenRoundTrip(kiosk, 'kiosk', 'kiosk portrait');
    await kiosk.setViewportSize({ width: 1920, height: 1080 });
    await fullScreenRoundTrip(kiosk, 'kiosk', 'kiosk landscape');
  });
});
