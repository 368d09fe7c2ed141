/**
 * The kiosk in real browsers against the real server: its first screen at night (text only, when video
 * reopens, no way into staff screens, large targets), a text chat from the kiosk to an interpreter who sees
 * which kiosk it is, a video call from the kiosk by day, and the end of a visit (nothing left for the next
 * person; a chat going on is not idleness — kioskPatience.spec has the line). The kiosk runs the web app's
 * caller screens; their details are covered by chat.spec and queue.spec.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { answerChat, seeMessage, sendByEnter, setChatAvailability } from './chatFlows.ts';
import { connected, goAvailable, signIn, waitForOffer } from './flows.ts';
import { checkA11y, usePages } from './pages.ts';

const NIGHT = '2026-12-01T22:00:00+08:00';
const DAY = '2026-12-01T10:00:00+08:00';
const KIOSK = 'DA-01';

/** Every visible button and link on the page is at least `min` px in both directions. */
async function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate(
    `(() => [...document.querySelectorAll('main button, main a[href], header button, header a[href]')]
      .filter((el) => el.offsetParent !== null && !el.classList.contains('skip-link'))
      .map((el) => ({ id: el.getAttribute('data-testid') ?? el.textContent.trim(), r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width < ${min} || r.height < ${min})
      .map(({ id, r }) => id + ' ' + Math.round(r.width) + 'x' + Math.round(r.height)))()`,
  );
}

