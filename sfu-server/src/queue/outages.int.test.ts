/**
 * The lines while Postgres or Redis is out: each on a server of its own, so the outage touches nothing else.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, nextEvent, ok, request, startTestServer, type TestServer, type TestSocket } from '../testing/harness.ts';
import { startPostgres, startRedis, type TestService } from '../testing/services.ts';

describe('the video and chat lines through a database or Redis outage', () => {
  const sockets: TestSocket[] = [];
  let server: TestServer | undefined;
  const services: TestService[] = [];
  const resume: (() => void)[] = [];
  afterEach(async () => {
    for (const r of resume.splice(0)) r();
    for (const s of sockets.splice(0)) s.disconnect();
    await server?.close();
    server = undefined;
    for (const s of services.splice(0)) await s.stop();
  });
  const socket = async (token: string) => {
    const s = await connectClient(server!.url, token);
    sockets.push(s);
    return s;
  };

  it('with Postgres stopped, an available interpreter is still rung for a caller who joins, is not put on break, and routing goes on (review #3)', { timeout: 60_000 }, async () => {
    const pg = await startPostgres();
    services.push(pg);
    server = await startTestServer({ databaseUrl: pg.url });
    const first = await server.staff('interpreter');
    const second = await server.staff('interpreter');
    const desk1 = await socket(first.token);
    const desk2 = await socket(second.token);
    await ok(desk1, 'desk:setStatus', { status: 'available' });
    const caller1 = await socket((await server.guestToken()).token);
    const caller2 = await socket((await server.guestToken()).token);

    await pg.stop();

    // Joining does not wait for its record, and the interpreter is rung although the offer cannot be recorded.
    const rung = nextEvent(desk1, 'desk:offer');
    const joined = await ok(caller1, 'queue:join', {});
    expect((await rung).entryId).toBe(joined.entryId);
    const connected = nextEvent(caller1, 'queue:connected');
    const { callId } = await ok(desk1, 'desk:accept', { entryId: joined.entryId });
    expect(await connected).toEqual({ entryId: joined.entryId, callId });
    expect((await server.store.interpreter(first.userId))?.state).toBe('in-call');

    // Routing goes on: the next caller rings the next interpreter.
    await ok(desk2, 'desk:setStatus', { status: 'available' });
    const rungNext = nextEvent(desk2, 'desk:offer');
    const next = await ok(caller2, 'queue:join', {});
    expect((await rungNext).entryId).toBe(next.entryId);
    const desks = await Promise.all([server.store.interpreter(first.userId), server.store.interpreter(second.userId)]);
    expect(desks.map((d) => d?.state)).toEqual(['in-call', 'offered']);
    expect(desks.map((d) => d?.missedOffers)).toEqual([0, 0]);
  });

  it('with Postgres stopped, a chat message or a chat request is refused as UNAVAILABLE and the server stays up (review #2)', { timeout: 60_000 }, async () => {
    const pg = await startPostgres();
    services.push(pg);
    server = await startTestServer({ databaseUrl: pg.url });
    const st = await server.staff('interpreter');
    const desk = await socket(st.token);
    await ok(desk, 'desk:chatStatus', { status: 'available' });
    const caller = await socket((await server.guestToken()).token);
    const offered = nextEvent(desk, 'desk:chatOffer');
    const { sessionId } = await ok(caller, 'chat:start', {});
    await offered;
    await ok(desk, 'desk:chatAccept', { sessionId });
    const other = await socket((await server.guestToken()).token);

    await pg.stop();
    expect(await request(caller, 'chat:send', { sessionId, clientKey: 'outage-message-1', body: '請問' })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(await request(other, 'chat:start', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    // Still serving: the video line takes the other caller.
    expect(await ok(other, 'queue:join', {})).toMatchObject({ position: 1 });
  });

  it('a queue:join with Redis paused is refused as UNAVAILABLE within 5 s, and the line serves again once Redis answers (review #17)', { timeout: 60_000 }, async () => {
    const redis = await startRedis();
    services.push(redis);
    server = await startTestServer({ env: { REDIS_URL: redis.url, REDIS_PREFIX: `outage-${randomBytes(4).toString('hex')}` } });
    const caller = await socket((await server.guestToken()).token);
    const other = await socket((await server.guestToken()).token);

    process.kill(redis.pid, 'SIGSTOP');
    resume.push(() => process.kill(redis.pid, 'SIGCONT'));
    const started = Date.now();
    const refused = await request(caller, 'queue:join', {});
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });

    process.kill(redis.pid, 'SIGCONT');
    resume.splice(0);
    const joined = await ok(other, 'queue:join', {});
    expect(joined.position).toBe(1);
    // The join that was refused left no caller in line whom nobody is connected to.
    await expect.poll(async () => (await server!.store.snapshot()).entries.map((e) => e.id), { timeout: 5_000 }).toEqual([joined.entryId]);
  });
});
