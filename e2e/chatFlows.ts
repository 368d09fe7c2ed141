/**
 * Text-chat steps as the e2e specs drive them: the desk taking chats, the thread's rows as data, writing and
 * sending. Only data-testids, never CSS classes.
 */
import type { Locator, Page } from 'playwright-core';
import type { TestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { signIn } from './flows.ts';

export interface ChatRow {
  seq: string;
  from: string;
  state: string;
  body: string;
}

/** Every message row of the first chat thread within `scope`, in screen order. */
export async function chatRows(scope: Page | Locator): Promise<ChatRow[]> {
  return scope.getByTestId('chat-message').evaluateAll((rows) =>
    rows.map((r) => ({
      seq: r.getAttribute('data-seq') ?? '',
      from: r.getAttribute('data-from') ?? '',
      state: r.getAttribute('data-state') ?? '',
      body: r.querySelector('.chat-msg__body')?.textContent ?? '',
    })),
  );
}

/** Waits until a stored message (a seq, state sent) with exactly `body` is on screen in `scope`. */
export async function seeMessage(scope: Page | Locator, body: string, from?: 'guest' | 'staff', timeout = 10_000): Promise<void> {
  const row = scope.locator(`[data-testid="chat-message"][data-state="sent"]${from ? `[data-from="${from}"]` : ''}`).filter({ hasText: body });
  await row.first().waitFor({ timeout });
}

/** Types into the thread's field and sends with Enter. */
export async function sendByEnter(scope: Page | Locator, body: string): Promise<void> {
  const input = scope.getByTestId('chat-input');
  await input.fill(body);
  await input.press('Enter');
}

/** Turns the desk's "take text chats" switch on (or off) and waits for it to say so. */
export async function setChatAvailability(desk: Page, on: boolean): Promise<void> {
  const toggle = desk.getByTestId('chat-availability');
  if ((await toggle.getAttribute('aria-pressed')) !== String(on)) await toggle.click();
  await desk.locator(`[data-testid="chat-availability"][aria-pressed="${on}"]:not([disabled])`).waitFor({ timeout: 10_000 });
}

/**
 * Takes the chat ringing on the desk: waits for its offer, runs `check` on it (what the offer shows), accepts
 * it, and returns the chat's id and its tab once open.
 */
export async function answerChat(desk: Page, check?: (offer: Locator, sessionId: string) => Promise<void>): Promise<{ sessionId: string; tab: Locator }> {
  const offer = desk.getByTestId('chat-offer');
  await offer.waitFor({ timeout: 10_000 });
  const sessionId = (await offer.getAttribute('data-session-id')) ?? '';
  await check?.(offer, sessionId);
  await offer.getByTestId('chat-offer-accept').click();
  const tab = desk.locator(`[data-testid="chat-tab"][data-session-id="${sessionId}"]`);
  await tab.waitFor({ timeout: 10_000 });
  return { sessionId, tab };
}

/**
 * A new interpreter signs in at `/desk` and takes text chats; a caller starts a text chat from `/`; the desk
 * answers it. Returns both pages and the chat's tab on the desk.
 */
export async function answeredTextChat(server: TestServer, newPage: (baseUrl: string) => Promise<Page>, interpreter: string): Promise<{ desk: Page; caller: Page; tab: Locator; sessionId: string }> {
  const who = await server.staff('interpreter', { name: interpreter });
  const desk = await newPage(server.url);
  await signIn(desk, '/desk', who);
  await setChatAvailability(desk, true);
  const caller = await newPage(server.url);
  await caller.goto('/');
  await caller.getByTestId('start-text-chat').click();
  const { tab, sessionId } = await answerChat(desk);
  return { desk, caller, tab, sessionId };
}
