import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { connectClient, ok, request, startTestServer, type TestServer, type TestSocket } from './testing/harness.ts';
import { startRedis, type TestRedis } from './testing/services.ts';

describe('shutting down while Redis does not answer', () => {
  const sockets: TestSocket[] = [];
  let redis: TestRedis | undefined;
  let server: TestServer | undefined;
  let paused = false;
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    if (paused && redis) process.kill(redis.pid, 'SIGCONT');
    await server?.close();
    await redis?.stop();
  });

  it('server.close() resolves within 11 s with Redis paused (review #23)', { timeout: 60_000 }, async () => {
    redis = await startRedis();
    server = await startTestServer({ env: { REDIS_URL: redis.url, REDIS_PREFIX: `shutdown-${randomBytes(4).toString('hex')}` } });
    const caller = await connectClient(server.url, (await server.guestToken()).token);
    sockets.push(caller);
    await ok(caller, 'queue:join', {});

    const other = await connectClient(server.url, (await server.guestToken()).token);
    sockets.push(other);

    process.kill(redis.pid, 'SIGSTOP');
    paused = true;
    // Work under way against the frozen Redis: a join, and the queue's own ticks.
    void request(other, 'queue:join', {}).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 500));

    const started = Date.now();
    const closed = await Promise.race([server.close().then(() => 'closed'), new Promise((r) => setTimeout(() => r('still closing'), 20_000))]);
    expect(closed).toBe('closed');
    expect(Date.now() - started).toBeLessThan(11_000);
  });
});
