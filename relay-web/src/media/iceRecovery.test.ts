import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DISCONNECTED_GRACE_MS, IceRecovery, MIN_RESTART_INTERVAL_MS, REBUILD_AFTER_MS } from './iceRecovery.ts';
import type { RestartableTransport } from './iceRecovery.ts';

function transport(id = 't1'): RestartableTransport & { state: string; restarts: unknown[]; closedNow: boolean } {
  const t = {
    id,
    state: 'connected',
    restarts: [] as unknown[],
    closedNow: false,
    get closed() {
      return t.closedNow;
    },
    get connectionState() {
      return t.state;
    },
    async restartIce({ iceParameters }: { iceParameters: never }) {
      t.restarts.push(iceParameters);
    },
  };
  return t;
}

let asked: string[];
let recovery: IceRecovery;
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  asked = [];
  recovery = new IceRecovery(async (id) => {
    asked.push(id);
    return { usernameFragment: `u${asked.length}` };
  });
});
afterEach(() => {
  recovery.stop();
  vi.useRealTimers();
});

describe('IceRecovery', () => {
  it('restarts a failed transport at once with the parameters the server gives', async () => {
    const t = transport();
    t.state = 'failed';
    recovery.onState(t, 'failed');
    await settle();
    expect(asked).toEqual(['t1']);
    expect(t.restarts).toEqual([{ usernameFragment: 'u1' }]);
  });

  it('gives a disconnected transport time to come back by itself', async () => {
    const t = transport();
    t.state = 'disconnected';
    recovery.onState(t, 'disconnected');
    await vi.advanceTimersByTimeAsync(DISCONNECTED_GRACE_MS - 100);
    t.state = 'connected';
    recovery.onState(t, 'connected');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(asked).toEqual([]);

    t.state = 'disconnected';
    recovery.onState(t, 'disconnected');
    await vi.advanceTimersByTimeAsync(DISCONNECTED_GRACE_MS);
    expect(asked).toEqual(['t1']);
  });

  it('keeps trying a transport that stays broken, at most once per interval', async () => {
    const t = transport();
    t.state = 'failed';
    recovery.onState(t, 'failed');
    await settle();
    recovery.onState(t, 'failed');
    await settle();
    expect(asked).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(MIN_RESTART_INTERVAL_MS);
    expect(asked).toHaveLength(2);
    expect(t.restarts).toHaveLength(2);
  });

  it('does nothing for a closed transport or after stop()', async () => {
    const t = transport();
    t.closedNow = true;
    recovery.onState(t, 'failed');
    await settle();
    const u = transport('t2');
    u.state = 'disconnected';
    recovery.onState(u, 'disconnected');
    recovery.stop();
    await vi.advanceTimersByTimeAsync(DISCONNECTED_GRACE_MS * 2);
    expect(asked).toEqual([]);
  });

  it('survives a refused request', async () => {
    const failing = new IceRecovery(async () => {
      throw new Error('NOT_IN_CALL');
    });
    const t = transport();
    t.state = 'failed';
    failing.onState(t, 'failed');
    await settle();
    expect(t.restarts).toEqual([]);
    failing.stop();
  });

  it('reports a transport stuck once it stays broken for the rebuild delay although ICE was restarted', async () => {
    const stuck: string[] = [];
    const r = new IceRecovery(async () => ({}), Date.now, (id) => stuck.push(id));
    const t = transport();
    t.state = 'disconnected';
    r.onState(t, 'disconnected');
    await vi.advanceTimersByTimeAsync(DISCONNECTED_GRACE_MS);
    expect(t.restarts).toHaveLength(1);
    // The restart is under way (checking), then fails: neither starts the count again.
    t.state = 'connecting';
    r.onState(t, 'connecting');
    t.state = 'failed';
    r.onState(t, 'failed');
    await vi.advanceTimersByTimeAsync(REBUILD_AFTER_MS - DISCONNECTED_GRACE_MS - 100);
    expect(stuck).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(stuck).toEqual(['t1']);
    // Once per break: staying broken reports nothing more.
    await vi.advanceTimersByTimeAsync(REBUILD_AFTER_MS * 2);
    expect(stuck).toEqual(['t1']);
    r.stop();
  });

  it('does not report a transport that connects again in time, and counts a later break afresh', async () => {
    const stuck: string[] = [];
    const r = new IceRecovery(async () => ({}), Date.now, (id) => stuck.push(id));
    const t = transport();
    t.state = 'failed';
    r.onState(t, 'failed');
    await vi.advanceTimersByTimeAsync(REBUILD_AFTER_MS - 1_000);
    t.state = 'connected';
    r.onState(t, 'connected');
    await vi.advanceTimersByTimeAsync(REBUILD_AFTER_MS);
    expect(stuck).toEqual([]);
    t.state = 'disconnected';
    r.onState(t, 'disconnected');
    await vi.advanceTimersByTimeAsync(REBUILD_AFTER_MS);
    expect(stuck).toEqual(['t1']);
    r.stop();
  });

  it('reports nothing after stop()', async () => {
    const stuck: string[] = [];
    const r = new IceRecovery(async () => ({}), Date.now, (id) => stuck.push(id));
    const t = transport();
    t.state = 'failed';
    r.onState(t, 'failed');
    r.stop();
    await vi.advanceTimersByTimeAsync(REBUILD_AFTER_MS * 2);
    expect(stuck).toEqual([]);
  });
});
