import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callForTesting } from '../testing/callForTesting.ts';
import { connectClient, nextEvent, ok, startTestServer, type TestServer } from '../testing/harness.ts';

describe('a mediasoup worker dying mid-call', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ workers: 1 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('ends the call with a reason, replaces the worker, and a new call succeeds', async () => {
    const guest = await server.guestToken();
    const interpreter = await server.staff('interpreter');
    const parties = { guestId: guest.guestId, staffIds: [interpreter.userId] };
    const caller = await connectClient(server.url, guest.token);
    const interp = await connectClient(server.url, interpreter.token);
    const callId = await callForTesting(server, parties);
    await ok(caller, 'call:join', { callId });
    await ok(interp, 'call:join', { callId });
    for (const s of [caller, interp]) {
      await ok(s, 'media:createTransport', { direction: 'send' });
      await ok(s, 'media:createTransport', { direction: 'recv' });
    }
    const [worker] = server.pool.workers();
    expect(worker).toBeDefined();
    const replaced = new Promise<{ pid: number }>((r) => server.pool.once('workerReplaced', r));
    const endedC = nextEvent(caller, 'call:ended');
    const endedI = nextEvent(interp, 'call:ended');
    process.kill(worker!.pid, 'SIGKILL');

    expect(await endedC).toEqual({ callId, reason: 'media-failure' });
    expect(await endedI).toEqual({ callId, reason: 'media-failure' });
    const { pid } = await replaced;
    expect(pid).not.toBe(worker!.pid);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);

    const next = await callForTesting(server, parties);
    await ok(caller, 'call:join', { callId: next });
    await ok(interp, 'call:join', { callId: next });
    const t = await ok(interp, 'media:createTransport', { direction: 'send' });
    expect(t.iceCandidates.length).toBeGreaterThan(0);
    await ok(caller, 'call:hangup', {});
    caller.disconnect();
    interp.disconnect();
  });
});
