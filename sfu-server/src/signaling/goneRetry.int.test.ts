import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, ok, startTestServer, type TestServer } from '../testing/harness.ts';

/** The handling of a departed connection is tried again when a step of it fails (review #17). */
describe('a departed caller is marked lost even when the first try fails', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('fetchSockets throwing once still leaves the caller marked lost after a retry (review #17)', async () => {
    const io = server.app.io;
    const realIn = io.in.bind(io);
    let failures = 0;
    // The first look-up of who is still connected fails, as a cross-process fetch does when a node times out.
    (io as unknown as { in: typeof io.in }).in = ((room: Parameters<typeof io.in>[0]) => {
      const op = realIn(room);
      if (failures > 0) return op;
      failures++;
      return Object.assign(Object.create(op) as typeof op, { fetchSockets: () => Promise.reject(new Error('timeout reached while waiting for fetchSockets response')) });
    }) as typeof io.in;
    try {
      const caller = await connectClient(server.url, (await server.guestToken()).token);
      const { entryId } = await ok(caller, 'queue:join', {});
      expect((await server.store.places()).map((p) => p.entry.id)).toEqual([entryId]);
      caller.disconnect();
      // Marked lost after the retry: the place is kept for the reconnect grace, counted from the disconnect.
      const lostBy = Date.now() + 5_000;
      const lost = async () => (await server.store.places()).find((p) => p.entry.id === entryId)?.entry.disconnectedUntil ?? null;
      while ((await lost()) === null && Date.now() < lostBy) await new Promise((r) => setTimeout(r, 100));
      expect(failures).toBe(1);
      expect(await lost()).toEqual(expect.any(Number));
    } finally {
      (io as unknown as { in: typeof io.in }).in = realIn;
    }
  });
});
