import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { launchBrowser, measureDecodeRate, newCallContext, pageErrors } from './browser.ts';
import { callerJoins, callOfEntry, connected, deskState, goAvailable, mediaStats, queuePosition, signIn, waitForOffer } from './flows.ts';

/** The wallboard row of one interpreter reaches a state. */
async function wallboardShows(page: Page, userId: string, state: string, timeout = 15_000): Promise<void> {
  await page.locator(`[data-testid="wb-interpreter"][data-user-id="${userId}"][data-state="${state}"]`).waitFor({ timeout });
}

async function waitingCount(page: Page, n: number, timeout = 15_000): Promise<void> {
  await page.locator(`[data-testid="wb-waiting-count"][data-value="${n}"]`).waitFor({ timeout });
}

describe('the call queue in real browsers: two callers, one interpreter, a supervisor watching', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const context = async (): Promise<BrowserContext> => {
    const c = await newCallContext(browser, server.url);
    contexts.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startTestServer({ workers: 1, env: { WRAP_UP_SEC: '3' } });
    browser = await launchBrowser();
  });
  // Every test's people go away with it (desks go offline), so the next test starts with an empty floor.
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

  it('shows the second caller position 2 and a wait, rings the desk visibly, and serves the second caller after wrap-up runs out', async () => {
    const interpreter = await server.staff('interpreter', { name: '翻譯員 林', gender: 'female' });
    const supervisor = await server.staff('supervisor', { name: '督導 王' });
    const desk = await (await context()).newPage();
    const board = await (await context()).newPage();
    const first = await (await context()).newPage();
    const second = await (await context()).newPage();

    await signIn(board, '/wallboard', supervisor);
    await signIn(desk, '/desk', interpreter);
    await deskState(desk, 'offline');
    await goAvailable(desk);
    await wallboardShows(board, interpreter.userId, 'available');
    await waitingCount(board, 0);

    // The first caller rings the desk; while it rings, the second caller joins behind them.
    await callerJoins(first, { topic: 'petition' });
    const firstEntry = await waitForOffer(desk);
    await first.locator('[data-testid="queue-state"][data-state="offered"]').waitFor({ timeout: 10_000 });
    expect(await queuePosition(first)).toBe(1);
    await callerJoins(second, { topic: 'skip', gender: 'female' });
    expect(await queuePosition(second)).toBe(2);
    const wait = second.getByTestId('queue-wait');
    const seconds = Number(await wait.getAttribute('data-seconds'));
    expect(seconds).toBeGreaterThan(0);
    expect(await wait.textContent()).toMatch(/約 \d+ 分鐘/);
    await expect(second.getByTestId('queue-state').getAttribute('data-state')).resolves.toBe('waiting');

    // The visual ring: a countdown that runs down, and what the caller chose.
    await wallboardShows(board, interpreter.userId, 'offered');
    await waitingCount(board, 2);
    await deskState(desk, 'offered');
    const countdown = desk.getByTestId('offer-countdown');
    const t0 = Number(await countdown.getAttribute('data-seconds'));
    expect(t0).toBeGreaterThan(0);
    expect(t0).toBeLessThanOrEqual(20);
    await desk.waitForTimeout(1_600);
    expect(Number(await countdown.getAttribute('data-seconds'))).toBeLessThan(t0);
    await expect(desk.getByTestId('offer-topic').getAttribute('data-topic')).resolves.toBe('petition');

    // Answered (with the keyboard shortcut): the first caller is connected, the second moves up, the wallboard follows.
    await desk.keyboard.press('a');
    await first.getByTestId('queue-connected-alert').waitFor({ timeout: 10_000 });
    const firstCall = await callOfEntry(server, firstEntry);
    await Promise.all([connected(first), connected(desk)]);
    await second.locator('[data-testid="queue-position"][data-position="1"]').waitFor({ timeout: 10_000 });
    await wallboardShows(board, interpreter.userId, 'in-call');
    await waitingCount(board, 1);
    await board.locator('[data-testid="wb-calls-in-progress"][data-value="1"]').waitFor({ timeout: 10_000 });
    await board.locator('[data-testid="wb-longest-wait"]').waitFor();

    // The first call ends; wrap-up counts down from 3 s and runs out by itself.
    await first.getByTestId('hangup').click();
    await first.getByTestId('call-again').waitFor();
    await deskState(desk, 'wrap-up', 10_000);
    const left = Number(await desk.getByTestId('wrapup-timer').getAttribute('data-seconds'));
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(3);
    await wallboardShows(board, interpreter.userId, 'wrap-up');
    expect(await mediaStats(server, firstCall)).toMatchObject({ active: false, routerAlive: false, transports: 0 });

    // Back to available without a click; the second caller rings, is answered, and both see each other.
    const secondEntry = await waitForOffer(desk, 15_000);
    await second.locator('[data-testid="queue-state"][data-state="offered"]').waitFor({ timeout: 10_000 });
    await desk.getByTestId('offer-accept').click();
    await second.getByTestId('queue-connected-alert').waitFor({ timeout: 10_000 });
    const secondCall = await callOfEntry(server, secondEntry);
    await Promise.all([connected(second), connected(desk)]);
    await desk.waitForTimeout(1_000);
    const [s, d] = await Promise.all([measureDecodeRate(second, 2_000), measureDecodeRate(desk, 2_000)]);
    console.log(`second call decode rate: caller ${s.fps.toFixed(1)} fps, interpreter ${d.fps.toFixed(1)} fps`);
    expect(s.fps).toBeGreaterThanOrEqual(20);
    expect(d.fps).toBeGreaterThanOrEqual(20);
    await waitingCount(board, 0);
    await wallboardShows(board, interpreter.userId, 'in-call');

    await desk.getByTestId('hangup').click();
    await second.locator('[data-testid="call-ended"][data-reason="hangup"]').waitFor({ timeout: 10_000 });
    expect(await mediaStats(server, secondCall)).toMatchObject({ active: false, transports: 0, producers: 0, consumers: 0 });
    await desk.locator('[data-testid="today-call"]').nth(1).waitFor({ timeout: 10_000 });
    await board.locator('[data-testid="wb-service-level"][data-value="1"]').waitFor({ timeout: 10_000 });
  });

  it('hands a call to a colleague: the caller keeps the call, the first interpreter leaves into wrap-up', async () => {
    const a = await server.staff('interpreter', { name: '翻譯員 甲' });
    const b = await server.staff('interpreter', { name: '翻譯員 乙' });
    const deskA = await (await context()).newPage();
    const deskB = await (await context()).newPage();
    const caller = await (await context()).newPage();
    await signIn(deskA, '/desk', a);
    await signIn(deskB, '/desk', b);
    await goAvailable(deskA);
    await callerJoins(caller, { topic: 'transfer' });
    await waitForOffer(deskA);
    await deskA.getByTestId('offer-accept').click();
    await Promise.all([connected(caller), connected(deskA)]);

    await goAvailable(deskB);
    await deskA.getByTestId('transfer-open').click();
    const target = deskA.locator(`[data-testid="transfer-target"][data-user-id="${b.userId}"]`);
    await target.and(deskA.locator('[data-state="available"]')).waitFor({ timeout: 10_000 });
    await target.click();
    await deskA.getByTestId('transfer-pending').waitFor();
    await deskB.locator('[data-testid="offer"][data-transfer="true"]').waitFor({ timeout: 10_000 });
    await deskB.getByTestId('offer-accept').click();

    await deskA.locator('[data-testid="call-ended"][data-reason="left"]').waitFor({ timeout: 15_000 });
    await deskState(deskA, 'wrap-up');
    await connected(deskB);
    await caller.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout: 15_000 });
    const m = await measureDecodeRate(caller, 2_000);
    expect(m.fps).toBeGreaterThanOrEqual(20);
    await deskB.getByTestId('hangup').click();
    await caller.locator('[data-testid="call-ended"][data-reason="hangup"]').waitFor({ timeout: 10_000 });
  });

  it('puts an interpreter who misses two rings on break, and says why on the desk', { timeout: 120_000 }, async () => {
    const i = await server.staff('interpreter', { name: '翻譯員 丁' });
    const desk = await (await context()).newPage();
    const caller = await (await context()).newPage();
    await signIn(desk, '/desk', i);
    await goAvailable(desk);
    await callerJoins(caller);
    await waitForOffer(desk);
    // Nobody answers: the ring runs out (20 s), the call moves on and rings here again, and runs out again.
    await desk.getByTestId('missed-offers-notice').waitFor({ timeout: 50_000 });
    if (process.env.SCREENSHOT_DIR) await desk.screenshot({ path: `${process.env.SCREENSHOT_DIR}/desk-missed-offers.png`, fullPage: true });
    await deskState(desk, 'break');
    await expect(desk.getByTestId('missed-offers-notice').getAttribute('role')).resolves.toBe('alert');
    // The caller is not rung meanwhile (their screen follows within a live update).
    await caller.locator('[data-testid="queue-state"][data-state="waiting"]').waitFor({ timeout: 5_000 });
    // Back to available from the notice itself: the caller rings again at once.
    await desk.getByTestId('missed-offers-available').click();
    await waitForOffer(desk);
    await expect(desk.getByTestId('missed-offers-notice').count()).resolves.toBe(0);
    await desk.getByTestId('offer-decline').click();
    await desk.locator('[data-testid="offer-ended"][data-why="declined"]').waitFor({ timeout: 10_000 });
    await caller.getByTestId('queue-leave').click();
    await caller.locator('[data-testid="queue-left"][data-reason="left"]').waitFor({ timeout: 10_000 });
  });

  it('tells the caller plainly when their interpreter drops out, and puts them first in line', async () => {
    const i = await server.staff('interpreter', { name: '翻譯員 丙' });
    const deskCtx = await context();
    const desk = await deskCtx.newPage();
    const caller = await (await context()).newPage();
    await signIn(desk, '/desk', i);
    await goAvailable(desk);
    await callerJoins(caller);
    await waitForOffer(desk);
    await desk.getByTestId('offer-accept').click();
    await Promise.all([connected(caller), connected(desk)]);

    await deskCtx.close();
    await caller.getByTestId('queue-requeued').waitFor({ timeout: 20_000 });
    await caller.locator('[data-testid="queue-position"][data-position="1"]').waitFor({ timeout: 10_000 });
    await caller.getByTestId('queue-leave').click();
    await caller.locator('[data-testid="queue-left"][data-reason="left"]').waitFor({ timeout: 10_000 });
  });
});
