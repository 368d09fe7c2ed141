/**
 * The desk's console in a real browser at 1280×800: in a video call, with the case form open, the call's chat
 * open and a text chat ringing (then taken), the page never scrolls, and the caller's picture, the call timer
 * and the controls are whole on screen with nothing over them. The ring takes no focus. The case form is
 * filled from the keyboard and the map, saved as typed, kept across a reload, and filed.
 *
 * With CONSOLE_SCREENSHOTS=<dir> it also writes screenshots of the console (1280×800, 1920×1080, 390×844; zh-TW
 * and English) to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_NUMBER_PATTERN } from '@sign-relay/shared';
import { startTestServer, type TestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { answerChat, seeMessage, sendByEnter, setChatAvailability } from './chatFlows.ts';
import { answeredCall, callerJoins, connected, goAvailable, signIn, waitForOffer } from './flows.ts';
import { checkA11y, usePages } from './pages.ts';

const SHOTS = process.env.CONSOLE_SCREENSHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

interface Part {
  /** Wholly inside the window. */
  inView: boolean;
  /** What `elementFromPoint` finds at its centre (and, for the picture, near its corners) is itself or inside it. */
  uncovered: boolean;
  rect: { top: number; left: number; bottom: number; right: number };
}

interface Layout {
  scrollHeight: number;
  innerHeight: number;
  parts: Record<string, Part>;
}

const PARTS = {
  video: '[data-testid="remote-tile"]',
  timer: '[data-testid="desk-state"]',
  controls: '[data-testid="console-controls"]',
  camera: '[data-testid="toggle-camera"]',
  mic: '[data-testid="toggle-mic"]',
  hangup: '[data-testid="hangup"]',
};

/** Measures the page: its scroll height, and where each part is and whether anything lies over it. */
async function layout(page: Page): Promise<Layout> {
  return page.evaluate((parts) => {
    const out: Record<string, { inView: boolean; uncovered: boolean; rect: { top: number; left: number; bottom: number; right: number } }> = {};
    for (const [name, selector] of Object.entries(parts)) {
      const el = document.querySelector(selector);
      if (!el) throw new Error(`${name}: ${selector} is not on the page`);
      const r = el.getBoundingClientRect();
      const hits = (x: number, y: number): boolean => {
        const hit = document.elementFromPoint(x, y);
        return hit !== null && (hit === el || el.contains(hit));
      };
      const points: [number, number][] = [[r.left + r.width / 2, r.top + r.height / 2]];
      // The picture must be clear all over, not only in its middle.
      if (name === 'video') points.push([r.left + 12, r.top + 12], [r.right - 12, r.top + 12], [r.right - 12, r.bottom - 12], [r.left + r.width / 2, r.bottom - 12]);
      out[name] = {
        inView: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth,
        uncovered: points.every(([x, y]) => hits(x, y)),
        rect: { top: Math.round(r.top), left: Math.round(r.left), bottom: Math.round(r.bottom), right: Math.round(r.right) },
      };
    }
    return { scrollHeight: document.scrollingElement?.scrollHeight ?? 0, innerHeight: window.innerHeight, parts: out };
  }, PARTS);
}

/** The console holds at this size: no page scroll; picture, timer and controls whole and uncovered. */
async function expectConsoleHolds(page: Page, when: string): Promise<void> {
  const l = await layout(page);
  console.log(`${when}: scrollHeight ${l.scrollHeight} / innerHeight ${l.innerHeight}; ${Object.entries(l.parts).map(([n, p]) => `${n} ${JSON.stringify(p.rect)}`).join('; ')}`);
  expect(l.scrollHeight, `${when}: the page scrolls`).toBeLessThanOrEqual(l.innerHeight);
  for (const [name, part] of Object.entries(l.parts)) {
    expect(part.inView, `${when}: ${name} is not wholly in view ${JSON.stringify(part.rect)}`).toBe(true);
    expect(part.uncovered, `${when}: something lies over the ${name}`).toBe(true);
  }
  // The picture is the large thing on the screen.
  const v = l.parts.video!.rect;
  expect((v.right - v.left) * (v.bottom - v.top), `${when}: picture area`).toBeGreaterThan(0.25 * 1280 * 800);
}

