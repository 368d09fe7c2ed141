/**
 * Network-drop benchmark: in one call between two real browsers (caller at `/`, interpreter at `/desk`), every
 * UDP packet is dropped with nftables for 3, 8 and 20 s (RUNS times each, default 10) while signaling stays up;
 * after each drop, the time from the network returning until each side decodes ≥ 25 fps over the next second.
 * Real server (queue, Postgres, mediasoup worker), real Chromium with a fake camera. Run inside the loopback-only
 * namespace (nftables rules live only there): `npm run bench:network-drop`.
 */
import { cpus } from 'node:os';
import { startTestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { startPostgres } from '@sign-relay/sfu-server/testing/services.ts';
import { launchBrowser } from '../../../e2e/browser.ts';
import { recordFrames, recoveredAt } from '../../../e2e/dropRecovery.ts';
import { dropUdp, restoreNetwork } from '../../../e2e/netem.ts';
import { callerJoinsLine, openCallPages } from './callPages.ts';
import { percentile } from './stats.ts';

const RUNS = Number(process.env.RUNS ?? 10);
const DROPS_S = (process.env.DROPS ?? '3,8,20').split(',').map(Number);
/** How long after the network returns a side may take before the run counts as not recovered. */
const WATCH_MS = 15_000;

async function main(): Promise<void> {
  restoreNetwork();
  const pg = await startPostgres();
  const server = await startTestServer({ workers: 1, databaseUrl: pg.url });
  const browser = await launchBrowser();
  const results = new Map<number, { caller: number[]; interpreter: number[]; failed: number }>();
  try {
    const pages = await openCallPages(browser, server);
    const { caller, desk } = pages;
    await callerJoinsLine(pages);
    await desk.getByTestId('offer-accept').click();
    for (const p of [caller, desk]) await p.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout: 30_000 });
    for (const seconds of DROPS_S) {
      const r = { caller: [] as number[], interpreter: [] as number[], failed: 0 };
      results.set(seconds, r);
      for (let n = 0; n < RUNS; n++) {
        // Full rate first, so each run starts from a call that works.
        const start = Date.now();
        await Promise.all([recordFrames(caller, start, WATCH_MS, true), recordFrames(desk, start, WATCH_MS, true)]);
        dropUdp();
        await caller.waitForTimeout(seconds * 1000);
        restoreNetwork();
        const restored = Date.now();
        const [c, i] = await Promise.all([recordFrames(caller, restored, WATCH_MS, true), recordFrames(desk, restored, WATCH_MS, true)]);
        const rc = recoveredAt(c);
        const ri = recoveredAt(i);
        if (rc === null || ri === null) r.failed++;
        if (rc !== null) r.caller.push(rc);
        if (ri !== null) r.interpreter.push(ri);
        process.stderr.write(`drop ${seconds} s, run ${n + 1}/${RUNS}: caller ${rc ?? 'never'} ms, interpreter ${ri ?? 'never'} ms\n`);
      }
    }
  } finally {
    restoreNetwork();
    await browser.close();
    await server.close();
    await pg.stop();
  }
  const cell = (v: number[]) => (v.length ? `${percentile(v, 50).toFixed(0)} / ${Math.max(...v).toFixed(0)}` : '–');
  console.log(`network-drop: all UDP dropped mid-call, ${RUNS} runs per drop, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
  console.log('| UDP dropped for | runs | caller decodes ≥ 25 fps again, p50 / max ms | interpreter, p50 / max ms | runs not back within 15 s |');
  console.log('|---|---|---|---|---|');
  for (const [seconds, r] of results) console.log(`| ${seconds} s | ${RUNS} | ${cell(r.caller)} | ${cell(r.interpreter)} | ${r.failed} |`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
