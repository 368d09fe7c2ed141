/**
 * Call-setup benchmark: over N sequential calls (default 20) through the queue, the time from the interpreter
 * pressing "accept" on the desk's ring to the first decoded remote frame on each side. Real server (queue,
 * Postgres, mediasoup worker), real Chromium with a fake camera. The caller joins the line at `/`, the
 * interpreter is signed in at `/desk` and available. Run inside the loopback-only namespace:
 * `npm run bench:call-setup`.
 */
import { cpus } from 'node:os';
import type { Page } from 'playwright-core';
import { startTestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { launchBrowser } from '../../../e2e/browser.ts';
import { callerJoinsLine, openCallPages } from './callPages.ts';
import { startPostgres } from '@sign-relay/sfu-server/testing/services.ts';
import { percentile } from './stats.ts';

const CALLS = Number(process.env.CALLS ?? 20);

/** Records, in the page, the wall-clock time at which the remote video first has a decoded frame. */
async function armFirstFrame(page: Page): Promise<void> {
  // A string, not a function: tsx's name-keeping helper (__name) does not exist inside the page.
  await page.evaluate(`(() => {
    window.__firstFrameAt = undefined;
    const tick = () => {
      const v = document.querySelector('[data-testid="remote-video"]');
      if (v && v.readyState >= 2 && v.videoWidth > 0) {
        window.__firstFrameAt = performance.timeOrigin + performance.now();
        return;
      }
      setTimeout(tick, 2);
    };
    tick();
  })()`);
}

async function firstFrameAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction('window.__firstFrameAt', undefined, { timeout: 30_000, polling: 10 });
  return (await handle.jsonValue()) as number;
}

async function main(): Promise<void> {
  const pg = await startPostgres();
  const server = await startTestServer({ workers: 1, databaseUrl: pg.url, env: { WRAP_UP_SEC: '60' } });
  const browser = await launchBrowser();
  const callerMs: number[] = [];
  const interpMs: number[] = [];
  const bothMs: number[] = [];
  try {
    const pages = await openCallPages(browser, server);
    const { caller, desk } = pages;

    for (let n = 0; n < CALLS; n++) {
      await callerJoinsLine(pages);
      await Promise.all([armFirstFrame(caller), armFirstFrame(desk)]);
      const t0 = Date.now();
      await desk.getByTestId('offer-accept').click();
      const [c, i] = await Promise.all([firstFrameAt(caller), firstFrameAt(desk)]);
      callerMs.push(c - t0);
      interpMs.push(i - t0);
      bothMs.push(Math.max(c, i) - t0);
      process.stderr.write(`call ${n + 1}/${CALLS}: caller ${(c - t0).toFixed(0)} ms, interpreter ${(i - t0).toFixed(0)} ms\n`);
      await caller.getByTestId('hangup').click();
      await desk.getByTestId('wrapup-end').click({ timeout: 10_000 });
      await desk.locator('[data-testid="desk-state"][data-state="available"]').waitFor({ timeout: 10_000 });
    }
  } finally {
    await browser.close();
    await server.close();
    await pg.stop();
  }
  const row = (name: string, v: number[]) => `| ${name} | ${percentile(v, 50).toFixed(0)} | ${percentile(v, 95).toFixed(0)} | ${Math.max(...v).toFixed(0)} |`;
  console.log(`call-setup: ${CALLS} sequential calls through the queue, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
  console.log('| first decoded remote frame after the interpreter accepts | p50 ms | p95 ms | max ms |');
  console.log('|---|---|---|---|');
  console.log(row('caller side', callerMs));
  console.log(row('interpreter side', interpMs));
  console.log(row('both sides', bothMs));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
