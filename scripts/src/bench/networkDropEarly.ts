/**
 * Network-drop benchmark, early in a call: a new call for every run (caller at `/`, interpreter at `/desk`, each
 * in a fresh browser context), and every UDP packet dropped with nftables for DROP seconds (default 3) as soon as
 * both sides show the call connected, the moment the hardest for a receiver (its playout timing has few frames
 * behind it). Per side: from the network's return to the first moment from which the next second decodes ≥ 25
 * frames. Also counts the runs in which a side's receiver was renewed (one more video transceiver than at the
 * start). Run inside the loopback-only namespace: `npm run bench:network-drop-early` (RUNS, DROP).
 */
import { cpus } from 'node:os';
import type { Page } from 'playwright-core';
import { startTestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { startPostgres } from '@sign-relay/sfu-server/testing/services.ts';
import { launchBrowser } from '../../../e2e/browser.ts';
import { recordFrames, recoveredAt } from '../../../e2e/dropRecovery.ts';
import { dropUdp, restoreNetwork } from '../../../e2e/netem.ts';
import { callerJoinsLine, openCallPages } from './callPages.ts';
import { percentile } from './stats.ts';

const RUNS = Number(process.env.RUNS ?? 20);
const DROP_S = Number(process.env.DROP ?? 3);
const WATCH_MS = 15_000;
const TARGET_MS = 2_000;

/** Video transceivers on the page's open peer connections. */
function videoTransceivers(page: Page): Promise<number> {
  return page.evaluate(`window.__pcs.filter((pc) => pc.connectionState !== 'closed').flatMap((pc) => pc.getTransceivers()).filter((t) => t.receiver.track.kind === 'video').length`);
}

async function main(): Promise<void> {
  restoreNetwork();
  const pg = await startPostgres();
  const server = await startTestServer({ workers: 1, databaseUrl: pg.url });
  const browser = await launchBrowser();
  const callerMs: number[] = [];
  const interpreterMs: number[] = [];
  let failed = 0;
  let renewedRuns = 0;
  try {
    for (let n = 0; n < RUNS; n++) {
      const pages = await openCallPages(browser, server);
      const { caller, desk } = pages;
      await callerJoinsLine(pages);
      await desk.getByTestId('offer-accept').click();
      for (const p of [caller, desk]) await p.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout: 30_000 });
      const before = await Promise.all([videoTransceivers(caller), videoTransceivers(desk)]);
      dropUdp();
      await caller.waitForTimeout(DROP_S * 1000);
      restoreNetwork();
      const restored = Date.now();
      const [c, i] = await Promise.all([recordFrames(caller, restored, WATCH_MS, true), recordFrames(desk, restored, WATCH_MS, true)]);
      const rc = recoveredAt(c);
      const ri = recoveredAt(i);
      if (rc === null || ri === null) failed++;
      if (rc !== null) callerMs.push(rc);
      if (ri !== null) interpreterMs.push(ri);
      const after = await Promise.all([videoTransceivers(caller), videoTransceivers(desk)]);
      const renewed = after[0] > before[0] || after[1] > before[1];
      if (renewed) renewedRuns++;
      process.stderr.write(`run ${n + 1}/${RUNS}: caller ${rc ?? 'never'} ms, interpreter ${ri ?? 'never'} ms${renewed ? ' (renewed)' : ''}\n`);
      await caller.context().close();
      await desk.context().close();
    }
  } finally {
    restoreNetwork();
    await browser.close();
    await server.close();
    await pg.stop();
  }
  const cell = (v: number[]) => (v.length ? `${percentile(v, 50).toFixed(0)} / ${Math.max(...v).toFixed(0)}` : '–');
  const over = [...callerMs, ...interpreterMs].filter((ms) => ms > TARGET_MS).length;
  console.log(`network-drop-early: UDP dropped for ${DROP_S} s as each new call connects, ${RUNS} calls, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
  console.log('| UDP dropped for | calls | caller, p50 / max ms | interpreter, p50 / max ms | sides over 2 s | calls with a receiver renewed | not back within 15 s |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(`| ${DROP_S} s | ${RUNS} | ${cell(callerMs)} | ${cell(interpreterMs)} | ${over} | ${renewedRuns} | ${failed} |`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
