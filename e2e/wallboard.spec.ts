/**
 * The wallboard for every line and the desk's ring, in real browsers against a real server: a text chat
 * waiting shows on the wallboard; the alarm shows while a caller waits with nobody available and clears when
 * an interpreter goes available; an interpreter in a call shows how long they have signed without a break
 * (red past 30 minutes, from the call records); call-backs are counted. On the desk: with text chats on and
 * video off the desk does not say 離線; the ring sound and system notification switches, the browser's
 * permission asked only when turned on, a notification per ring (closed when answered) and the chime played.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { answerChat, setChatAvailability } from './chatFlows.ts';
import { callerJoins, connected, deskState, goAvailable, signIn, waitForOffer } from './flows.ts';
import { checkA11y, usePages } from './pages.ts';
import { shoot, SIZES, type Lang } from './screens.ts';

const MIN = 60_000;
const WIDE = { width: 1920, height: 1080 };

/** Records every Notification the page makes (and its closing), and every tone the chime starts. */
const WATCH_ALERTS = `(() => {
  window.__notes = [];
  window.__tones = 0;
  const Real = window.Notification;
  if (Real) {
    class Watched extends Real {
      constructor(title, opts) {
        super(title, opts);
        const rec = { title, body: (opts && opts.body) || '', closed: false };
        window.__notes.push(rec);
        const close = this.close.bind(this);
        this.close = () => { rec.closed = true; close(); };
      }
    }
    Object.defineProperty(Watched, 'permission', { get: () => Real.permission });
    Watched.requestPermission = (...a) => Real.requestPermission(...a);
    window.Notification = Watched;
  }
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...a) { window.__tones++; return start.apply(this, a); };
})();`;

interface Note {
  title: string;
  body: string;
  closed: boolean;
}
const notes = (page: Page) => page.evaluate(() => (window as unknown as { __notes: Note[] }).__notes);
const tones = (page: Page) => page.evaluate(() => (window as unknown as { __tones: number }).__tones);

async function boardValue(board: Page, testId: string, value: number | string, timeout = 15_000): Promise<void> {
  await board.locator(`[data-testid="${testId}"][data-value="${value}"]`).waitFor({ timeout });
}

