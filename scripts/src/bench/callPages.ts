/**
 * What the browser call benchmarks share: a caller page and a desk page in one Chromium, each with a fake
 * 640×480 camera, the interpreter signed in and available at `/desk`, and the caller joining the video line at `/`.
 */
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { newCallContext } from '../../../e2e/browser.ts';

export interface CallPages {
  caller: Page;
  desk: Page;
}

/** Opens both pages and signs an interpreter in at the desk, available for calls. */
export async function openCallPages(browser: Browser, server: TestServer): Promise<CallPages> {
  const caller = await (await newCallContext(browser, server.url)).newPage();
  const desk = await (await newCallContext(browser, server.url)).newPage();
  // A script error in either page spoils the numbers: say so where they are printed.
  for (const [name, p] of [['caller', caller], ['desk', desk]] as const) p.on('pageerror', (e) => process.stderr.write(`${name} page error: ${e.stack ?? e.message}\n`));
  const who = await server.staff('interpreter', { name: 'bench' });
  await desk.goto('/desk');
  await desk.getByTestId('login-username').fill(who.username);
  await desk.getByTestId('login-password').fill(who.password);
  await desk.getByTestId('login-submit').click();
  await desk.getByTestId('status-available').click();
  await desk.locator('[data-testid="desk-state"][data-state="available"]').waitFor({ timeout: 10_000 });
  return { caller, desk };
}

/** The caller starts a video call, skips the topic and joins the line; returns when the desk rings. */
export async function callerJoinsLine({ caller, desk }: CallPages): Promise<void> {
  await caller.goto('/');
  await caller.getByTestId('start-video-call').click();
  await caller.getByTestId('topic-skip').click();
  await caller.getByTestId('queue-join').click();
  await desk.getByTestId('offer').waitFor({ timeout: 30_000 });
}
