/**
 * A caller whose connection the server refuses for too many connections (this call open in other windows, or
 * too many from their network) is told so in words with a way to try again, on the web and on the kiosk, instead
 * of being left on "joining" (or, starting a text chat, on "starting…"). With SCREENSHOT_DIR set, the screen is saved at the three sizes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { callerJoins } from './flows.ts';
import { checkA11y, usePages } from './pages.ts';
import { SIZES, type Size } from './screens.ts';

const DAY = '2026-12-01T10:00:00+08:00';
const SHOTS = process.env.SCREENSHOT_DIR;

async function joinRefused(page: Page): Promise<void> {
  await page.getByTestId('start-video-call').click();
  await page.getByTestId('topic-consultation').click();
  await page.getByTestId('gender-any').click();
  await page.getByTestId('queue-join').click();
  await page.locator('[data-testid="queue-join-error"][data-error="RATE_LIMITED"]').waitFor({ timeout: 15_000 });
}

describe('a caller refused for too many connections', () => {
  let server: TestServer;
  const page = usePages();
  beforeAll(async () => {
    // One caller connection per address (every test browser connects from loopback): a second caller meets the cap.
    server = await startTestServer({ workers: 1, env: { SERVICE_CLOCK_START: DAY }, signaling: { socketsPerAddress: 1 } });
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await server?.close();
  });

  for (const size of ['desktop', 'phone'] as Size[]) {
    it(`is told why in words and can try again (web, ${size})`, async () => {
      await callerJoins(await page(server.url));
      const caller = await page(server.url);
      await caller.setViewportSize(SIZES[size]);
      await caller.goto('/');
      await joinRefused(caller);
      const notice = caller.getByTestId('queue-join-error');
      expect(await notice.textContent()).toContain('這個通話可能已在其他視窗開啟');
      expect(await notice.getAttribute('role')).toBe('alert');
      if (SHOTS) await caller.screenshot({ path: join(SHOTS, `caller-connections-full.zh-TW.${size}.png`), fullPage: true });
      await checkA11y(caller, `connections full (${size})`);
      // Trying again is not a dead end: the refusal is shown again rather than "joining" for ever.
      await caller.getByTestId('queue-join-retry').click();
      await caller.locator('[data-testid="queue-join-error"][data-error="RATE_LIMITED"]').waitFor({ timeout: 15_000 });
      await caller.getByTestId('lang-switch').click();
      await caller.getByTestId('queue-join-error').filter({ hasText: 'may already be open in other windows' }).waitFor();
    });
  }

  it('is told why on the kiosk, with large targets', async () => {
    await callerJoins(await page(server.url));
    const kiosk = await page(server.url);
    await kiosk.setViewportSize(SIZES.kiosk);
    await kiosk.goto('/kiosk/?kiosk=DA-01');
    await joinRefused(kiosk);
    expect(await kiosk.getByTestId('queue-join-error').textContent()).toContain('這個通話可能已在其他視窗開啟');
    for (const id of ['queue-join-retry']) {
      const box = await kiosk.getByTestId(id).boundingBox();
      expect(box && Math.min(box.width, box.height)).toBeGreaterThanOrEqual(72);
    }
    if (SHOTS) await kiosk.screenshot({ path: join(SHOTS, 'caller-connections-full.zh-TW.kiosk.png'), fullPage: true });
  });

  it('starting a text chat is told why too, and "start" tries again instead of "starting…" for ever', async () => {
    await callerJoins(await page(server.url));
    const caller = await page(server.url);
    await caller.setViewportSize(SIZES.phone);
    await caller.goto('/');
    await caller.getByTestId('start-text-chat').click();
    const notice = caller.locator('[data-testid="chat-start-error"][data-error="RATE_LIMITED"]');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toContain('這個對話可能已在其他視窗開啟');
    expect(await caller.getByTestId('start-text-chat').isEnabled()).toBe(true);
    if (SHOTS) await caller.screenshot({ path: join(SHOTS, 'chat-connections-full.zh-TW.phone.png'), fullPage: true });
    await checkA11y(caller, 'chat connections full');
    await caller.getByTestId('start-text-chat').click();
    await notice.waitFor({ timeout: 15_000 });
  });
});