describe('the desk in a call is a console that never scrolls', () => {
  let server: TestServer;
  const page = usePages();
  beforeAll(async () => {
    server = await startTestServer({ workers: 1, env: { WRAP_UP_SEC: '30' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('at 1280×800: case form, call chat and a ringing text chat fit; the ring takes no focus; the case is filled, kept and filed', async () => {
    const { desk, caller } = await answeredCall(server, page, { interpreter: '翻譯員 王', topic: 'dispatch', beforeAvailable: (d) => setChatAvailability(d, true) });

    // The console opens on the case form, with the service the caller picked.
    const form = desk.locator('[data-testid="case-form"][data-phase="ready"]');
    await form.waitFor({ timeout: 10_000 });
    await expect(form.getAttribute('data-service')).resolves.toBe('dispatch');
    await expectConsoleHolds(desk, 'case form');

    // The dispatch item from the keyboard: words in either language narrow the list, arrows and Enter pick.
    const item = desk.getByTestId('case-item-input');
    await item.click();
    await item.pressSequentially('light');
    await expect(desk.getByTestId('case-item-option').count()).resolves.toBe(1);
    await item.press('ArrowDown');
    await item.press('Enter');
    await expect(item.getAttribute('data-code')).resolves.toBe('D06');
    await item.fill('');
    await item.pressSequentially('路樹');
    await item.press('Enter');
    await expect(item.getAttribute('data-code')).resolves.toBe('D07');

    // A point on the district map: coordinates with 5 decimals and the district it falls in.
    const map = desk.getByTestId('case-map');
    await map.waitFor({ timeout: 10_000 });
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    await desk.mouse.click(box.x + box.width * 0.62, box.y + box.height * 0.66);
    const point = desk.getByTestId('case-point');
    await expect.poll(() => point.getAttribute('data-district'), { timeout: 5_000 }).not.toBe('');
    const district = await point.getAttribute('data-district');
    await expect(desk.getByTestId('case-district').inputValue()).resolves.toBe(district);
    expect(await desk.getByTestId('case-lat').inputValue()).toMatch(/^25\.\d{1,5}$/);
    expect(await desk.getByTestId('case-lng').inputValue()).toMatch(/^121\.\d{1,5}$/);

    // Typing in the description when a text chat rings: the ring shows, the focus stays, nothing moves.
    const description = desk.getByTestId('case-description');
    await description.click();
    await description.pressSequentially('路樹倒在人行道上');
    const chatter = await page(server.url);
    await chatter.goto('/');
    await chatter.getByTestId('start-text-chat').click();
    await desk.getByTestId('chat-offer').waitFor({ timeout: 10_000 });
    await shot(desk, 'console-1280x800-zh-ringing');
    expect(await desk.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('case-description');
    await expectConsoleHolds(desk, 'case form + text chat ringing');
    await checkA11y(desk, 'console: dispatch form, map point, a text chat ringing');
    await description.pressSequentially('，擋住通行。');
    await expect(description.inputValue()).resolves.toBe('路樹倒在人行道上，擋住通行。');
    await desk.locator('[data-testid="case-save"][data-state="saved"]').waitFor({ timeout: 10_000 });

    // The call's chat open (its tab), while the text chat still rings.
    await desk.getByTestId('call-chat-open').click();
    const thread = desk.locator('[data-testid="console-pane-chat"] [data-testid="chat-thread"]');
    await sendByEnter(thread, '請打出地址');
    await seeMessage(thread, '請打出地址', 'staff');
    await shot(desk, 'console-1280x800-zh-chat');
    await expectConsoleHolds(desk, 'call chat + text chat ringing');

    // The text chat taken: its card sits under the tools; the console still holds.
    const { tab } = await answerChat(desk);
    await sendByEnter(chatter, '我想問垃圾車時間');
    await seeMessage(tab, '我想問垃圾車時間', 'guest');
    // The text chat has its own case form, inside its card.
    const chatForm = desk.getByTestId('chat-case-open');
    await chatForm.click();
    await expect(chatForm.getAttribute('aria-expanded')).resolves.toBe('true');
    await tab.locator('[data-testid="case-form"][data-phase="ready"]').waitFor({ timeout: 10_000 });
    await expectConsoleHolds(desk, 'a text chat with its case form open');
    await checkA11y(desk, 'console: a text chat with its case form open');
    await shot(desk, 'console-1280x800-zh-chat-case');
    await chatForm.click();
    await desk.getByTestId('console-tab-case').click();
    await expectConsoleHolds(desk, 'case form + a text chat in progress');
    await shot(desk, 'console-1280x800-zh');
    if (SHOTS) {
      await desk.getByTestId('case-readback').scrollIntoViewIfNeeded();
      await shot(desk, 'console-1280x800-zh-actions');
      await desk.getByTestId('console-tab-caller').click();
      await shot(desk, 'console-1280x800-zh-caller');
      await desk.getByTestId('transfer-open').click();
      await shot(desk, 'console-1280x800-zh-transfer');
      await desk.getByTestId('console-tab-case').click();
    }

    // The draft is on the server: a reload brings it back as it was.
    await desk.reload();
    await form.waitFor({ timeout: 15_000 });
    await expect(desk.getByTestId('case-item-input').getAttribute('data-code')).resolves.toBe('D07');
    await expect(desk.getByTestId('case-description').inputValue()).resolves.toBe('路樹倒在人行道上，擋住通行。');
    await expect(desk.getByTestId('case-district').inputValue()).resolves.toBe(district);
    await connected(desk);
    await expectConsoleHolds(desk, 'after a reload');

    if (SHOTS) {
      await desk.setViewportSize({ width: 1920, height: 1080 });
      await shot(desk, 'console-1920x1080-zh');
      await desk.setViewportSize({ width: 390, height: 844 });
      await shot(desk, 'console-390x844-zh');
      await desk.getByTestId('lang-switch').click();
      await shot(desk, 'console-390x844-en');
      await desk.setViewportSize({ width: 1920, height: 1080 });
      await shot(desk, 'console-1920x1080-en');
      await desk.setViewportSize({ width: 1280, height: 800 });
      await shot(desk, 'console-1280x800-en');
      await desk.getByTestId('lang-switch').click();
    }

    // Filing: without the caller's confirmation only with a reason; the number is shown large.
    await expect(desk.getByTestId('case-file').isDisabled()).resolves.toBe(true);
    await desk.getByTestId('case-skip-open').click();
    await desk.getByTestId('case-skip-reason').fill('來電者已掛斷');
    await desk.getByTestId('case-file-without').click();
    const number = await desk.getByTestId('case-number').textContent({ timeout: 10_000 });
    expect(number?.trim()).toMatch(CASE_NUMBER_PATTERN);
    await shot(desk, 'console-1280x800-zh-filed');
    await expectConsoleHolds(desk, 'case filed');
    await checkA11y(desk, 'console: the case filed');

    // Wrap-up keeps an outcome and notes on the call's record.
    await caller.getByTestId('hangup').click();
    await desk.getByTestId('wrapup-form').waitFor({ timeout: 10_000 });
    // The call's case form stays with the wrap-up (a case can still be filed after the caller hung up), and
    // the outcome starts from the case filed in this call.
    await desk.locator('.wrapup__case [data-testid="case-form"][data-phase="ready"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => desk.getByTestId('wrapup-outcome').inputValue(), { timeout: 10_000 }).toBe('case-filed');
    await expect(desk.locator('[data-testid="wrapup-filed"] [data-testid="case-list-row"]').getAttribute('data-number')).resolves.toBe(number?.trim());
    await desk.getByTestId('wrapup-outcome').selectOption('case-filed');
    await desk.getByTestId('wrapup-notes').fill('路樹派工');
    await desk.getByTestId('wrapup-save').click();
    await desk.getByTestId('wrapup-saved').waitFor({ timeout: 10_000 });
    await shot(desk, 'desk-wrapup-1280x800-zh');
    if (SHOTS) {
      // Between calls: the text chat's card with its case form, on the ordinary desk.
      await desk.getByTestId('wrapup-end').click();
      await desk.getByTestId('chat-case-open').click();
      await tab.locator('[data-testid="case-form"][data-phase="ready"]').waitFor({ timeout: 10_000 });
      await tab.scrollIntoViewIfNeeded();
      await shot(desk, 'desk-chat-card-form-1280x800-zh');
    }
  });

  it('a petition typed by one interpreter is in front of the colleague it is handed to; read back, confirmed by the caller, filed', async () => {
    const a = await server.staff('interpreter', { name: '翻譯員 甲' });
    const b = await server.staff('interpreter', { name: '翻譯員 乙' });
    const deskA = await page(server.url);
    const deskB = await page(server.url);
    await signIn(deskA, '/desk', a);
    await signIn(deskB, '/desk', b);
    await goAvailable(deskA);
    const caller = await page(server.url);
    await callerJoins(caller, { topic: 'petition' });
    await waitForOffer(deskA);
    await deskA.getByTestId('offer-accept').click();
    await Promise.all([connected(caller), connected(deskA)]);

    // The city's rule is on the form; the name and the complaint are typed and saved.
    await deskA.locator('[data-testid="case-form"][data-service="petition"]').waitFor({ timeout: 10_000 });
    await expect(deskA.getByTestId('case-petition-rule').textContent()).resolves.toContain('陳情須具真實姓名及聯絡方式（不受理匿名）');
    await deskA.getByTestId('case-caller-name').fill('陳美玲');
    await deskA.getByTestId('case-description').fill('公園廁所沒有無障礙設施');
    await deskA.locator('[data-testid="case-save"][data-state="saved"]').waitFor({ timeout: 10_000 });
    const problems = deskA.getByTestId('case-problems');
    await expect(problems.getAttribute('data-count')).resolves.toBe('1');
    await expect(problems.locator('li').getAttribute('data-rule')).resolves.toBe('contact-required');

    // Handed over from the hand-over tab; the colleague's console opens on the same draft.
    await goAvailable(deskB);
    await deskA.getByTestId('transfer-open').click();
    const target = deskA.locator(`[data-testid="transfer-target"][data-user-id="${b.userId}"]`);
    await target.and(deskA.locator('[data-state="available"]')).waitFor({ timeout: 10_000 });
    await target.click();
    await deskA.getByTestId('transfer-pending').waitFor();
    await expectConsoleHolds(deskA, 'hand-over ringing');
    await deskB.locator('[data-testid="offer"][data-transfer="true"]').waitFor({ timeout: 10_000 });
    await deskB.getByTestId('offer-accept').click();
    await deskA.locator('[data-testid="call-ended"][data-reason="left"]').waitFor({ timeout: 15_000 });
    await connected(deskB);
    await deskB.locator('[data-testid="case-form"][data-phase="ready"][data-service="petition"]').waitFor({ timeout: 10_000 });
    await expect(deskB.getByTestId('case-caller-name').inputValue()).resolves.toBe('陳美玲');
    await expect(deskB.getByTestId('case-description').inputValue()).resolves.toBe('公園廁所沒有無障礙設施');
    await deskB.getByTestId('case-caller-phone').fill('0912-345-678');
    await deskB.locator('[data-testid="case-problems"][data-count="0"]').waitFor({ timeout: 5_000 });
    await deskB.locator('[data-testid="case-save"][data-state="saved"]').waitFor({ timeout: 10_000 });
    await expectConsoleHolds(deskB, 'the colleague with the handed-over petition');

    // Read back: the caller sees it and answers 正確; the answer is on the desk, and only then can it be filed.
    await expect(deskB.getByTestId('case-file').isDisabled()).resolves.toBe(true);
    await deskB.getByTestId('case-readback').click();
    await deskB.locator('[data-testid="case-readback-state"][data-state="sent"]').waitFor({ timeout: 10_000 });
    await caller.getByTestId('readback-card').waitFor({ timeout: 10_000 });
    await caller.getByTestId('readback-correct').click();
    await deskB.locator('[data-testid="case-readback-state"][data-state="correct"]').waitFor({ timeout: 10_000 });
    await shot(deskB, 'console-1280x800-zh-petition-confirmed');
    await deskB.getByTestId('case-file').click();
    const number = (await deskB.getByTestId('case-number').textContent({ timeout: 10_000 }))?.trim();
    expect(number).toMatch(CASE_NUMBER_PATTERN);
    await expect(caller.getByTestId('case-receipt-number').textContent({ timeout: 10_000 })).resolves.toContain(number);
    await deskB.getByTestId('hangup').click();
  });
});
