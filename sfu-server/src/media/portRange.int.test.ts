import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callForTesting } from '../testing/callForTesting.ts';
import { connectClient, ok, startTestServer, type TestServer } from '../testing/harness.ts';

/** RTC_MIN_PORT..RTC_MAX_PORT is split between the workers, and each call's transports listen in its worker's part. */
describe('media ports', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ workers: 2, env: { RTC_MIN_PORT: '45100', RTC_MAX_PORT: '45119' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it("puts each call's UDP and TCP candidates inside its worker's slice of the configured range", async () => {
    const slices: { min: number; max: number }[] = [];
    const sockets: { disconnect(): unknown }[] = [];
    for (let n = 0; n < 2; n++) {
      const guest = await server.guestToken();
      const interpreter = await server.staff('interpreter');
      const callId = await callForTesting(server, { guestId: guest.guestId, staffIds: [interpreter.userId] });
      const caller = await connectClient(server.url, guest.token);
      sockets.push(caller);
      await ok(caller, 'call:join', { callId });
      const ports: number[] = [];
      for (const direction of ['send', 'recv'] as const) {
        const t = await ok(caller, 'media:createTransport', { direction });
        const candidates = t.iceCandidates as { protocol: string; port: number }[];
        expect(candidates.map((c) => c.protocol).sort()).toEqual(['tcp', 'udp']);
        ports.push(...candidates.map((c) => c.port));
      }
      slices.push({ min: Math.min(...ports), max: Math.max(...ports) });
    }
    for (const s of sockets) s.disconnect();
    // The second call goes to the other, emptier worker: one call in 45100–45109, the other in 45110–45119.
    const inFirst = (s: { min: number; max: number }) => s.min >= 45100 && s.max <= 45109;
    const inSecond = (s: { min: number; max: number }) => s.min >= 45110 && s.max <= 45119;
    expect(slices.filter(inFirst)).toHaveLength(1);
    expect(slices.filter(inSecond)).toHaveLength(1);
  });
});
