/**
 * Real Chromium (Debian's, through playwright-core) with a fake camera and microphone at 30 fps. Every
 * RTCPeerConnection a page creates is recorded by an init script, so tests read real `getStats()` without
 * any hook in the app.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream=fps=30',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-gpu',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/**
 * Records every RTCPeerConnection a page creates in `window.__pcs`. A string, not a function: run under tsx
 * (the benchmark), a function would carry tsx's `__name` helper, which does not exist in the page.
 */
const TRACK_PEER_CONNECTIONS = `(() => {
  const Native = window.RTCPeerConnection;
  const pcs = [];
  window.__pcs = pcs;
  window.RTCPeerConnection = class extends Native {
    constructor(config) {
      super(config);
      pcs.push(this);
    }
  };
})()`;

const errorsOf = new WeakMap<BrowserContext, string[]>();

/** A context whose pages keep a list of their peer connections in `window.__pcs` and whose script errors are collected. */
export async function newCallContext(browser: Browser, baseURL: string, locale = 'zh-TW'): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale, permissions: ['camera', 'microphone'], viewport: { width: 1280, height: 800 } });
  await context.addInitScript(TRACK_PEER_CONNECTIONS);
  const errors: string[] = [];
  errorsOf.set(context, errors);
  context.on('page', (page) => page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.stack ?? e.message}`)));
  return context;
}

/** Uncaught script errors in the context's pages so far (a spec expects none). */
export function pageErrors(context: BrowserContext): readonly string[] {
  return errorsOf.get(context) ?? [];
}

export interface InboundSample {
  at: number;
  videoFramesDecoded: number;
  videoWidth: number;
  videoHeight: number;
  audioPackets: number;
  /** Decoder codec of the received video, e.g. video/VP8. */
  videoCodec: string;
}

/** Sums inbound-rtp stats over every tracked peer connection of the page. */
export async function sampleInbound(page: Page): Promise<InboundSample> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    const out = { at: performance.now(), videoFramesDecoded: 0, videoWidth: 0, videoHeight: 0, audioPackets: 0, videoCodec: '' };
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((s: Record<string, unknown>) => {
        if (s.type !== 'inbound-rtp') return;
        if (s.kind === 'video') {
          out.videoFramesDecoded += Number(s.framesDecoded ?? 0);
          out.videoWidth = Math.max(out.videoWidth, Number(s.frameWidth ?? 0));
          out.videoHeight = Math.max(out.videoHeight, Number(s.frameHeight ?? 0));
          const codec = report.get(String(s.codecId)) as { mimeType?: string } | undefined;
          if (codec?.mimeType) out.videoCodec = codec.mimeType;
        } else if (s.kind === 'audio') {
          out.audioPackets += Number(s.packetsReceived ?? 0);
        }
      });
    }
    return out;
  });
}

/** Frames per second decoded over `ms`, with the first and last samples. */
export async function measureDecodeRate(page: Page, ms: number): Promise<{ fps: number; first: InboundSample; last: InboundSample }> {
  const first = await sampleInbound(page);
  await page.waitForTimeout(ms);
  const last = await sampleInbound(page);
  const fps = ((last.videoFramesDecoded - first.videoFramesDecoded) * 1000) / (last.at - first.at);
  return { fps, first, last };
}

/** The page's sender settings as the browser reports them: the track's contentHint and the sender's degradationPreference. */
export async function senderSettings(page: Page): Promise<{ contentHint: string; degradationPreference: string | undefined; width: number; frameRate: number }[]> {
  return page.evaluate(() => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    return pcs.flatMap((pc) =>
      pc
        .getSenders()
        .filter((s) => s.track?.kind === 'video')
        .map((s) => {
          const settings = s.track!.getSettings();
          const params = s.getParameters() as RTCRtpSendParameters & { degradationPreference?: string };
          return { contentHint: s.track!.contentHint, degradationPreference: params.degradationPreference, width: settings.width ?? 0, frameRate: settings.frameRate ?? 0 };
        }),
    );
  });
}
