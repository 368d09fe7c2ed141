import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../testing/freshDatabase.ts';
import { connectClient, nextEvent, ok, startTestServer, type TestServer, type TestSocket } from '../testing/harness.ts';

describe('a chat seat freed when its chat ends follows the interpreter’s choice', () => {
  let db: FreshDatabase;
  let server: TestServer;
  const sockets: TestSocket[] = [];
  const track = async (token: string) => {
    const s = await connectClient(server.url, token);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    db = await freshDatabase();
    server = await startTestServer({ databaseUrl: db.url });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.close();
    await db?.drop();
  });

  it('an interpreter who stopped taking chats is offered none when the chat they carried ends; taking them again opens the seats', async () => {
    const interp = await server.staff('interpreter');
    const desk = await track(interp.token);
    await ok(desk, 'desk:chatStatus', { status: 'available' });
    const first = await track((await server.guestToken()).token);
    const offered = nextEvent(desk, 'desk:chatOffer');
    const { sessionId } = await ok(first, 'chat:start', {});
    await offered;
    await ok(desk, 'desk:chatAccept', { sessionId });

    // Chats switched off mid-chat: the chat carries on; when it ends, its seat does not open again.
    expect(await ok(desk, 'desk:chatStatus', { status: 'offline' })).toMatchObject({ available: 0, active: 1 });
    await ok(first, 'chat:end', { sessionId });
    const offers: string[] = [];
    desk.on('desk:chatOffer', (o) => offers.push(o.sessionId));
    const second = await track((await server.guestToken()).token);
    const waiting = await ok(second, 'chat:start', {});
    await new Promise((r) => setTimeout(r, 1_500));
    expect(offers).toEqual([]);
    expect((await ok(second, 'chat:resume', { sessionId: waiting.sessionId })).status).toMatchObject({ position: 1, state: 'waiting' });

    // Taking chats again: the waiting chat rings at once.
    await ok(desk, 'desk:chatStatus', { status: 'available' });
    await expect.poll(() => offers, { timeout: 5_000 }).toEqual([waiting.sessionId]);
    await ok(desk, 'desk:chatAccept', { sessionId: waiting.sessionId });
    await ok(second, 'chat:end', { sessionId: waiting.sessionId });
    // Gone (its seats close), so the next test's chats ring on that test's desk only.
    desk.disconnect();
    await new Promise((r) => setTimeout(r, 500));
  });

  it('an interpreter still taking chats gets the next one on the seat the ended chat freed', async () => {
    const interp = await server.staff('interpreter');
    const desk = await track(interp.token);
    // One chat per interpreter here, so the freed seat is the only way the next chat can reach this desk.
    const status = await ok(desk, 'desk:chatStatus', { status: 'available' });
    expect(status.available).toBeGreaterThan(0);
    const callers = [];
    for (let n = 0; n < status.seats; n++) {
      const c = await track((await server.guestToken()).token);
      const offer = nextEvent(desk, 'desk:chatOffer');
      const { sessionId } = await ok(c, 'chat:start', {});
      await offer;
      await ok(desk, 'desk:chatAccept', { sessionId });
      callers.push({ c, sessionId });
    }
    const next = await track((await server.guestToken()).token);
    const waiting = await ok(next, 'chat:start', {});
    const rings = nextEvent(desk, 'desk:chatOffer', 10_000, (o) => o.sessionId === waiting.sessionId);
    await ok(callers[0]!.c, 'chat:end', { sessionId: callers[0]!.sessionId });
    expect((await rings).sessionId).toBe(waiting.sessionId);
  });
});
