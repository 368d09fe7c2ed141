import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, nextEvent, ok, startTestServer, type TestServer, type TestSocket } from '../testing/harness.ts';

/**
 * A worker lost mid-call, by dying (SIGKILL) or by hanging (SIGSTOP: its channel stops answering, as a
 * worker stuck in a loop would): the call ends with a reason, the caller goes back to the head of the line,
 * the interpreter is offered again, readiness goes down while the worker is replaced and up again, and a
 * new call on the new worker succeeds.
 */
describe.each([
  { how: 'dies', signal: 'SIGKILL' as const, review: 'review #28' },
  { how: 'hangs', signal: 'SIGSTOP' as const, review: 'review #6, #28' },
])('a mediasoup worker that $how mid-call', ({ how, signal, review }) => {
  let server: TestServer;
  const sockets: TestSocket[] = [];
  const stopped: number[] = [];
  beforeAll(async () => {
    server = await startTestServer({ workers: 1 });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    // A stopped worker the watchdog failed to kill must not outlive the test.
    for (const pid of stopped) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone, as it should be.
      }
    }
    await server.close();
  });

  /** A pending expectation that fails the test where it is awaited, not as an unhandled rejection. */
  const later = <T,>(p: Promise<T>): Promise<T> => {
    p.catch(() => undefined);
    return p;
  };

  const open = async (token: string) => {
    const s = await connectClient(server.url, token);
    sockets.push(s);
    return s;
  };

  it(`${how === 'dies' ? 'is replaced' : 'is detected within 10 s, killed and replaced'}; the call ends with a reason, the caller is requeued at the head of the line, /readyz goes 503 then 200, and a new call succeeds (${review})`, async () => {
    const interpreter = await server.staff('interpreter');
    const desk = await open(interpreter.token);
    await ok(desk, 'desk:setStatus', { status: 'available' });
    const guest = await server.guestToken();
    const caller = await open(guest.token);
    const firstOffer = nextEvent(desk, 'desk:offer');
    const place = await ok(caller, 'queue:join', {});
    await firstOffer;
    const { callId } = await ok(desk, 'desk:accept', { entryId: place.entryId });
    await ok(caller, 'call:join', { callId });
    await ok(desk, 'call:join', { callId });
    for (const s of [caller, desk]) {
      await ok(s, 'media:createTransport', { direction: 'send' });
      await ok(s, 'media:createTransport', { direction: 'recv' });
    }
    // Someone who joined later must stay behind the caller who lost their call.
    const nextGuest = await server.guestToken();
    const behind = await open(nextGuest.token);
    const behindPlace = await ok(behind, 'queue:join', {});
    expect(behindPlace.position).toBe(1);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    // Readiness as a load balancer sees it, polled all through the failure.
    const statuses: number[] = [];
    let polling = true;
    const poller = later(
      (async () => {
        while (polling) {
          statuses.push((await fetch(`${server.url}/readyz`)).status);
          await new Promise((r) => setTimeout(r, 25));
        }
      })(),
    );
    try {
      const [worker] = server.pool.workers();
      expect(worker).toBeDefined();
      const replaced = later(new Promise<{ pid: number }>((r) => server.pool.once('workerReplaced', r)));
      // Asked the moment the worker is gone, too: a replacement can start faster than the poll comes round.
      const whileReplacing = later(new Promise<number>((r) => server.pool.once('workerDied', () => void fetch(`${server.url}/readyz`).then((res) => r(res.status)))));
      const endedC = later(nextEvent(caller, 'call:ended', 15_000));
      const endedI = later(nextEvent(desk, 'call:ended', 15_000));
      const requeued = later(nextEvent(caller, 'queue:requeued', 15_000));
      const offeredAgain = later(nextEvent(desk, 'desk:offer', 15_000));
      const started = Date.now();
      if (signal === 'SIGSTOP') stopped.push(worker!.pid);
      process.kill(worker!.pid, signal);

      expect(await endedC).toEqual({ callId, reason: 'media-failure' });
      expect(await endedI).toEqual({ callId, reason: 'media-failure' });
      const { pid } = await replaced;
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(pid).not.toBe(worker!.pid);
      statuses.push(await whileReplacing);
      expect(await requeued).toMatchObject({ entryId: place.entryId, position: 1, requeued: true });
      // The interpreter is not blamed for the failure: they are rung again, for the caller at the head.
      expect(await offeredAgain).toMatchObject({ entryId: place.entryId });
      expect(await server.records.byId(place.entryId)).toMatchObject({ requeuedCount: 1, endReason: null });
      // Readiness must be seen back up, not just the worker.
      await expect.poll(() => statuses.at(-1), { timeout: 5_000 }).toBe(200);
    } finally {
      polling = false;
      await poller;
    }
    expect(statuses).toContain(503);
    expect(statuses.at(-1)).toBe(200);

    // The same caller, answered again, gets a working call on the new worker.
    const connected = nextEvent(caller, 'queue:connected');
    const { callId: next } = await ok(desk, 'desk:accept', { entryId: place.entryId });
    expect(await connected).toEqual({ entryId: place.entryId, callId: next });
    await ok(caller, 'call:join', { callId: next });
    await ok(desk, 'call:join', { callId: next });
    const t = await ok(desk, 'media:createTransport', { direction: 'send' });
    expect(t.iceCandidates.length).toBeGreaterThan(0);
    await ok(caller, 'call:hangup', {});
    await ok(behind, 'queue:leave', {});
  });
});
