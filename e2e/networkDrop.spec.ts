/**
 * A call between two real browsers survives a network drop while signaling stays up: every UDP packet dropped
 * (nftables, inside the loopback-only namespace) for 3, 8, 20 and 30 s, and then the ports the call's
 * connections use blocked for good, which no ICE restart can cure: the connection is rebuilt with new
 * transports and the call goes on. After each drop both sides must decode at full rate again in the same call
 * within {@link LIMIT_MS}, so a return to the long holds seen before receivers were renewed (up to 4.7 s)
 * fails it. The 2 s target is measured over many runs by `npm run bench:network-drop` and
 * `npm run bench:network-drop-early`; the spec prints its own times.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@sign-relay/sfu-server/testing/harness.ts';
import { launchBrowser, newCallContext, pageErrors } from './browser.ts';
import { peerConnections, recordFrames, recoveredAt, serverPorts } from './dropRecovery.ts';
import { callerJoins, connected, goAvailable, signIn, waitForOffer } from './flows.ts';
import { dropPorts, dropUdp, restoreNetwork } from './netem.ts';

/** How long the spec watches for full-rate video after the network returns (longer than the target, to say how late). */
const WAIT_MS = 15_000;
/** Both sides decode ≥ 25 fps again within this long of the network returning (the target is 2 s). */
const LIMIT_MS = 3_000;

describe('a call survives a network drop with signaling up', () => {
  let server: TestServer;
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let caller: Page;
  let interpreter: Page;

  beforeAll(async () => {
    restoreNetwork();
    server = await startTestServer({ workers: 1 });
    browser = await launchBrowser();
    contexts = [await newCallContext(browser, server.url), await newCallContext(browser, server.url)];
    const who = await server.staff('interpreter', { name: '翻譯員 斷線' });
    interpreter = await contexts[1]!.newPage();
    await signIn(interpreter, '/desk', who);
    await goAvailable(interpreter);
    caller = await contexts[0]!.newPage();
    await callerJoins(caller, { topic: 'dispatch' });
    await waitForOffer(interpreter);
    await interpreter.getByTestId('offer-accept').click();
    await Promise.all([connected(caller), connected(interpreter)]);
  });
  afterAll(async () => {
    restoreNetwork();
    await browser?.close();
    await server?.close();
  });

  for (const seconds of [3, 8, 20, 30]) {
    it(`both sides decode ≥ 25 fps again within 3 s, in the same call, after all UDP is dropped for ${seconds} s`, async () => {
      dropUdp();
      await caller.waitForTimeout(seconds * 1000);
      restoreNetwork();
      const restored = Date.now();
      const [c, i] = await Promise.all([recordFrames(caller, restored, WAIT_MS, true), recordFrames(interpreter, restored, WAIT_MS, true)]);
      const back = { caller: recoveredAt(c), interpreter: recoveredAt(i) };
      console.log(`UDP dropped for ${seconds} s: full rate again after ${JSON.stringify(back)} ms`);
      expect(back).toEqual({ caller: expect.any(Number), interpreter: expect.any(Number) });
      expect(Math.max(back.caller!, back.interpreter!)).toBeLessThanOrEqual(LIMIT_MS);
      await expect(caller.getByTestId('call-ended').count()).resolves.toBe(0);
    });
  }

  it('rebuilds the connection with new transports when its ports stay blocked, and the call goes on', async () => {
    const before = await Promise.all([peerConnections(caller), peerConnections(interpreter)]);
    const ports = [...(await serverPorts(caller)), ...(await serverPorts(interpreter))];
    expect(ports.length).toBeGreaterThanOrEqual(4);
    // Every candidate of every connection of this call, UDP and TCP: an ICE restart only finds them blocked again.
    dropPorts(ports);
    const blocked = Date.now();
    const [c, i] = await Promise.all([recordFrames(caller, blocked, 45_000, true), recordFrames(interpreter, blocked, 45_000, true)]);
    restoreNetwork();
    expect({ caller: recoveredAt(c), interpreter: recoveredAt(i) }).toEqual({ caller: expect.any(Number), interpreter: expect.any(Number) });
    const after = await Promise.all([peerConnections(caller), peerConnections(interpreter)]);
    // New peer connections (the rebuilt transports), the old ones closed, and still the same call on both screens.
    for (const k of [0, 1]) {
      expect(after[k]!.made).toBeGreaterThan(before[k]!.made);
      expect(after[k]!.open).toBe(before[k]!.open);
    }
    await expect(caller.getByTestId('call-ended').count()).resolves.toBe(0);
    await expect(interpreter.getByTestId('call-ended').count()).resolves.toBe(0);
    const states = async () =>
      Promise.all(
        [caller, interpreter].map((p) =>
          p.getByTestId('connection-state').evaluate((el) => ({ ...(el as HTMLElement).dataset })),
        ),
      );
    try {
      await Promise.all([connected(caller, 15_000), connected(interpreter, 15_000)]);
    } catch (err) {
      throw new Error(`not both connected 15 s after the rebuild: ${JSON.stringify(await states())}`, { cause: err });
    }
    expect(contexts.flatMap((ctx) => pageErrors(ctx))).toEqual([]);
  });
});
