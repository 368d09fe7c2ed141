/**
 * The kiosk's patience, in real browsers against the real server, with a 20 s idle time: a visitor waiting in
 * line untouched for longer than the idle time (and its question) keeps their place — no question, nothing given
 * up — while a screen a visitor left beside it asks "還在使用嗎？" over the whole screen, flashing. When the
 * interpreter answers a visitor who walked away, sees the empty kiosk and hangs up, the untouched summary asks
 * and the visit then ends clean.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { connected, signIn, waitForOffer } from './flows.ts';
import { checkA11y, usePages } from './pages.ts';
import { shoot, SIZES, type Lang, type Size } from './screens.ts';

const IDLE_SEC = 20;
/** "Are you still there?" waits half the idle time when that is under 30 s. */
const ASK_SEC = IDLE_SEC / 2;

/** Resolves once the prompt shows, and checks it covers the whole screen and flashes. */
async function promptShows(kiosk: Page, timeout: number): Promise<void> {
  const ask = kiosk.getByTestId('kiosk-still-there');
  await ask.waitFor({ timeout });
  const look = await ask.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return { x: r.x, y: r.y, width: r.width, height: r.height, animation: s.animationName, duration: s.animationDuration, vw: innerWidth, vh: innerHeight };
  });
  expect({ x: look.x, y: look.y, width: look.width, height: look.height }).toEqual({ x: 0, y: 0, width: look.vw, height: look.vh });
  expect(look.animation).toBe('kiosk-ask-flash');
  // One flash a second: far under the three a second of WCAG 2.3.1.
  expect(look.duration).toBe('1s');
  await expect.poll(() => kiosk.evaluate(`document.activeElement?.dataset.testid`), { timeout: 2_000 }).toBe('kiosk-still-here');
}

describe('a kiosk lets visitors wait: waiting is not idleness', () => {
  let server: TestServer;
  const page = usePages();
  beforeAll(async () => {
    server = await startTestServer({ workers: 1, env: { WRAP_UP_SEC: '5' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a visitor in line longer than the idle time keeps their place; an unused screen asks; after the call the visit ends clean', async () => {
    const who = await server.staff('interpreter', { name: '翻譯員 耐心' });
    const desk = await page(server.url);
    await signIn(desk, '/desk', who);

    // The visitor joins the line while nobody is available, then looks away.
    const kiosk = await page(server.url);
    await kiosk.goto(`/kiosk/?kiosk=DA-01&idle=${IDLE_SEC}`);
    await kiosk.getByTestId('start-video-call').click();
    await kiosk.getByTestId('topic-skip').click();
    await kiosk.getByTestId('queue-join').click();
    await kiosk.locator('[data-testid="queue-position"][data-position="1"]').waitFor({ timeout: 15_000 });
    await kiosk.locator('[data-testid="kiosk"][data-visit-held="true"]').waitFor();
    const joinedAt = Date.now();

    // Beside it, two kiosks where a visitor opened the topic screen and walked away (zh-TW and English): each asks
    // after the idle time — over the whole screen. (The English one waits 30 s, so the two questions do not overlap
    // while both are shot.)
    const idleZh = await page(server.url);
    const idleEn = await page(server.url, 'en');
    await Promise.all([idleZh.goto(`/kiosk/?kiosk=DA-02&idle=${IDLE_SEC}`), idleEn.goto('/kiosk/?kiosk=DA-03&idle=30')]);
    await Promise.all([idleZh.getByTestId('start-video-call').click(), idleEn.getByTestId('start-video-call').click()]);
    await idleZh.evaluate('window.__beforeTheEnd = true');
    for (const [p, lang] of [
      [idleZh, 'zh-TW'],
      [idleEn, 'en'],
    ] as [Page, Lang][]) {
      await promptShows(p, 40_000);
      await checkA11y(p, `kiosk "are you still there?" (${lang})`);
      for (const size of Object.keys(SIZES) as Size[]) {
        await p.setViewportSize(SIZES[size]);
        await shoot(p, 'kiosk-still-there', lang, size);
      }
      await p.setViewportSize(SIZES.desktop);
    }
    await expect(idleEn.getByTestId('kiosk-still-there').textContent()).resolves.toContain('Are you still there?');

    // The waiting visitor: past the idle time and its question, untouched, still in line and never asked.
    while (Date.now() - joinedAt < (IDLE_SEC + ASK_SEC + 5) * 1000) {
      expect(await kiosk.getByTestId('kiosk-still-there').count()).toBe(0);
      await kiosk.waitForTimeout(1_000);
    }
    await kiosk.locator('[data-testid="queue-position"][data-position="1"]').waitFor();
    expect(await kiosk.evaluate(`sessionStorage.getItem('sign-relay.queueEntry')`)).not.toBeNull();
    expect(await kiosk.getByTestId('queue-left').count()).toBe(0);
    // The unused kiosk, unanswered, started over (the app was loaded afresh: the mark set before is gone).
    await expect.poll(() => idleZh.evaluate('window.__beforeTheEnd === true'), { timeout: 15_000 }).toBe(false);
    await idleZh.getByTestId('start-video-call').waitFor({ timeout: 10_000 });
    expect(await idleZh.getByTestId('kiosk-still-there').count()).toBe(0);

    // The interpreter answers the visitor who kept their place: the call starts.
    // (The ring comes at once: the desk goes straight from available to ringing.)
    await desk.getByTestId('status-available').click();
    await waitForOffer(desk);
    await desk.getByTestId('offer-accept').click();
    await Promise.all([connected(kiosk), connected(desk)]);
    expect(await kiosk.getByTestId('kiosk-still-there').count()).toBe(0);

    // Nobody there: the interpreter hangs up. The summary, untouched, asks after the idle time; then the visit ends.
    await desk.getByTestId('hangup').click();
    await kiosk.locator('[data-testid="call-ended"][data-ended-by="interpreter"]').waitFor({ timeout: 10_000 });
    const endedAt = Date.now();
    await promptShows(kiosk, (IDLE_SEC + 5) * 1000);
    expect(Date.now() - endedAt).toBeGreaterThanOrEqual((IDLE_SEC - 2) * 1000);
    await kiosk.getByTestId('start-video-call').waitFor({ timeout: (ASK_SEC + 10) * 1000 });
    await expect.poll(() => kiosk.evaluate('sessionStorage.length'), { timeout: 10_000 }).toBe(0);
    expect(await kiosk.getByTestId('call-summary').count()).toBe(0);
  });
});
