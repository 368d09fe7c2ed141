/**
 * A caller answered while their connection was down: queue:connected never reached them.
 */
import { describe, expect, it } from 'vitest';
import { nextEvent, ok, request } from '../testing/harness.ts';
import { useTestServer } from '../testing/serverSuite.ts';

describe('answered while away', () => {
  const suite = useTestServer();
  const connect = suite.connect;

  it('a caller answered while their connection was down is given their call by queue:resume on a new connection, and joins it (review #11)', async () => {
    const st = await suite.server().staff('interpreter');
    const desk = await connect(st.token);
    await ok(desk, 'desk:setStatus', { status: 'available' });
    const g = await suite.server().guestToken();
    const before = await connect(g.token);
    const rung = nextEvent(desk, 'desk:offer');
    const { entryId } = await ok(before, 'queue:join', {});
    await rung;

    // The interpreter answers; the caller's connection is gone by the time queue:connected could reach it.
    const { callId } = await ok(desk, 'desk:accept', { entryId });
    before.disconnect();

    const after = await connect(g.token);
    expect(await ok(after, 'queue:resume', { entryId })).toEqual({ state: 'connected', entryId, callId });
    const joined = await ok(after, 'call:join', { callId });
    expect(joined.callId).toBe(callId);
    await ok(desk, 'call:join', { callId });
    await ok(after, 'call:hangup', {});

    // Someone else's entry is not theirs to find.
    const stranger = await connect((await suite.server().guestToken()).token);
    expect(await request(stranger, 'queue:resume', { entryId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
