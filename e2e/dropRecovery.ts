/**
 * Measuring how a call comes back after a network drop: decoded-frame timelines of a page, the moment from
 * which video decodes at full rate again, and the server ports a page's connections use. Shared by the
 * network-drop spec and its benchmark (page scripts are strings: see TRACK_PEER_CONNECTIONS in browser.ts).
 */
import type { Page } from 'playwright-core';
import { sampleInbound } from './browser.ts';

export interface FrameSample {
  /** ms after the timeline's start */
  t: number;
  frames: number;
}

/** The frame rate a call must decode again (the product's floor for sign language). */
export const RECOVERED_FPS = 25;

/**
 * Samples the page's decoded video frames every 100 ms from `from` (ms epoch) until `ms` after it, or (with
 * `untilRecovered`) until the samples show full-rate decoding again.
 */
export async function recordFrames(page: Page, from: number, ms: number, untilRecovered = false): Promise<FrameSample[]> {
  const out: FrameSample[] = [];
  while (Date.now() - from < ms) {
    const s = await sampleInbound(page);
    out.push({ t: Date.now() - from, frames: s.videoFramesDecoded });
    if (untilRecovered && recoveredAt(out) !== null) break;
    await page.waitForTimeout(100);
  }
  return out;
}

/** The first sample time from which the next second decodes at least {@link RECOVERED_FPS}; null if none does. */
export function recoveredAt(samples: readonly FrameSample[]): number | null {
  for (const a of samples) {
    const b = samples.find((s) => s.t >= a.t + 1000);
    if (!b) return null;
    if (((b.frames - a.frames) * 1000) / (b.t - a.t) >= RECOVERED_FPS) return a.t;
  }
  return null;
}

/**
 * The server ports of the page's open peer connections: every candidate the server offered (UDP and TCP), as
 * its description to the browser lists them, whether or not ICE has tried them yet.
 */
export async function serverPorts(page: Page): Promise<number[]> {
  return page.evaluate(`(() => {
    const ports = [];
    for (const pc of window.__pcs) {
      if (pc.connectionState === 'closed' || !pc.remoteDescription) continue;
      for (const line of pc.remoteDescription.sdp.split('\\r\\n')) {
        const m = /^a=candidate:\\S+ \\d+ \\S+ \\d+ \\S+ (\\d+) /.exec(line);
        if (m) ports.push(Number(m[1]));
      }
    }
    return ports;
  })()`);
}

/** How many peer connections the page has made, and how many are open now. */
export async function peerConnections(page: Page): Promise<{ made: number; open: number }> {
  return page.evaluate(`({ made: window.__pcs.length, open: window.__pcs.filter((pc) => pc.connectionState !== 'closed').length })`);
}
