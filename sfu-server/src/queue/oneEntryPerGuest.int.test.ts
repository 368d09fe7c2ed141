import { QUEUE_RULES } from '@sign-relay/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../testing/freshDatabase.ts';
import { connectClient, ok, startTestServer, type TestServer, type TestSocket } from '../testing/harness.ts';

const GRACE = QUEUE_RULES.callerReconnectGraceMs;

describe('one place in each line per caller, whatever their connections do', () => {
  let fresh: FreshDatabase | undefined;
  let server: TestServer | undefined;
  const sockets: TestSocket[] = [];
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.close();
    await fresh?.drop();
  });
  const start = async () => {
    // More connections per caller than the cap allows, to show that the line holds one place on its own.
    server = await startTestServer({ databaseUrl: fresh!.url, signaling: { socketsPerGuest: 10 } });
    return server;
  };

  it('one guest on 5 sockets, each joining once, and 3 chat requests at once hold one video entry and one chat; both go after the grace once every socket is gone (review #4)', { timeout: GRACE * 2 + 30_000 }, async () => {
    fresh = await freshDatabase();
    const s = await start();
    const g = await s.guestToken();
    const mine = await Promise.all(Array.from({ length: 5 }, () => connectClient(s.url, g.token)));
    sockets.push(...mine);

    const joined = await Promise.all(mine.map((socket) => ok(socket, 'queue:join', {})));
    expect(new Set(joined.map((j) => j.entryId)).size).toBe(1);
    const chats = await Promise.all([ok(mine[0]!, 'chat:start', {}), ok(mine[1]!, 'chat:start', {}), ok(mine[1]!, 'chat:start', {})]);
    expect(new Set(chats.map((c) => c.sessionId)).size).toBe(1);

    const entries = (await s.store.snapshot()).entries.filter((e) => e.guestId === g.guestId);
    expect(entries.map((e) => e.id)).toEqual([joined[0]!.entryId]);
    expect((await s.chatRepo.waiting()).filter((c) => c.guestId === g.guestId).map((c) => c.id)).toEqual([chats[0]!.sessionId]);

    // The connection that asked for the chat goes last: the server learns a chat's caller is gone through it.
    for (const socket of [mine[0]!, ...mine.slice(2)]) socket.disconnect();
    await expect.poll(async () => (await s.app.io.fetchSockets()).length).toBe(1);
    mine[1]!.disconnect();
    await expect.poll(async () => (await s.store.snapshot()).entries.filter((e) => e.guestId === g.guestId), { timeout: GRACE + 10_000, interval: 500 }).toEqual([]);
    await expect.poll(async () => (await s.chatRepo.byId(chats[0]!.sessionId))?.endedAt, { timeout: 10_000, interval: 500 }).toBeInstanceOf(Date);
  });

  it('after a restart, a restored chat nobody resumes is removed after the grace (review #4)', { timeout: GRACE + 60_000 }, async () => {
    const g = await server!.guestToken();
    const socket = await connectClient(server!.url, g.token);
    sockets.push(socket);
    const { sessionId } = await ok(socket, 'chat:start', {});
    socket.disconnect();
    await server!.close();
    server = undefined;

    const s = await start();
    const restoredAt = Date.now();
    await expect.poll(async () => (await s.chatRepo.byId(sessionId))?.endedAt, { timeout: GRACE + 15_000, interval: 500 }).toBeInstanceOf(Date);
    expect(Date.now() - restoredAt).toBeGreaterThanOrEqual(GRACE - 1_000);
  });
});
