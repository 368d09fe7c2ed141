import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { launchBrowser, measureDecodeRate, newCallContext, pageErrors, sampleInbound, senderSettings } from './browser.ts';
import { callerJoins, callOfEntry, connected, deskState, goAvailable, mediaStats, signIn, waitForOffer } from './flows.ts';

describe('a two-way sign-language video call in real browsers, from the queue', () => {
  let server: TestServer;
  let browser: Browser;
  let callerCtx: BrowserContext;
  let interpCtx: BrowserContext;
  let interp: Page;

  beforeAll(async () => {
    server = await startTestServer({ workers: 1, env: { WRAP_UP_SEC: '2' } });
    browser = await launchBrowser();
    callerCtx = await newCallContext(browser, server.url);
    interpCtx = await newCallContext(browser, server.url);
    const who = await server.staff('interpreter', { name: '翻譯員 測試' });
    interp = await interpCtx.newPage();
    await signIn(interp, '/desk', who);
    await goAvailable(interp);
  });
  afterEach(() => {
    expect([...pageErrors(callerCtx), ...pageErrors(interpCtx)], 'script errors in the pages').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The caller joins the line at `/`; the interpreter answers the visual ring; resolves with the call id. */
  async function connect(caller: Page): Promise<string> {
    await deskState(interp, 'available', 30_000);
    await callerJoins(caller, { topic: 'dispatch' });
    const entryId = await waitForOffer(interp);
    await expect(interp.getByTestId('offer-topic').getAttribute('data-topic')).resolves.toBe('dispatch');
    await interp.getByTestId('offer-accept').click();
    await caller.getByTestId('queue-connected-alert').waitFor({ timeout: 10_000 });
    const callId = await callOfEntry(server, entryId);
    await Promise.all([connected(caller), connected(interp)]);
    return callId;
  }

  it('caller and interpreter each decode the other at ≥ 25 fps, 640×480, hear audio, and hang-up frees all media', async () => {
    const caller = await callerCtx.newPage();
    const callId = await connect(caller);
    await expect(deskState(interp, 'in-call', 5_000)).resolves.toBeUndefined();
    // Let the encoders ramp up before measuring.
    await caller.waitForTimeout(2_000);

    const [c, i] = await Promise.all([measureDecodeRate(caller, 5_000), measureDecodeRate(interp, 5_000)]);
    console.log(`decode rate: caller ${c.fps.toFixed(1)} fps ${c.last.videoWidth}x${c.last.videoHeight} ${c.last.videoCodec}; interpreter ${i.fps.toFixed(1)} fps ${i.last.videoWidth}x${i.last.videoHeight} ${i.last.videoCodec}`);
    for (const m of [c, i]) {
      expect(m.fps).toBeGreaterThanOrEqual(25);
      expect(m.last.videoWidth).toBeGreaterThanOrEqual(640);
      expect(m.last.videoHeight).toBeGreaterThanOrEqual(480);
      expect(m.last.audioPackets).toBeGreaterThan(m.first.audioPackets);
    }
    for (const page of [caller, interp]) {
      const senders = await senderSettings(page);
      expect(senders).toHaveLength(1);
      expect(senders[0]).toMatchObject({ contentHint: 'motion', degradationPreference: 'maintain-framerate' });
      await expect(page.getByTestId('remote-video').evaluate((v: HTMLVideoElement) => v.videoWidth)).resolves.toBeGreaterThanOrEqual(640);
    }

    const live = await mediaStats(server, callId);
    expect(live).toMatchObject({ active: true, transports: 4, producers: 4, consumers: 4 });

    await caller.getByTestId('hangup').click();
    await caller.locator('[data-testid="call-ended"][data-reason="hangup"]').waitFor();
    await interp.locator('[data-testid="call-ended"][data-reason="hangup"]').waitFor();
    const after = await mediaStats(server, callId);
    expect(after).toEqual({ callId, active: false, routerAlive: false, transports: 0, producers: 0, consumers: 0 });
    // The browsers let go of their connections too.
    for (const page of [caller, interp]) {
      const s = await sampleInbound(page);
      const states = await page.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.map((pc) => pc.connectionState));
      expect(states.every((st) => st === 'closed'), `${JSON.stringify(states)} ${JSON.stringify(s)}`).toBe(true);
    }
    // The interpreter's desk moves on: wrap-up, then available again; the call is in today's list.
    await deskState(interp, 'wrap-up', 5_000);
    await interp.locator('[data-testid="today-call"][data-reason="hangup"]').waitFor({ timeout: 10_000 });
    await caller.getByTestId('call-again').waitFor();
  });

  it('camera and microphone toggles pause the media and the other side sees it', async () => {
    const caller = await callerCtx.newPage();
    await connect(caller);

    await caller.getByTestId('toggle-camera').click();
    await expect(caller.getByTestId('toggle-camera').getAttribute('aria-pressed')).resolves.toBe('true');
    await interp.getByTestId('remote-camera-off').waitFor({ timeout: 10_000 });
    const before = await sampleInbound(interp);
    await interp.waitForTimeout(1_500);
    const paused = await sampleInbound(interp);
    expect(paused.videoFramesDecoded - before.videoFramesDecoded).toBeLessThan(5);

    await caller.getByTestId('toggle-camera').click();
    await interp.getByTestId('remote-camera-off').waitFor({ state: 'detached', timeout: 10_000 });
    const m = await measureDecodeRate(interp, 2_000);
    expect(m.fps).toBeGreaterThan(15);

    // The interpreter's microphone: the caller sees it is off.
    await interp.getByTestId('toggle-mic').click();
    await caller.getByTestId('remote-mic-off').waitFor({ timeout: 10_000 });
    await interp.getByTestId('toggle-mic').click();
    await caller.getByTestId('remote-mic-off').waitFor({ state: 'detached', timeout: 10_000 });

    await caller.close();
    await interp.locator('[data-testid="call-ended"][data-reason="peer-lost"]').waitFor({ timeout: 30_000 });
  });
});
