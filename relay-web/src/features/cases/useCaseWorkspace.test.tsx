// @vitest-environment happy-dom
import { act } from 'react';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ack, CaseDraft, CaseRef, CaseWorkspace, ClientEventName, ReadBackState } from '@sign-relay/shared';
import { FakeSocket } from '../../test/fakeSocket.ts';
import { mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import { SAVE_DELAY_MS } from './draftSaver.ts';
import { useCaseWorkspace } from './useCaseWorkspace.ts';
import type { CaseSocket, CaseWorkspaceActions, CaseWorkspaceModel } from './useCaseWorkspace.ts';
import { asCallId } from '@sign-relay/shared/testing/ids.ts';


/** The case events of the server in memory: a draft with versions, a read-back, filing by client key. */
class FakeCaseServer extends FakeSocket {
  draft: CaseDraft = { service: 'dispatch' };
  version = 1;
  readBack: ReadBackState | null = null;
  readonly filed = new Map<string, string>();

  workspace(ref: CaseRef): CaseWorkspace {
    return { ref, draft: this.draft, version: this.version, readBack: this.readBack, context: { topic: 'dispatch', channel: 'web', kioskId: null, kioskVerified: false, kiosk: null, contact: null, earlier: [] }, filed: [] };
  }
  protected answer(event: ClientEventName, p: Record<string, unknown>): Ack<unknown> {
    switch (event) {
      case 'case:open':
        return { ok: true, data: this.workspace(p.ref as CaseRef) };
      case 'case:saveDraft':
        if (p.baseVersion !== this.version) return { ok: false, error: { code: 'CONFLICT', message: 'newer' } };
        this.draft = p.draft as CaseDraft;
        this.version += 1;
        return { ok: true, data: { version: this.version, readBack: this.readBack } };
      case 'case:readBack':
        this.readBack = { id: 'rb', sentAt: 1, answer: null, answeredAt: null, current: true };
        return { ok: true, data: this.readBack };
      case 'case:file': {
        const key = p.clientKey as string;
        const number = this.filed.get(key) ?? `1999-20261201-00000${this.filed.size + 1}`;
        const duplicate = this.filed.has(key);
        this.filed.set(key, number);
        return { ok: true, data: { case: { number, createdAt: 5 }, duplicate } };
      }
      default:
        return { ok: false, error: { code: 'UNKNOWN_EVENT', message: event } };
    }
  }
}

const REF: CaseRef = { kind: 'call', callId: asCallId('c1') };
let server: FakeCaseServer;
let m: Mounted;
let ws: CaseWorkspaceModel & CaseWorkspaceActions;

function Probe({ socket }: { socket: CaseSocket }): ReactElement | null {
  ws = useCaseWorkspace(socket, REF);
  return null;
}
const settle = async (ms = 0): Promise<void> => {
  await act(async () => {
    if (ms) await vi.advanceTimersByTimeAsync(ms);
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
};
const saves = (): unknown[] => server.sent.filter((s) => s.event === 'case:saveDraft').map((s) => [(s.payload.draft as CaseDraft).description, s.payload.baseVersion]);

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  sessionStorage.clear();
  server = new FakeCaseServer();
  m = mount();
  m.render(<Probe socket={server as unknown as CaseSocket} />);
  await settle();
});
afterEach(() => {
  m.unmount();
  vi.useRealTimers();
});

describe('useCaseWorkspace', () => {
  it('opens the saved draft and saves edits after a pause, one at a time, on the last version', async () => {
    expect(ws.phase).toBe('ready');
    expect(ws.draft).toEqual({ service: 'dispatch' });
    act(() => ws.change({ description: '路' }));
    act(() => ws.change({ description: '路樹' }));
    expect(ws.save).toBe('pending');
    await settle(SAVE_DELAY_MS);
    expect(saves()).toEqual([['路樹', 1]]);
    expect(ws.save).toBe('saved');
    act(() => ws.change({ description: '路樹倒了' }));
    await settle(SAVE_DELAY_MS);
    expect(saves()).toEqual([
      ['路樹', 1],
      ['路樹倒了', 2],
    ]);
  });

  it('reloads the form when a colleague saved a newer version', async () => {
    server.version = 9;
    server.draft = { service: 'dispatch', description: '同事寫的' };
    act(() => ws.change({ description: '我寫的' }));
    await settle(SAVE_DELAY_MS);
    await settle();
    expect(ws.reloaded).toBe(true);
    expect(ws.draft.description).toBe('同事寫的');
    act(() => ws.change({ description: '同事寫的，再補充' }));
    await settle(SAVE_DELAY_MS);
    expect(saves().at(-1)).toEqual(['同事寫的，再補充', 9]);
  });

  it('saves what was typed offline once the connection is back', async () => {
    server.script.set('case:saveDraft', [() => 'no-answer']);
    act(() => ws.change({ description: '離線時打的' }));
    await settle(SAVE_DELAY_MS);
    expect(ws.save).toBe('offline');
    await act(async () => server.fire('connect'));
    await settle();
    expect(saves()).toEqual([
      ['離線時打的', 1],
      ['離線時打的', 1],
    ]);
    expect(ws.save).toBe('saved');
    expect(server.draft.description).toBe('離線時打的');
  });

  it("hears the caller's answer to the read-back", async () => {
    act(() => ws.sendReadBack());
    await settle();
    expect(ws.readBack?.answer).toBeNull();
    act(() => server.fire('case:readBackAnswered', { ref: REF, readBack: { id: 'rb', sentAt: 1, answer: 'correct', answeredAt: 2, current: true } }));
    expect(ws.readBack?.answer).toBe('correct');
    // Another call's answer is not this form's.
    act(() => server.fire('case:readBackAnswered', { ref: { kind: 'call', callId: 'other' }, readBack: { id: 'x', sentAt: 1, answer: 'change', answeredAt: 3, current: true } }));
    expect(ws.readBack?.answer).toBe('correct');
  });

  it('files with one client key per attempt: a resend after no answer files nothing new', async () => {
    server.script.set('case:file', [() => 'no-answer']);
    act(() => ws.file('來電者已掛斷'));
    await settle();
    expect(ws.actionError).toBe('TIMEOUT');
    const first = server.sent.filter((s) => s.event === 'case:file')[0]!.payload;
    expect(first.skipReadBackReason).toBe('來電者已掛斷');
    act(() => ws.file('來電者已掛斷'));
    await settle();
    const files = server.sent.filter((s) => s.event === 'case:file').map((s) => s.payload.clientKey);
    expect(files).toHaveLength(2);
    expect(files[1]).toBe(files[0]);
    expect(ws.filed?.number).toBe('1999-20261201-000001');
    // Answered: the key is spent, the next filing gets a new one.
    act(() => ws.file('來電者已掛斷'));
    await settle();
    const keys = server.sent.filter((s) => s.event === 'case:file').map((s) => s.payload.clientKey);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('shows the rules the server refused a read-back for, by field', async () => {
    server.script.set('case:readBack', [() => ({ ok: false, error: { code: 'CASE_INCOMPLETE', message: 'x', details: [{ field: 'district', rule: 'district-required' }] } })]);
    act(() => ws.sendReadBack());
    await settle();
    expect(ws.actionError).toBe('CASE_INCOMPLETE');
    expect(ws.serverProblems).toEqual([{ field: 'district', rule: 'district-required' }]);
  });
});
