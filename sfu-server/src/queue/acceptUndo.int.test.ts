/**
 * An answer whose later steps fail: the line, the desks and the call stay consistent.
 */
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../errors.ts';
import { nextEvent, ok, request } from '../testing/harness.ts';
import { useTestServer } from '../testing/serverSuite.ts';

describe('answering a caller when a later step fails', () => {
  const suite = useTestServer();
  const connect = suite.connect;

  it('a video accept whose record is refused puts the caller back at the head of the line and the interpreter back on the desk, and the next ring connects (review #18)', async () => {
    const st = await suite.server().staff('interpreter');
    const desk = await connect(st.token);
    await ok(desk, 'desk:setStatus', { status: 'available' });
    const caller = await connect((await suite.server().guestToken()).token);
    const rung = nextEvent(desk, 'desk:offer');
    const { entryId } = await ok(caller, 'queue:join', {});
    await rung;

    const failing = vi.spyOn(suite.server().records, 'answered').mockRejectedValueOnce(new Error('value too long for type character varying(64)'));
    const again = nextEvent(desk, 'desk:offer', 10_000, (o) => o.entryId === entryId);
    const refused = await request(desk, 'desk:accept', { entryId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(failing).toHaveBeenCalledTimes(1);
    // Back at the head of the line and rung again at once: nobody is left in a call nobody was told of.
    expect(await again).toMatchObject({ entryId, requeued: true });
    expect(suite.server().calls.activeCount()).toBe(0);

    const connected = nextEvent(caller, 'queue:connected');
    const { callId } = await ok(desk, 'desk:accept', { entryId });
    expect(await connected).toEqual({ entryId, callId });
    await ok(caller, 'call:join', { callId });
    await ok(caller, 'call:hangup', {});
    await ok(desk, 'desk:setStatus', { status: 'offline' }).catch(() => undefined);
  });

  it('an accept the store applied although its reply timed out is undone: the caller is rung again (review #17, #18)', async () => {
    const st = await suite.server().staff('interpreter');
    const desk = await connect(st.token);
    await ok(desk, 'desk:setStatus', { status: 'available' });
    const caller = await connect((await suite.server().guestToken()).token);
    const rung = nextEvent(desk, 'desk:offer');
    const { entryId } = await ok(caller, 'queue:join', {});
    await rung;

    // The store applies the answer but its reply comes too late (a Redis that stopped answering runs the queued
    // command once it resumes): the server has given up on it and answered UNAVAILABLE.
    const respond = suite.server().store.respond.bind(suite.server().store);
    vi.spyOn(suite.server().store, 'respond').mockImplementationOnce(async (...args: Parameters<typeof respond>) => {
      await respond(...args);
      throw new AppError('UNAVAILABLE', 'The service cannot do this right now; please try again in a moment.');
    });
    const again = nextEvent(desk, 'desk:offer', 10_000, (o) => o.entryId === entryId);
    expect(await request(desk, 'desk:accept', { entryId })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    // Not left in a call that was never made: back at the head of the line, rung again.
    expect(await again).toMatchObject({ entryId });
    expect(suite.server().calls.activeCount()).toBe(0);
    const connected = nextEvent(caller, 'queue:connected');
    const { callId } = await ok(desk, 'desk:accept', { entryId });
    expect(await connected).toEqual({ entryId, callId });
    await ok(caller, 'call:join', { callId });
    await ok(caller, 'call:hangup', {});
    await ok(desk, 'desk:setStatus', { status: 'offline' }).catch(() => undefined);
  });

  it('a chat accept the database does not save frees the seat and offers the chat again (review #18)', async () => {
    const st = await suite.server().staff('interpreter');
    const desk = await connect(st.token);
    await ok(desk, 'desk:chatStatus', { status: 'available' });
    const caller = await connect((await suite.server().guestToken()).token);
    const offered = nextEvent(desk, 'desk:chatOffer');
    const { sessionId } = await ok(caller, 'chat:start', {});
    await offered;

    vi.spyOn(suite.server().chatRepo, 'answer').mockRejectedValueOnce(Object.assign(new Error('connect ECONNREFUSED /tmp/.s.PGSQL.5432'), { code: 'ECONNREFUSED' }));
    const offeredAgain = nextEvent(desk, 'desk:chatOffer', 10_000, (o) => o.sessionId === sessionId);
    expect(await request(desk, 'desk:chatAccept', { sessionId })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    await offeredAgain;

    const connected = nextEvent(caller, 'chat:connected');
    await ok(desk, 'desk:chatAccept', { sessionId });
    expect(await connected).toMatchObject({ sessionId });
    await ok(caller, 'chat:end', { sessionId });
    await ok(desk, 'desk:chatStatus', { status: 'offline' });
  });

  it('a seat still held by a chat the database has ended is freed by the seat sweep (review #18)', async () => {
    const st = await suite.server().staff('interpreter');
    const desk = await connect(st.token);
    await ok(desk, 'desk:chatStatus', { status: 'available' });
    const caller = await connect((await suite.server().guestToken()).token);
    const offered = nextEvent(desk, 'desk:chatOffer');
    const { sessionId } = await ok(caller, 'chat:start', {});
    await offered;
    await ok(desk, 'desk:chatAccept', { sessionId });

    // Ended in the database only, as when the process stopped between the two.
    await suite.server().chatRepo.end(sessionId, 'guest-ended', new Date());
    expect(await ok(desk, 'desk:chatStatus', { status: 'available' })).toMatchObject({ seats: 3, available: 2, active: 0 });
    await suite.server().app.chatLine.sweepSeats();
    expect(await ok(desk, 'desk:chatStatus', { status: 'available' })).toMatchObject({ seats: 3, available: 3, active: 0 });
    await ok(desk, 'desk:chatStatus', { status: 'offline' });
  });
});
