// @vitest-environment happy-dom
/**
 * useCaseNotices against a scripted server (the real one is exercised by the server's integration tests): the
 * read-back and receipts on every (re)connection, one answer per read-back, a new read-back replacing the old,
 * a vibration per new read-back, and only this visit's receipts — nothing of a case kept in the browser.
 */
import { act } from 'react';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ack, CaseReceipt, ClientEventName, ReadBack } from '@sign-relay/shared';
import type { SignalingSocket } from '../../signaling/socket.ts';
import { memoryStorage } from '../../test/fakeAuth.ts';
import { FakeSocket } from '../../test/fakeSocket.ts';
import { mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import { MINE_RETRY_MS, READ_BACK_VIBRATION, useCaseNotices, VISIT_FLOOR_KEY } from './useCaseNotices.ts';
import type { CaseNotices } from './useCaseNotices.ts';

/** The caller's side of the case events behind a socket-shaped object. */
class FakeCaseServer extends FakeSocket {
  pending: ReadBack | null = null;
  receipts: CaseReceipt[] = [];

  protected answer(event: ClientEventName): Ack<unknown> {
    switch (event) {
      case 'case:mine':
        return { ok: true, data: { readBack: this.pending, receipts: [...this.receipts] } };
      case 'case:readBackAnswer':
        this.pending = null;
        return { ok: true, data: {} };
      default:
        return { ok: false, error: { code: 'UNKNOWN_EVENT', message: event } };
    }
  }
}

const readBack = (id: string, sentAt = 1_000): ReadBack => ({ id, service: 'dispatch', dispatchItem: 'D06', district: 'daan', place: '復興南路一段 390 號', text: '路燈不亮', sentAt });
const receipt = (seq: number, filedAt: number): CaseReceipt => ({ number: `1999-20261201-${String(seq).padStart(6, '0')}`, service: 'dispatch', dispatchItem: 'D06', district: 'daan', place: null, text: '路燈不亮', filedAt });

let m: Mounted;
let latest: CaseNotices;
let server: FakeCaseServer;
const storage = memoryStorage();
const vibrations: number[][] = [];
const phone = { vibrate: (p: number[]) => (vibrations.push(p), true) };

function Probe({ socket }: { socket: SignalingSocket | null }): ReactElement {
  latest = useCaseNotices(socket, { storage, vibrateTarget: phone });
  return <p>{latest.receipts.length}</p>;
}

async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

async function open(): Promise<void> {
  m.render(<Probe socket={server.asSocket()} />);
  await settle();
}

beforeEach(() => {
  storage.data.clear();
  vibrations.length = 0;
  server = new FakeCaseServer();
  m = mount();
});
afterEach(() => {
  m.unmount();
  vi.useRealTimers();
});

describe('useCaseNotices', () => {
  it('asks case:mine when it opens: a pending read-back and the receipts are shown after a reload', async () => {
    server.pending = readBack('a');
    server.receipts = [receipt(1, 500)];
    // This tab's visit began before that case was filed.
    storage.set(VISIT_FLOOR_KEY, '0');
    await open();
    expect(server.count('case:mine')).toBe(1);
    expect(latest.readBack?.readBack.id).toBe('a');
    expect(latest.receipts.map((r) => r.number)).toEqual(['1999-20261201-000001']);
    expect(vibrations).toEqual([[...READ_BACK_VIBRATION]]);
  });

  it('asks again after every reconnection: receipts filed while offline appear', async () => {
    await open();
    server.drop();
    server.receipts = [receipt(1, 500)];
    server.reconnect();
    await settle();
    expect(server.count('case:mine')).toBe(2);
    expect(latest.receipts.map((r) => r.number)).toEqual(['1999-20261201-000001']);
  });

  it('answering sends case:readBackAnswer once with the read-back id, however often it is pressed', async () => {
    await open();
    act(() => server.notify('case:readBack', readBack('a')));
    act(() => {
      latest.answer('correct');
      latest.answer('correct');
      latest.answer('change');
    });
    await settle();
    const answers = server.sent.filter((s) => s.event === 'case:readBackAnswer');
    expect(answers).toEqual([{ event: 'case:readBackAnswer', payload: { readBackId: 'a', answer: 'correct' } }]);
    expect(latest.readBack).toMatchObject({ answer: 'correct', sending: null });
    act(() => latest.answer('change'));
    await settle();
    expect(server.count('case:readBackAnswer')).toBe(1);
  });

  it('a failed answer can be given again', async () => {
    await open();
    act(() => server.notify('case:readBack', readBack('a')));
    server.script.set('case:readBackAnswer', [() => 'no-answer']);
    act(() => latest.answer('change'));
    await settle();
    expect(latest.readBack).toMatchObject({ answer: null, error: 'TIMEOUT' });
    act(() => latest.answer('change'));
    await settle();
    expect(latest.readBack).toMatchObject({ answer: 'change', error: null });
    expect(server.count('case:readBackAnswer')).toBe(2);
  });

  it('a new read-back replaces the old one and is felt once', async () => {
    await open();
    act(() => server.notify('case:readBack', readBack('a')));
    act(() => latest.answer('change'));
    await settle();
    act(() => server.notify('case:readBack', readBack('b', 2_000)));
    expect(latest.readBack).toMatchObject({ readBack: { id: 'b' }, answer: null });
    act(() => server.notify('case:readBack', readBack('b', 2_000)));
    expect(vibrations).toHaveLength(2);
  });

  it('a filed case replaces its read-back with the receipt', async () => {
    await open();
    act(() => server.notify('case:readBack', readBack('a')));
    act(() => latest.answer('correct'));
    await settle();
    act(() => server.notify('case:filed', receipt(7, 900)));
    expect(latest.readBack).toBeNull();
    expect(latest.receipts.map((r) => r.number)).toEqual(['1999-20261201-000007']);
    expect(latest.justFiled).toBe('1999-20261201-000007');
  });

  it('shows only this visit: receipts filed before the visit first asked stay hidden, in sessionStorage only a time', async () => {
    server.receipts = [receipt(1, 500)];
    await open();
    expect(storage.get(VISIT_FLOOR_KEY)).toBe('500');
    expect(latest.receipts).toEqual([]);
    server.receipts = [receipt(1, 500), receipt(2, 800)];
    server.drop();
    server.reconnect();
    await settle();
    expect(latest.receipts.map((r) => r.number)).toEqual(['1999-20261201-000002']);
    const stored = [globalThis.localStorage, globalThis.sessionStorage].flatMap((area) => Object.keys(area).map((k) => `${k}=${area.getItem(k)}`));
    expect(stored.filter((kv) => kv.includes('1999-') || kv.includes('路燈'))).toEqual([]);
    expect([...storage.data.keys()]).toEqual([VISIT_FLOOR_KEY]);
  });

  it('tries case:mine again after a passing failure', async () => {
    vi.useFakeTimers();
    server.script.set('case:mine', [() => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'x' } })]);
    server.pending = readBack('a');
    await open();
    expect(latest.readBack).toBeNull();
    await act(() => vi.advanceTimersByTimeAsync(MINE_RETRY_MS));
    expect(server.count('case:mine')).toBe(2);
    expect(latest.readBack?.readBack.id).toBe('a');
  });

  it('does nothing without a connection', async () => {
    m.render(<Probe socket={null} />);
    await settle();
    expect(latest).toMatchObject({ readBack: null, receipts: [], justFiled: null });
    act(() => latest.answer('correct'));
  });
});
