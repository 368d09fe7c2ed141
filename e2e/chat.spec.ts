/**
 * Service hours and text chat in real browsers against the real server: the first screen at night (text
 * only, when video reopens, a call-back request), a text chat from the line to its end with a reload in the
 * middle, and the chat beside a video call.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { answerChat, answeredTextChat, chatRows, seeMessage, sendByEnter, setChatAvailability } from './chatFlows.ts';
import { callerJoins, connected, goAvailable, signIn, waitForOffer } from './flows.ts';
import { checkA11y, usePages } from './pages.ts';
import { shoot, SIZES } from './screens.ts';

const NIGHT = '2026-12-01T22:00:00+08:00';

describe('at 22:00 Taipei time: video closed, text chat open', () => {
  let server: TestServer;
  const page = usePages();
  beforeAll(async () => {
    server = await startTestServer({ workers: 1, env: { SERVICE_CLOCK_START: NIGHT } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('(a) the first screen offers text only, says video reopens at 09:00, and takes a call-back request', async () => {
    const caller = await page(server.url);
    await caller.goto('/');
    await caller.locator('[data-testid="service-status"][data-video-open="false"]').waitFor({ timeout: 10_000 });
    expect(await caller.locator('[data-testid="service-status"]').getAttribute('data-text-open')).toBe('true');
    // No way into video: the button is not there at all.
    expect(await caller.getByTestId('start-video-call').count()).toBe(0);
    const reopens = (await caller.getByTestId('video-reopens').textContent()) ?? '';
    expect(reopens).toContain('09:00');
    expect(reopens).toContain('明天');
    await expect(caller.getByTestId('start-text-chat').isEnabled()).resolves.toBe(true);

    // The same in English.
    await caller.getByTestId('lang-switch').click();
    await caller.getByTestId('video-reopens').filter({ hasText: 'Opens tomorrow at 09:00' }).waitFor();

    // A call-back request: refused without a way to reach the caller, then sent.
    await caller.getByTestId('callback-open').click();
    await caller.getByTestId('callback-name').fill('陳小明');
    await caller.getByTestId('callback-method-sms').click();
    await caller.getByTestId('callback-submit').click();
    await expect(caller.getByTestId('callback-phone').getAttribute('aria-invalid')).resolves.toBe('true');
    await caller.getByTestId('callback-phone').fill('0912-345-678');
    await caller.getByTestId('callback-submit').click();
    await caller.getByTestId('callback-done').waitFor({ timeout: 10_000 });
    const stored = await server.db.pool.query<{ name: string; phone: string }>('SELECT name, phone FROM callback_requests');
    expect(stored.rows).toEqual([{ name: '陳小明', phone: '0912-345-678' }]);
  });

  it('(b) a text chat end to end: the line, the visual offer, messages and typing both ways, a reload, the end', async () => {
    const who = await server.staff('interpreter', { name: '林美華' });
    const desk = await page(server.url);
    await signIn(desk, '/desk', who);
    const caller = await page(server.url);
    await caller.goto('/');
    await caller.getByTestId('start-text-chat').click();

    // Nobody takes chats yet: the caller waits first in line, and can already write.
    await caller.locator('[data-testid="chat-position"][data-position="1"]').waitFor({ timeout: 10_000 });
    const thread = caller.getByTestId('chat-thread');
    const sessionId = await thread.getAttribute('data-session-id');
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    await sendByEnter(caller, '請問垃圾車幾點來？');
    await seeMessage(caller, '請問垃圾車幾點來？', 'guest');
    expect(await caller.getByTestId('start-video-call').count()).toBe(0);
    expect(await caller.getByTestId('chat-to-video').count()).toBe(0);

    // The interpreter opens their chat seats: the chat rings visually with a countdown, and is answered.
    await setChatAvailability(desk, true);
    const offer = desk.locator(`[data-testid="chat-offer"][data-session-id="${sessionId}"]`);
    await offer.waitFor({ timeout: 10_000 });
    const left = Number(await offer.getByTestId('chat-offer-countdown').getAttribute('data-seconds'));
    expect(left).toBeGreaterThan(10);
    expect(left).toBeLessThanOrEqual(20);
    await offer.getByTestId('chat-offer-accept').click();
    const tab = desk.locator(`[data-testid="chat-tab"][data-session-id="${sessionId}"]`);
    await tab.waitFor({ timeout: 10_000 });
    await caller.getByTestId('chat-connected-alert').waitFor({ timeout: 10_000 });
    await seeMessage(tab, '請問垃圾車幾點來？', 'guest');

    // The caller's question is unanswered: the desk counts the wait, and it ticks.
    const waiting = tab.getByTestId('chat-waiting');
    const first = Number(await waiting.getAttribute('data-seconds'));
    await desk.waitForTimeout(2_100);
    expect(Number(await waiting.getAttribute('data-seconds'))).toBeGreaterThanOrEqual(first + 2);

    // Typing shows on the other side, then the message arrives; both ways.
    await tab.getByTestId('chat-input').fill('您好，');
    await caller.getByTestId('chat-typing').waitFor({ timeout: 5_000 });
    await tab.getByTestId('chat-input').fill('您好，請問您住哪一區？');
    await tab.getByTestId('chat-input').press('Enter');
    await seeMessage(caller, '您好，請問您住哪一區？', 'staff');
    // The desk clears the wait once its own reply is acknowledged, which may be just after the caller sees it.
    await expect.poll(() => waiting.getAttribute('data-seconds'), { timeout: 5_000 }).toBe('');
    await caller.getByTestId('chat-typing').waitFor({ state: 'detached', timeout: 5_000 });
    await caller.getByTestId('chat-input').fill('信義區');
    await tab.getByTestId('chat-typing').waitFor({ timeout: 5_000 });
    await caller.getByTestId('chat-send').click();
    await seeMessage(tab, '信義區', 'guest');

    // Shift+Enter is a new line, not a send.
    await caller.getByTestId('chat-input').fill('市府路');
    await caller.getByTestId('chat-input').press('Shift+Enter');
    await caller.getByTestId('chat-input').pressSequentially('1 號');
    await caller.getByTestId('chat-input').press('Enter');
    await seeMessage(tab, '1 號', 'guest');

    // A reload: the whole history, each message once, in order.
    await caller.reload();
    await caller.locator(`[data-testid="chat-thread"][data-session-id="${sessionId}"]`).waitFor({ timeout: 10_000 });
    await seeMessage(caller, '信義區', 'guest');
    const rows = await chatRows(caller);
    expect(rows.map((r) => r.body)).toEqual(['請問垃圾車幾點來？', '您好，請問您住哪一區？', '信義區', '市府路\n1 號']);
    expect(rows.map((r) => r.seq)).toEqual(['1', '2', '3', '4']);
    expect(rows.every((r) => r.state === 'sent')).toBe(true);

    // More messages after the reload, both ways.
    await sendByEnter(tab, '星期一、三、五晚上 7 點半。');
    await seeMessage(caller, '星期一、三、五晚上 7 點半。', 'staff');
    await sendByEnter(caller, '謝謝！');
    await seeMessage(tab, '謝謝！', 'guest');
    expect((await chatRows(tab)).map((r) => r.seq)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect((await chatRows(caller)).map((r) => r.seq)).toEqual(['1', '2', '3', '4', '5', '6']);

    // The interpreter ends the chat; the caller sees it ended and can start another.
    await tab.getByTestId('chat-end').click();
    await caller.locator('[data-testid="chat-ended"][data-by="staff"]').waitFor({ timeout: 10_000 });
    await tab.getByTestId('chat-ended').waitFor();
    await caller.getByTestId('chat-new').waitFor();
    expect(await caller.getByTestId('chat-input').count()).toBe(0);
    await tab.getByTestId('chat-close').click();
    await tab.waitFor({ state: 'detached' });
    await setChatAvailability(desk, false);
  });
  it('(e) a dropped connection and reloads: messages written offline go out once when it is back; the desk comes back with its chats', async () => {
    const { desk, caller, tab } = await answeredTextChat(server, page, '王');
    await caller.getByTestId('chat-connected-alert').waitFor({ timeout: 10_000 });

    // The caller's connection drops (and stays down): what they write waits, marked as not sent.
    await caller.context().setOffline(true);
    for (const s of server.app.io.sockets.sockets.values()) if (s.data.connection?.principal.kind === 'guest') s.conn.close();
    await caller.getByTestId('chat-offline').waitFor({ timeout: 10_000 });
    await sendByEnter(caller, '第一則');
    await sendByEnter(caller, '第二則');
    await caller.locator('[data-testid="chat-message"][data-state="failed"]').nth(1).waitFor({ timeout: 5_000 });
    expect((await chatRows(caller)).map((r) => [r.body, r.state, r.seq])).toEqual([
      ['第一則', 'failed', ''],
      ['第二則', 'failed', ''],
    ]);
    await sendByEnter(tab, '還在嗎？');

    // Back online: the history first (with the interpreter's message), then both, once each, in order.
    await caller.context().setOffline(false);
    await caller.getByTestId('chat-offline').waitFor({ state: 'detached', timeout: 20_000 });
    await seeMessage(tab, '第二則', 'guest');
    await seeMessage(caller, '還在嗎？', 'staff');
    await caller.locator('[data-testid="chat-message"]:not([data-state="sent"])').waitFor({ state: 'detached', timeout: 10_000 });
    const expected = [
      ['1', '還在嗎？'],
      ['2', '第一則'],
      ['3', '第二則'],
    ];
    expect((await chatRows(caller)).map((r) => [r.seq, r.body])).toEqual(expected);
    expect((await chatRows(tab)).map((r) => [r.seq, r.body])).toEqual(expected);

    // The desk reloads: its switch and its chat come back, history and all.
    await desk.reload();
    await desk.locator('[data-testid="chat-availability"][aria-pressed="true"]').waitFor({ timeout: 10_000 });
    await seeMessage(tab, '第二則', 'guest');
    expect((await chatRows(tab)).map((r) => [r.seq, r.body])).toEqual(expected);
    // What the reload brought back counts as seen.
    expect(await tab.getByTestId('chat-unread').count()).toBe(0);
    await sendByEnter(tab, '收到。');
    await seeMessage(caller, '收到。', 'staff');
    await caller.getByTestId('chat-end').click();
    await tab.locator('[data-testid="chat-ended"][data-by="guest"]').waitFor({ timeout: 10_000 });
    await setChatAvailability(desk, false);
  });
});

describe('at 10:00 Taipei time: the chat beside a video call', () => {
  let server: TestServer;
  const page = usePages();
  beforeAll(async () => {
    server = await startTestServer({ workers: 1, env: { WRAP_UP_SEC: '2' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('(c) caller and interpreter write to each other during the call', async () => {
    const who = await server.staff('interpreter', { name: '翻譯員 陳' });
    const desk = await page(server.url);
    await signIn(desk, '/desk', who);
    await goAvailable(desk);
    const caller = await page(server.url);
    await caller.goto('/');
    await caller.locator('[data-testid="service-status"][data-video-open="true"]').waitFor({ timeout: 10_000 });
    await callerJoins(caller, { topic: 'dispatch' });
    await waitForOffer(desk);
    await desk.getByTestId('offer-accept').click();
    await Promise.all([connected(caller), connected(desk)]);

    // The interpreter writes while the caller's chat is closed: the caller's toggle counts it.
    const deskToggle = desk.getByTestId('call-chat-open');
    await deskToggle.click();
    await expect(deskToggle.getAttribute('aria-expanded')).resolves.toBe('true');
    // The desk has no text chats here: its only thread is the call's.
    const deskThread = desk.locator('[data-testid="chat-thread"]:not([data-session-id=""])');
    await deskThread.waitFor({ timeout: 10_000 });
    await sendByEnter(deskThread, '請把地址打給我');
    await seeMessage(deskThread, '請把地址打給我', 'staff');
    await caller.locator('[data-testid="call-chat-open"][data-unread="1"]').waitFor({ timeout: 10_000 });
    await caller.getByTestId('call-chat-open').click();
    const callerThread = caller.getByTestId('chat-thread');
    await seeMessage(callerThread, '請把地址打給我', 'staff');
    await expect(caller.locator('[data-testid="call-chat-open"]').getAttribute('data-unread')).resolves.toBe('0');

    // And back, with the typing indicator on the way.
    await callerThread.getByTestId('chat-input').fill('台北市信義區');
    await deskThread.getByTestId('chat-typing').waitFor({ timeout: 5_000 });
    await callerThread.getByTestId('chat-input').fill('台北市信義區市府路1號');
    await callerThread.getByTestId('chat-send').click();
    await seeMessage(deskThread, '台北市信義區市府路1號', 'guest');
    expect((await chatRows(callerThread)).map((r) => [r.seq, r.from])).toEqual([
      ['1', 'staff'],
      ['2', 'guest'],
    ]);
    // The call's chat ends with the call: there is no "end chat" in it.
    expect(await callerThread.getByTestId('chat-end').count()).toBe(0);
    await caller.getByTestId('hangup').click();
    await caller.getByTestId('call-again').waitFor({ timeout: 10_000 });
  });

  it('(f) from a text chat to a video call: the chat stays in view while waiting, then the call takes over', async () => {
    const who = await server.staff('interpreter', { name: '翻譯員 黃' });
    const desk = await page(server.url);
    await signIn(desk, '/desk', who);
    await setChatAvailability(desk, true);
    const caller = await page(server.url);
    await caller.goto('/');
    await caller.locator('[data-testid="service-status"][data-video-open="true"]').waitFor({ timeout: 10_000 });
    await caller.getByTestId('start-text-chat').click();
    const { tab } = await answerChat(desk);
    await sendByEnter(caller, '可以改用視訊嗎？');
    await seeMessage(tab, '可以改用視訊嗎？', 'guest');

    // Into the video line from the chat: the place in line and the chat side by side.
    await goAvailable(desk);
    await caller.getByTestId('chat-to-video').click();
    await caller.getByTestId('queue-waiting').waitFor({ timeout: 10_000 });
    // The caller's own camera is checked here too, before an interpreter answers.
    await caller.locator('[data-testid="camera-check"][data-state="ok"]').waitFor({ timeout: 10_000 });
    await sendByEnter(tab, '好，請稍候視訊。');
    await seeMessage(caller, '好，請稍候視訊。', 'staff');
    await caller.getByTestId('chat-connected-alert').waitFor({ state: 'detached', timeout: 10_000 });
    for (const size of ['desktop', 'phone'] as const) {
      await caller.setViewportSize(SIZES[size]);
      await shoot(caller, 'chat-to-video-waiting', 'zh-TW', size, { fullPage: true });
      await checkA11y(caller, `waiting for video from a text chat (${size})`);
    }
    await caller.setViewportSize(SIZES.desktop);

    // An interpreter answers: the call page takes over, and the text chat ends (its interpreter sees that).
    await waitForOffer(desk);
    await desk.getByTestId('offer-accept').click();
    await Promise.all([connected(caller), connected(desk)]);
    expect(new URL(caller.url()).pathname).toBe('/');
    await tab.locator('[data-testid="chat-ended"][data-by="guest"]').waitFor({ timeout: 10_000 });

    // The call's chat shows what was written in the text chat, on both sides, above the call's own messages.
    const earlier = ['可以改用視訊嗎？', '好，請稍候視訊。'];
    for (const side of [caller, desk]) {
      await side.getByTestId('call-chat-open').click();
      const rows = side.getByTestId('chat-earlier-message');
      await expect.poll(async () => rows.allTextContents(), { timeout: 10_000 }).toEqual([expect.stringContaining(earlier[0]!), expect.stringContaining(earlier[1]!)]);
    }
    await sendByEnter(caller, '我的地址是大安區');
    await seeMessage(desk, '我的地址是大安區', 'guest');
    expect(await desk.getByTestId('chat-earlier-message').count()).toBe(2);

    await caller.getByTestId('hangup').click();
    await caller.getByTestId('call-again').waitFor({ timeout: 10_000 });

    // A call joined afresh from the first screen carries no earlier chat.
    await caller.getByTestId('call-again').click();
    await caller.getByTestId('topic-skip').click();
    await caller.getByTestId('queue-join').click();
    await desk.getByTestId('wrapup-end').click({ timeout: 10_000 });
    await waitForOffer(desk);
    await desk.getByTestId('offer-accept').click();
    await Promise.all([connected(caller), connected(desk)]);
    await caller.getByTestId('call-chat-open').click();
    await caller.locator('[data-testid="chat-thread"][data-session-id]:not([data-session-id=""])').waitFor({ timeout: 10_000 });
    expect(await caller.getByTestId('chat-earlier').count()).toBe(0);
    await caller.getByTestId('hangup').click();
    await caller.getByTestId('call-again').waitFor({ timeout: 10_000 });
  });
});

describe('the hours editor', () => {
  let server: TestServer;
  const page = usePages();
  beforeAll(async () => {
    server = await startTestServer({ workers: 1 });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function adminPage(who: { username: string; password: string }): Promise<Page> {
    const p = await page(server.url);
    await p.goto('/admin/hours');
    await p.getByTestId('login-username').fill(who.username);
    await p.getByTestId('login-password').fill(who.password);
    await p.getByTestId('login-submit').click();
    await p.getByTestId('hours-save').waitFor({ timeout: 10_000 });
    return p;
  }

  it('(d) an admin closes video for today with a notice: the public status says so within 5 s; a stale save is refused', async () => {
    const who = await server.staff('admin', { name: '吳管理員' });
    const admin = await adminPage(who);
    const other = await adminPage(who);
    const caller = await page(server.url);
    await caller.goto('/');
    await caller.locator('[data-testid="service-status"][data-video-open="true"]').waitFor({ timeout: 10_000 });

    // A special date with nothing filled in is pointed at before anything is sent.
    await admin.getByTestId('hours-exception-add').click();
    const exception = admin.getByTestId('hours-exception');
    await exception.getByTestId('hours-exception-date').fill('2026-12-01');
    await admin.getByTestId('hours-save').click();
    await admin.locator('[data-testid="hours-error"][data-kind="problems"]').waitFor();
    await exception.getByTestId('hours-exception-message-zh').fill('颱風停班，今天視訊暫停。');
    await exception.getByTestId('hours-exception-message-en').fill('Typhoon: no video today.');
    await admin.getByTestId('hours-save').click();
    await admin.locator('[data-testid="hours-saved"][data-version="1"]').waitFor({ timeout: 10_000 });
    expect(await admin.getByTestId('hours-error').count()).toBe(0);

    // The public status (what every caller's first screen reads) changes within 5 s.
    const savedAt = Date.now();
    await expect
      .poll(async () => ((await (await fetch(`${server.url}/api/service/status`)).json()) as { video: { open: boolean } }).video.open, { timeout: 5_000, interval: 250 })
      .toBe(false);
    expect(Date.now() - savedAt).toBeLessThan(5_000);
    await caller.reload();
    await caller.locator('[data-testid="service-status"][data-video-open="false"]').waitFor({ timeout: 10_000 });
    await expect(caller.getByTestId('service-message').textContent()).resolves.toContain('颱風停班，今天視訊暫停。');
    await expect(caller.getByTestId('video-reopens').textContent()).resolves.toContain('09:00');
    expect(await caller.getByTestId('start-video-call').count()).toBe(0);

    // The second tab still holds the version before the change: its save is refused, in words.
    await other.getByTestId('hours-exception-add').click();
    await other.getByTestId('hours-save').click();
    await other.locator('[data-testid="hours-error"][data-kind="problems"]').waitFor();
    await other.getByTestId('hours-exception-remove').click();
    await other.getByTestId('hours-copy-monday-video').click();
    await other.locator('[data-testid="hours-day-video-1"] [data-testid="hours-range-close"]').fill('17:00');
    await other.getByTestId('hours-save').click();
    await other.locator('[data-testid="hours-error"][data-kind="conflict"]').waitFor({ timeout: 10_000 });
    await other.getByTestId('hours-reload').click();
    await other.locator('[data-testid="hours-version"][data-version="1"]').waitFor({ timeout: 10_000 });
    await expect(other.getByTestId('hours-exception').count()).resolves.toBe(1);

    // The usual week on the first screen comes from the saved hours, not from fixed words.
    await expect(caller.getByTestId('usual-hours-video').textContent()).resolves.toBe('視訊：每天 09:00–18:00');
    await expect(caller.getByTestId('usual-hours-text').textContent()).resolves.toBe('文字：24 小時');
    for (const weekend of [6, 0]) await other.locator(`[data-testid="hours-day-video-${weekend}"] [data-testid="hours-range-remove"]`).click();
    await other.getByTestId('hours-save').click();
    await other.locator('[data-testid="hours-saved"][data-version="2"]').waitFor({ timeout: 10_000 });
    await expect
      .poll(async () => {
        await caller.reload();
        return caller.getByTestId('usual-hours-video').textContent({ timeout: 10_000 });
      }, { timeout: 10_000, interval: 1_000 })
      .toBe('視訊：星期一至星期五 09:00–18:00；星期六、星期日 休息');
  });
});
