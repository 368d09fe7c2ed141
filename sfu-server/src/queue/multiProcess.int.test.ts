import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServiceUrl } from '../testing/context.ts';
import { freshDatabase, type FreshDatabase } from '../testing/freshDatabase.ts';
import { connectClient, nextEvent, ok, startTestServer, type TestServer, type TestSocket } from '../testing/harness.ts';

describe('two server processes sharing Postgres and Redis', () => {
  let db: FreshDatabase;
  let a: TestServer;
  let b: TestServer;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    db = await freshDatabase();
    const env = { REDIS_URL: testServiceUrl('TEST_REDIS_URL'), REDIS_PREFIX: `mp-${randomBytes(4).toString('hex')}`, JWT_SECRET: randomBytes(32).toString('hex') };
    a = await startTestServer({ databaseUrl: db.url, env });
    b = await startTestServer({ databaseUrl: db.url, env });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it('share one line: a caller on one process is rung on an interpreter of the other, positions agree', async () => {
    const g1 = await a.guestToken();
    const g2 = await a.guestToken();
    const c1 = await connectClient(a.url, g1.token);
    // The guest token from process A is valid on process B: the secret is shared.
    const c2 = await connectClient(b.url, g2.token);
    sockets.push(c1, c2);
    const s1 = await ok(c1, 'queue:join', {});
    const s2 = await ok(c2, 'queue:join', {});
    expect([s1.position, s2.position]).toEqual([1, 2]);

    const interp = await b.staff('interpreter');
    const desk = await connectClient(b.url, interp.token);
    sockets.push(desk);
    const offer = nextEvent(desk, 'desk:offer');
    const rung = nextEvent(c1, 'queue:status', 5_000, (s) => s.state === 'offered');
    await ok(desk, 'desk:setStatus', { status: 'available' });
    expect((await offer).entryId).toBe(s1.entryId);
    // The caller on process A hears about it through the Redis adapter.
    expect(await rung).toMatchObject({ position: 1, state: 'offered' });
    // Process A sees the same interpreter state as B.
    expect((await a.store.interpreter(interp.userId))?.state).toBe('offered');

    const connected = nextEvent(c1, 'queue:connected');
    const moved = nextEvent(c2, 'queue:status', 5_000, (s) => s.position === 1);
    await ok(desk, 'desk:accept', { entryId: s1.entryId });
    expect((await connected).entryId).toBe(s1.entryId);
    expect(await moved).toMatchObject({ position: 1, state: 'waiting' });
    expect(await a.records.byId(s1.entryId)).toMatchObject({ interpreterId: interp.userId });
  });
});
