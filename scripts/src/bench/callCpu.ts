/**
 * Call-CPU benchmark: the CPU the mediasoup worker spends on one 1:1 video call between two real browsers,
 * over a window of `WINDOW_SECONDS` seconds (default 60) after `WARMUP_SECONDS` (default 5) of settling, so the
 * bandwidth estimate has ramped up before counting starts. Real server (queue, Postgres, one mediasoup worker),
 * real Chromium with a fake 640×480 camera; the caller joins the line at `/`, the interpreter answers at `/desk`.
 * The product is driven only through the browsers and the worker is measured only through /proc, so the same
 * script runs unchanged across mediasoup versions. Run inside the loopback-only namespace: `npm run bench:call-cpu`.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename } from 'node:path';
import type { Page } from 'playwright-core';
import { startTestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { startPostgres } from '@sign-relay/sfu-server/testing/services.ts';
import { mediasoupPackage } from '../../../sfu-server/src/media/workerBinary.ts';
import { launchBrowser } from '../../../e2e/browser.ts';
import { callerJoinsLine, openCallPages } from './callPages.ts';
import { percentile } from './stats.ts';

const WINDOW_SEC = Number(process.env.WINDOW_SECONDS ?? 60);
const WARMUP_SEC = Number(process.env.WARMUP_SECONDS ?? 5);
const WORKER_NAME = 'mediasoup-worker';

/** Clock ticks per second, the unit of utime and stime in /proc/<pid>/stat. */
function clockTicks(): number {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
}

/** The fields of /proc/<pid>/stat after the command name (which may itself hold spaces and parentheses). */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Whether `pid` is a mediasoup worker: by its command name (cut by the kernel to 15 characters) or its binary. */
function isWorker(pid: number): boolean {
  try {
    if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === WORKER_NAME.slice(0, 15)) return true;
  } catch {
    return false;
  }
  try {
    return basename(readlinkSync(`/proc/${pid}/exe`)) === WORKER_NAME;
  } catch {
    return false;
  }
}

/** Whether `pid` descends from `ancestor`, walking the parent chain up to init. */
function descendsFrom(pid: number, ancestor: number): boolean {
  let p = pid;
  for (let hops = 0; p > 1 && hops < 64; hops++) {
    try {
      p = Number(statFields(p)[1]);
    } catch {
      return false;
    }
    if (p === ancestor) return true;
  }
  return false;
}

/** The mediasoup workers this benchmark started; workers of other runs on the machine are left out. */
function ownWorkers(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => isWorker(pid) && descendsFrom(pid, process.pid));
}

/** CPU seconds (user + system, all threads) the processes have used so far. */
function cpuSeconds(pids: readonly number[], ticks: number): number {
  let sum = 0;
  for (const pid of pids) {
    const f = statFields(pid);
    sum += Number(f[11]) + Number(f[12]);
  }
  return sum / ticks;
}

interface VideoSample {
  at: number;
  frames: number;
  width: number;
  height: number;
}

/** The remote video element's frame count and size, with the page's clock. */
async function sampleVideo(page: Page): Promise<VideoSample> {
  // A string, not a function: tsx's name-keeping helper (__name) does not exist inside the page.
  return (await page.evaluate(`(() => {
    const v = document.querySelector('[data-testid="remote-video"]');
    if (!v) return { at: performance.now(), frames: 0, width: 0, height: 0 };
    return { at: performance.now(), frames: v.getVideoPlaybackQuality().totalVideoFrames, width: v.videoWidth, height: v.videoHeight };
  })()`)) as VideoSample;
}

async function waitForRemoteFrame(page: Page): Promise<void> {
  await page.waitForFunction(
    `(() => { const v = document.querySelector('[data-testid="remote-video"]'); return !!v && v.readyState >= 2 && v.videoWidth > 0; })()`,
    undefined,
    { timeout: 30_000, polling: 50 },
  );
}

const fps = (a: VideoSample, b: VideoSample) => ((b.frames - a.frames) * 1000) / (b.at - a.at);
const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - performance.now())));

async function main(): Promise<void> {
  const ticks = clockTicks();
  const pg = await startPostgres();
  const server = await startTestServer({ workers: 1, databaseUrl: pg.url, env: { WRAP_UP_SEC: '60' } });
  const browser = await launchBrowser();
  try {
    const pages = await openCallPages(browser, server);
    const { caller, desk } = pages;
    await callerJoinsLine(pages);
    await desk.getByTestId('offer-accept').click();
    await Promise.all([waitForRemoteFrame(caller), waitForRemoteFrame(desk)]);
    process.stderr.write(`call up; settling ${WARMUP_SEC} s\n`);
    await sleepUntil(performance.now() + WARMUP_SEC * 1000);

    const workers = ownWorkers();
    if (workers.length === 0) throw new Error(`no ${WORKER_NAME} process descends from this benchmark (pid ${process.pid})`);
    process.stderr.write(`workers: ${workers.map((pid) => `${pid} (${readlinkSync(`/proc/${pid}/exe`)})`).join(', ')}; measuring ${WINDOW_SEC} s\n`);

    const [callerStart, deskStart] = await Promise.all([sampleVideo(caller), sampleVideo(desk)]);
    const t0 = performance.now();
    const cpu0 = cpuSeconds(workers, ticks);
    const perSecond: number[] = [];
    let [lastT, lastCpu] = [t0, cpu0];
    // Each sample is taken at a fixed offset from the start, so a slow tick does not shift the ones after it.
    for (let s = 1; s <= WINDOW_SEC; s++) {
      await sleepUntil(t0 + s * 1000);
      const [t, cpu] = [performance.now(), cpuSeconds(workers, ticks)];
      perSecond.push(((cpu - lastCpu) / ((t - lastT) / 1000)) * 100);
      [lastT, lastCpu] = [t, cpu];
      if (s % 10 === 0 || s === WINDOW_SEC) process.stderr.write(`${s}/${WINDOW_SEC} s: ${perSecond.at(-1)!.toFixed(1)} %\n`);
    }
    const [callerEnd, deskEnd] = await Promise.all([sampleVideo(caller), sampleVideo(desk)]);
    const windowSec = (lastT - t0) / 1000;
    const workerCpu = lastCpu - cpu0;

    const version = mediasoupPackage().version;
    const n = (v: number, d = 1) => v.toFixed(d);
    console.log(`call-cpu: one 1:1 video call, two Chromium pages, fake 640×480 camera; ${new Date().toISOString()}`);
    console.log(`machine ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, Node ${process.version}, mediasoup ${version}, ${workers.length} worker(s), CLK_TCK ${ticks}`);
    console.log('');
    console.log('| measure | value |');
    console.log('|---|---|');
    console.log(`| window (after ${WARMUP_SEC} s settling) | ${n(windowSec)} s |`);
    console.log(`| worker CPU over the window | ${n(workerCpu, 2)} s |`);
    console.log(`| worker CPU, average | ${n((workerCpu / windowSec) * 100)} % of one core |`);
    console.log(`| worker CPU per second, min / p50 / max | ${n(Math.min(...perSecond))} / ${n(percentile(perSecond, 50))} / ${n(Math.max(...perSecond))} % |`);
    console.log(`| caller → interpreter (shown at the desk) | ${n(fps(deskStart, deskEnd))} fps, ${deskEnd.width}×${deskEnd.height} |`);
    console.log(`| interpreter → caller (shown to the caller) | ${n(fps(callerStart, callerEnd))} fps, ${callerEnd.width}×${callerEnd.height} |`);
  } finally {
    await browser.close();
    await server.close();
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
