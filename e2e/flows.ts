/**
 * The steps people take in the app, as the e2e specs drive them: a caller joining the line from `/`, staff
 * signing in, an interpreter going available and answering the visual ring. Only data-testids, never CSS.
 */
import type { Page } from 'playwright-core';
import type { CallId, EntryId, ServiceTopic } from '@sign-relay/shared';
import type { TestServer } from '@sign-relay/sfu-server/testing/harness.ts';

export interface Credentials {
  username: string;
  password: string;
}

/** `/` → start → topic → gender → join; resolves once the place in line is shown. */
export async function callerJoins(page: Page, opts: { topic?: ServiceTopic | 'skip'; gender?: 'any' | 'female' | 'male' } = {}): Promise<void> {
  await page.goto('/');
  await page.getByTestId('start-video-call').click();
  await page.getByTestId(`topic-${opts.topic ?? 'consultation'}`).click();
  await page.getByTestId(`gender-${opts.gender ?? 'any'}`).click();
  await page.getByTestId('queue-join').click();
  await page.locator('[data-testid="queue-position"][data-position]:not([data-position=""])').waitFor({ timeout: 15_000 });
}

/** The caller's place in line as the screen shows it (text and attribute agree). */
export async function queuePosition(page: Page): Promise<number> {
  const el = page.getByTestId('queue-position');
  const [text, attr] = await Promise.all([el.textContent(), el.getAttribute('data-position')]);
  if (text?.trim() !== attr) throw new Error(`queue-position text ${text} ≠ data-position ${attr}`);
  return Number(attr);
}

/** Signs in on a staff screen (`/desk`, `/wallboard`, `/cases/…`). */
export async function signIn(page: Page, path: string, who: Credentials): Promise<void> {
  await page.goto(path);
  await page.getByTestId('login-username').fill(who.username);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('sign-out').waitFor({ timeout: 15_000 });
}

export async function deskState(page: Page, state: string, timeout = 15_000): Promise<void> {
  await page.locator(`[data-testid="desk-state"][data-state="${state}"]`).waitFor({ timeout });
}

export async function goAvailable(page: Page): Promise<void> {
  await page.getByTestId('status-available').click();
  await deskState(page, 'available');
}

/** Waits for the visual ring, returns the offered entry id (the button is not pressed). */
export async function waitForOffer(page: Page, timeout = 20_000): Promise<EntryId> {
  const offer = page.getByTestId('offer');
  await offer.waitFor({ timeout });
  const entryId = await offer.getAttribute('data-entry-id');
  if (!entryId) throw new Error('offer without data-entry-id');
  return entryId as EntryId;
}

/** The call the queue created for an answered entry (polls briefly: the answer and the call are one step apart). */
export async function callOfEntry(server: TestServer, entryId: EntryId): Promise<CallId> {
  for (let i = 0; i < 100; i++) {
    const callId = server.calls.callOfEntry(entryId);
    if (callId) return callId;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no call for entry ${entryId}`);
}

/** What the media server holds for a call, straight from the worker (the ops route). */
export async function mediaStats(server: TestServer, callId: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}/api/ops/calls/${callId}/media`);
  return (await res.json()) as Record<string, unknown>;
}

export async function connected(page: Page, timeout = 30_000): Promise<void> {
  await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout });
}

/**
 * A new interpreter signs in at `/desk` (and does `beforeAvailable` there, such as taking text chats) and goes
 * available; a caller joins the line with `topic`; the interpreter answers the ring. Resolves once both are
 * connected.
 */
export async function answeredCall(
  server: TestServer,
  newPage: (baseUrl: string) => Promise<Page>,
  opts: { interpreter: string; topic: ServiceTopic; beforeAvailable?: (desk: Page) => Promise<void> },
): Promise<{ desk: Page; caller: Page }> {
  const who = await server.staff('interpreter', { name: opts.interpreter });
  const desk = await newPage(server.url);
  await signIn(desk, '/desk', who);
  await opts.beforeAvailable?.(desk);
  await goAvailable(desk);
  const caller = await newPage(server.url);
  await callerJoins(caller, { topic: opts.topic });
  await waitForOffer(desk);
  await desk.getByTestId('offer-accept').click();
  await Promise.all([connected(caller), connected(desk)]);
  return { desk, caller };
}