describe('a kiosk at 22:00: text only, chats with an interpreter who sees the kiosk, visitors who walk away', () => {
  let server: TestServer;
  const page = usePages();
  beforeAll(async () => {
    server = await startTestServer({ workers: 1, env: { SERVICE_CLOCK_START: NIGHT } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('without an id it asks for one, and refuses one the server would refuse', async () => {
    const kiosk = await page(server.url);
    await kiosk.goto('/kiosk/');
    await kiosk.locator('[data-testid="kiosk-setup"][data-reason="missing"]').waitFor({ timeout: 10_000 });
    await kiosk.goto('/kiosk/?kiosk=not%20valid');
    await kiosk.locator('[data-testid="kiosk-setup"][data-reason="invalid"]').waitFor({ timeout: 10_000 });
    expect(await kiosk.getByTestId('start-text-chat').count()).toBe(0);
  });

  it('offers text only, names 09:00, has no staff links and large targets; a chat runs from the kiosk and the visit ends clean', async () => {
    const kiosk = await page(server.url);
    await kiosk.goto(`/kiosk/?kiosk=${KIOSK}`);
    await kiosk.locator('[data-testid="service-status"][data-video-open="false"]').waitFor({ timeout: 10_000 });
    expect(await kiosk.getByTestId('kiosk').getAttribute('data-kiosk-id')).toBe(KIOSK);
    expect(await kiosk.getByTestId('start-video-call').count()).toBe(0);
    expect(await kiosk.getByTestId('video-reopens').textContent()).toContain('09:00');
    for (const staffLink of ['desk-link', 'wallboard-link', 'admin-hours-link']) expect(await kiosk.getByTestId(staffLink).count()).toBe(0);
    expect(await smallTargets(kiosk, 72)).toEqual([]);
    await checkA11y(kiosk, 'kiosk entry (zh-TW, night)');
    await kiosk.getByTestId('lang-switch').click();
    await kiosk.getByTestId('video-reopens').filter({ hasText: 'Opens tomorrow at 09:00' }).waitFor();
    await checkA11y(kiosk, 'kiosk entry (en, night)');
    await kiosk.getByTestId('lang-switch').click();

    // A text chat from the kiosk; the desk sees which kiosk it comes from.
    const who = await server.staff('interpreter', { name: '林美華' });
    const desk = await page(server.url);
    await signIn(desk, '/desk', who);
    await setChatAvailability(desk, true);
    await kiosk.getByTestId('start-text-chat').click();
    const { tab } = await answerChat(desk, async (offer, sessionId) => {
      // No kiosk proves its identity yet: the desk says the name is unverified, in words (review #13).
      expect(await offer.textContent()).toContain(`視訊服務點 ${KIOSK}（未驗證）`);
      const stored = await server.db.pool.query<{ channel: string; kiosk_id: string; kiosk_verified: boolean }>('SELECT channel, kiosk_id, kiosk_verified FROM chat_sessions WHERE id = $1', [sessionId]);
      expect(stored.rows).toEqual([{ channel: 'kiosk', kiosk_id: KIOSK, kiosk_verified: false }]);
    });

    // While the chat is on, the visit is held: no "finish" (and no idle reset).
    await kiosk.locator('[data-testid="kiosk"][data-visit-held="true"]').waitFor({ timeout: 10_000 });
    expect(await kiosk.getByTestId('kiosk-finish').count()).toBe(0);
    await sendByEnter(kiosk, '我要辦身分證');
    await seeMessage(tab, '我要辦身分證', 'guest');
    await sendByEnter(tab, '請問在哪一區？');
    await seeMessage(kiosk, '請問在哪一區？', 'staff');
    expect(await smallTargets(kiosk, 72)).toEqual([]);

    // The interpreter ends the chat; the visitor presses "finish": nothing of the visit remains.
    await tab.getByTestId('chat-end').click();
    await kiosk.locator('[data-testid="chat-ended"][data-by="staff"]').waitFor({ timeout: 10_000 });
    await kiosk.locator('[data-testid="kiosk"][data-visit-held="false"]').waitFor({ timeout: 10_000 });
    await kiosk.getByTestId('kiosk-finish').click();
    await kiosk.locator('[data-testid="service-status"]').waitFor({ timeout: 10_000 });
    expect(kiosk.url()).toBe(`${server.url}/kiosk/`);
    expect(await kiosk.evaluate('sessionStorage.length')).toBe(0);
    expect(await kiosk.getByTestId('kiosk').getAttribute('data-kiosk-id')).toBe(KIOSK);
    await expect(kiosk.getByTestId('start-text-chat').textContent()).resolves.not.toContain('回到');
    expect(await kiosk.getByTestId('chat-thread').count()).toBe(0);
  });

  it('does not ask a visitor who stops touching the screen mid-chat; once the interpreter ends the chat, the untouched screen asks and the kiosk starts over', async () => {
    const who = await server.staff('interpreter', { name: '張' });
    const desk = await page(server.url);
    await signIn(desk, '/desk', who);
    await setChatAvailability(desk, true);
    const kiosk = await page(server.url);
    await kiosk.goto(`/kiosk/?kiosk=${KIOSK}&idle=20`);
    await kiosk.getByTestId('start-text-chat').click();
    const { tab } = await answerChat(desk);
    await sendByEnter(kiosk, '我的身分證字號是 A123456789');
    await seeMessage(tab, '我的身分證字號是 A123456789', 'guest');
    const touchedAt = Date.now();

    // Untouched for longer than the idle time and its question (20 s + 10 s): a chat going on is not idleness.
    while (Date.now() - touchedAt < 33_000) {
      expect(await kiosk.getByTestId('kiosk-still-there').count()).toBe(0);
      await kiosk.waitForTimeout(1_000);
    }
    expect(await tab.locator('[data-testid="chat-ended"]').count()).toBe(0);
    await seeMessage(kiosk, 'A123456789', 'guest');

    // The interpreter gets no answer and ends the chat; the screen nobody uses then asks, visibly, with a countdown.
    await tab.getByTestId('chat-end').click();
    await kiosk.locator('[data-testid="chat-ended"][data-by="staff"]').waitFor({ timeout: 10_000 });
    const endedAt = Date.now();
    const ask = kiosk.getByTestId('kiosk-still-there');
    await ask.waitFor({ timeout: 30_000 });
    expect(Date.now() - endedAt).toBeGreaterThanOrEqual(18_000);
    expect(Number(await ask.getAttribute('data-seconds'))).toBeGreaterThan(0);
    await expect.poll(() => kiosk.evaluate(`document.activeElement?.dataset.testid`), { timeout: 2_000 }).toBe('kiosk-still-here');
    await checkA11y(kiosk, 'kiosk "are you still there?"');

    // Nobody answers: the kiosk starts over, and nothing the visitor wrote stays on the screen.
    await kiosk.getByTestId('start-text-chat').waitFor({ timeout: 20_000 });
    await expect.poll(() => kiosk.evaluate('sessionStorage.length'), { timeout: 10_000 }).toBe(0);
    expect(await kiosk.getByTestId('chat-thread').count()).toBe(0);
    expect(await kiosk.getByText('A123456789').count()).toBe(0);
  });
});

describe('a kiosk at 10:00: a video call', () => {
  let server: TestServer;
  const page = usePages();
  beforeAll(async () => {
    server = await startTestServer({ workers: 1, env: { SERVICE_CLOCK_START: DAY } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('joins the line from the kiosk, the desk sees the kiosk, both see each other, and the visit ends clean after the call', async () => {
    const who = await server.staff('interpreter', { name: '陳' });
    const desk = await page(server.url);
    await signIn(desk, '/desk', who);
    await goAvailable(desk);

    const kiosk = await page(server.url);
    await kiosk.goto(`/kiosk/?kiosk=${KIOSK}`);
    await kiosk.getByTestId('start-video-call').click();
    expect(await smallTargets(kiosk, 72)).toEqual([]);
    await kiosk.getByTestId('topic-skip').click();
    await kiosk.getByTestId('queue-join').click();
    await waitForOffer(desk);
    expect(await desk.getByTestId('offer').textContent()).toContain(`視訊服務點 ${KIOSK}（未驗證）`);
    await desk.getByTestId('offer-accept').click();
    await Promise.all([connected(kiosk), connected(desk)]);
    await kiosk.locator('[data-testid="remote-video"]').evaluate(
      `(v) => new Promise((resolve) => { const tick = () => (v.readyState >= 2 && v.videoWidth > 0 ? resolve(true) : setTimeout(tick, 50)); tick(); })`,
    );
    expect(await kiosk.getByTestId('kiosk').getAttribute('data-visit-held')).toBe('true');
    const records = await server.db.pool.query<{ channel: string; kiosk_id: string; kiosk_verified: boolean }>('SELECT channel, kiosk_id, kiosk_verified FROM call_records');
    expect(records.rows).toEqual([{ channel: 'kiosk', kiosk_id: KIOSK, kiosk_verified: false }]);
    expect(await desk.getByTestId('caller-channel').textContent()).toContain(`視訊服務點 ${KIOSK}（未驗證）`);
    // The chat beside the call is recorded as the kiosk's too.
    await expect
      .poll(async () => (await server.db.pool.query<{ channel: string; kiosk_id: string }>("SELECT channel, kiosk_id FROM chat_sessions WHERE kind = 'call'")).rows, { timeout: 10_000 })
      .toEqual([{ channel: 'kiosk', kiosk_id: KIOSK }]);

    await kiosk.getByTestId('hangup').click();
    await kiosk.locator('[data-testid="call-ended"][data-reason="hangup"]').waitFor({ timeout: 10_000 });
    await kiosk.getByTestId('kiosk-finish').click();
    await kiosk.getByTestId('start-video-call').waitFor({ timeout: 10_000 });
    expect(await kiosk.evaluate('sessionStorage.length')).toBe(0);
  });
});