describe('the wallboard for every line, and the desk ring', () => {
  let server: TestServer;
  const newPage = usePages();

  beforeAll(async () => {
    server = await startTestServer({ workers: 1 });
  });
  afterAll(async () => {
    await server?.close();
  });

  /** A finished video call of the interpreter in the call records, `fromMin`–`toMin` minutes ago. */
  const pastCall = async (interpreterId: string, fromMin: number, toMin: number): Promise<void> => {
    const now = Date.now();
    await server.db.pool.query(
      `INSERT INTO call_records (id, call_id, guest_id, channel, queued_at, answered_at, ended_at, interpreter_id, end_reason)
       VALUES ($1, $2, $3, 'web', $4, $4, $5, $6, 'hangup')`,
      [randomUUID(), randomUUID(), randomUUID(), new Date(now - fromMin * MIN), new Date(now - toMin * MIN), interpreterId],
    );
  };

  it('shows a text chat waiting, the alarm while nobody is available (cleared when someone is), signing time, call-backs', async () => {
    const supervisor = await server.staff('supervisor', { name: '督導 王' });
    const board = await newPage(server.url);
    await board.setViewportSize(WIDE);
    await signIn(board, '/wallboard', supervisor);
    await boardValue(board, 'wb-chats-waiting', 0);
    expect(await board.getByTestId('wb-alarm').count()).toBe(0);

    // A text chat waits with no chat seat open: counted, and the alarm says so in words.
    const chatter = await newPage(server.url);
    await chatter.goto('/');
    await chatter.getByTestId('start-text-chat').click();
    await boardValue(board, 'wb-chats-waiting', 1);
    await board.locator('[data-testid="wb-alarm-item"][data-kind="chat-unstaffed"]').waitFor({ timeout: 10_000 });

    // A video caller waits and no interpreter is available.
    const caller = await newPage(server.url);
    await callerJoins(caller, { topic: 'dispatch' });
    const videoAlarm = board.locator('[data-testid="wb-alarm-item"][data-kind="video-unstaffed"]');
    await videoAlarm.waitFor({ timeout: 10_000 });
    await expect.poll(() => board.getByTestId('wb-alarm').getAttribute('role')).toBe('alert');
    expect(await videoAlarm.textContent()).toContain('沒有可接聽的翻譯員');

    // A call-back request left five hours ago and not yet handled.
    const g = await server.guestToken();
    const res = await fetch(`${server.url}/api/callbacks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${g.token}` },
      body: JSON.stringify({ name: '陳小姐', phone: '0912-000-111' }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await server.db.pool.query(`UPDATE callback_requests SET created_at = now() - interval '5 hours' WHERE id = $1`, [id]);
    await boardValue(board, 'wb-callbacks-open', 1);
    await board.locator('[data-testid="wb-alarm-item"][data-kind="callback-overdue"]').waitFor({ timeout: 10_000 });

    await checkA11y(board, 'wallboard with alarms');
    await shoot(board, 'wallboard-alarm', 'zh-TW', '1920x1080');
    // The same alarms in English, on a laptop and a phone.
    await board.getByTestId('lang-switch').click();
    await board.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await videoAlarm.textContent()).toMatch(/no interpreter/i);
    for (const size of ['desktop', 'phone'] as const) {
      await board.setViewportSize(SIZES[size]);
      await checkA11y(board, `wallboard with alarms (en, ${size})`);
      await shoot(board, 'wallboard-alarm', 'en', size);
    }
    await board.getByTestId('lang-switch').click();
    await board.waitForFunction(() => document.documentElement.lang === 'zh-TW');
    await board.setViewportSize(WIDE);

    // An interpreter who has signed since 40 minutes ago (a 3-minute gap is no break) goes available: the
    // video alarm clears as the caller rings, and once answered the board shows the signing time in red.
    const interp = await server.staff('interpreter', { name: '翻譯員 林' });
    await pastCall(interp.userId, 40, 28);
    await pastCall(interp.userId, 25, 3);
    const desk = await newPage(server.url);
    await signIn(desk, '/desk', interp);
    await desk.getByTestId('status-available').click();
    await waitForOffer(desk);
    await videoAlarm.waitFor({ state: 'detached', timeout: 10_000 });
    await desk.getByTestId('offer-accept').click();
    await Promise.all([connected(caller), connected(desk)]);
    const row = board.locator(`[data-testid="wb-interpreter"][data-user-id="${interp.userId}"]`);
    await row.locator('[data-testid="wb-signing"][data-level="red"]').waitFor({ timeout: 15_000 });
    const signed = Number(await row.getByTestId('wb-signing').getAttribute('data-seconds'));
    expect(signed).toBeGreaterThan(39 * 60);
    expect(signed).toBeLessThan(42 * 60);
    expect(await row.getByTestId('wb-signing').textContent()).toContain('需要休息');

    // A second interpreter takes the chat: the chat alarm clears, the seat is in use, their row counts it.
    const texter = await server.staff('interpreter', { name: '翻譯員 陳' });
    const textDesk = await newPage(server.url);
    await signIn(textDesk, '/desk', texter);
    await setChatAvailability(textDesk, true);
    await answerChat(textDesk);
    await boardValue(board, 'wb-chats-waiting', 0);
    await board.locator('[data-testid="wb-chat-seats"][data-in-use="1"]').waitFor({ timeout: 10_000 });
    await board.locator(`[data-testid="wb-interpreter"][data-user-id="${texter.userId}"] [data-testid="wb-active-chats"][data-count="1"]`).waitFor({ timeout: 10_000 });
    // Video off with a chat going on is not away: 只接文字, counted apart from 離線.
    expect(await board.locator(`[data-testid="wb-interpreter"][data-user-id="${texter.userId}"] [data-testid="wb-interpreter-state"]`).textContent()).toContain('只接文字');
    await board.locator('[data-testid="wb-state-count"][data-state="text-only"][data-count="1"]').waitFor({ timeout: 10_000 });
    await board.locator('[data-testid="wb-alarm-item"][data-kind="chat-unstaffed"]').waitFor({ state: 'detached', timeout: 10_000 });

    await checkA11y(board, 'wallboard');
    await shoot(board, 'wallboard-lines', 'zh-TW', '1920x1080');
    await board.setViewportSize(SIZES.desktop);
    await shoot(board, 'wallboard-lines', 'zh-TW', 'desktop');
    await board.setViewportSize(SIZES.phone);
    await shoot(board, 'wallboard-lines', 'zh-TW', 'phone', { fullPage: true });

    const boardEn = await newPage(server.url, 'en');
    await signIn(boardEn, '/wallboard', supervisor);
    await boardEn.locator(`[data-testid="wb-interpreter"][data-user-id="${interp.userId}"] [data-testid="wb-signing"][data-level="red"]`).waitFor({ timeout: 15_000 });
    expect(await boardEn.locator(`[data-testid="wb-interpreter"][data-user-id="${interp.userId}"] [data-testid="wb-signing"]`).textContent()).toContain('Needs a break');
    await checkA11y(boardEn, 'wallboard (English)');
    for (const [size, viewport] of [['1920x1080', WIDE], ['desktop', SIZES.desktop], ['phone', SIZES.phone]] as const) {
      await boardEn.setViewportSize(viewport);
      await shoot(boardEn, 'wallboard-lines', 'en', size, { fullPage: size === 'phone' });
    }
  });

  for (const lang of ['zh-TW', 'en'] as const satisfies readonly Lang[]) {
    it(`desk (${lang}): taking text chats with video off is not 離線; ring sound and system notification on every ring`, async () => {
      const interp = await server.staff('interpreter', { name: lang === 'en' ? 'Interpreter Lin' : '翻譯員 張' });
      const desk = await newPage(server.url, lang);
      await desk.context().grantPermissions(['notifications'], { origin: server.url });
      await desk.context().addInitScript(WATCH_ALERTS);
      await signIn(desk, '/desk', interp);
      await deskState(desk, 'offline');
      const state = desk.getByTestId('desk-state');
      expect(await state.textContent()).toContain(lang === 'en' ? 'Offline' : '離線');

      // Text chats on, video still off: the desk says it takes text chats.
      await setChatAvailability(desk, true);
      await desk.locator('[data-testid="desk-state"][data-chats="0"]').waitFor({ timeout: 10_000 });
      const offlineWords = lang === 'en' ? /Offline|You are offline/ : /離線/;
      expect(await state.textContent()).not.toMatch(offlineWords);
      expect(await desk.locator('#idle-title').textContent()).not.toMatch(offlineWords);
      expect(await state.textContent()).toContain(lang === 'en' ? 'Taking text chats' : '接收文字對話');

      // The switches start off; the notification switch asks the browser (granted here) and says so.
      const sound = desk.getByTestId('ring-sound');
      const notify = desk.getByTestId('ring-notify');
      expect(await sound.getAttribute('aria-pressed')).toBe('false');
      expect(await notify.getAttribute('aria-pressed')).toBe('false');
      await sound.click();
      await notify.click();
      await desk.locator('[data-testid="ring-notify"][aria-pressed="true"]').waitFor({ timeout: 5_000 });
      await desk.locator('[data-testid="ring-permission"][data-permission="granted"]').waitFor();
      expect(await sound.getAttribute('aria-pressed')).toBe('true');
      await checkA11y(desk, 'desk taking text chats, ring settings');
      await desk.getByTestId('ring-settings').scrollIntoViewIfNeeded();
      await shoot(desk, 'desk-ring-settings', lang, 'desktop');
      await desk.setViewportSize(SIZES.phone);
      await desk.getByTestId('desk-state').scrollIntoViewIfNeeded();
      await shoot(desk, 'desk-text-chats-state', lang, 'phone');
      await desk.setViewportSize(SIZES.desktop);

      // Remembered in this browser.
      await desk.reload();
      await desk.locator('[data-testid="ring-sound"][aria-pressed="true"]').waitFor({ timeout: 10_000 });
      await desk.locator('[data-testid="ring-notify"][aria-pressed="true"]').waitFor();

      // A text chat rings: one notification with the source, the chime plays; answered, the notification closes.
      const chatter = await newPage(server.url, lang);
      await chatter.goto('/');
      await chatter.getByTestId('start-text-chat').click();
      await desk.getByTestId('chat-offer').waitFor({ timeout: 10_000 });
      await expect.poll(() => notes(desk), { timeout: 5_000 }).toHaveLength(1);
      const [chatNote] = await notes(desk);
      expect(chatNote!.title).toContain(lang === 'en' ? 'Text chat' : '文字對話');
      expect(chatNote!.body).toContain(lang === 'en' ? 'Web' : '網頁');
      await expect.poll(() => tones(desk), { timeout: 5_000 }).toBeGreaterThan(0);
      await desk.getByTestId('chat-offer-accept').click();
      await expect.poll(async () => (await notes(desk))[0]?.closed, { timeout: 5_000 }).toBe(true);
      await desk.locator('[data-testid="desk-state"][data-chats="1"]').waitFor({ timeout: 10_000 });
      expect(await state.textContent()).toContain(lang === 'en' ? 'Text chats (1/3)' : '文字對話中 (1/3)');
      await desk.evaluate(() => window.scrollTo(0, 0));
      await shoot(desk, 'desk-text-chats-state', lang, 'desktop');

      // A video call rings: its own notification, naming the topic.
      await goAvailable(desk);
      const caller = await newPage(server.url, lang);
      await callerJoins(caller, { topic: 'petition' });
      await waitForOffer(desk);
      await expect.poll(async () => (await notes(desk)).length, { timeout: 5_000 }).toBe(2);
      const videoNote = (await notes(desk))[1]!;
      expect(videoNote.title).toContain(lang === 'en' ? 'Video call' : '視訊來電');
      expect(videoNote.closed).toBe(false);
      await desk.getByTestId('offer-decline').click();
      await expect.poll(async () => (await notes(desk))[1]?.closed, { timeout: 5_000 }).toBe(true);
    });
  }

  it('desk: a browser that blocks notifications is said so plainly, and the switch stays off', async () => {
    const interp = await server.staff('interpreter');
    const desk = await newPage(server.url);
    await desk.context().addInitScript(`Object.defineProperty(Notification, 'permission', { get: () => 'denied' }); Notification.requestPermission = async () => 'denied';`);
    await signIn(desk, '/desk', interp);
    await desk.getByTestId('ring-notify').click();
    await desk.locator('[data-testid="ring-permission"][data-permission="denied"]').waitFor({ timeout: 5_000 });
    expect(await desk.getByTestId('ring-notify').getAttribute('aria-pressed')).toBe('false');
    expect(await desk.getByTestId('ring-permission').textContent()).toContain('瀏覽器封鎖了通知');
    await checkA11y(desk, 'desk ring settings, notifications blocked');
  });
});
