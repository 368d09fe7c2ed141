import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseDraft } from '@sign-relay/shared';
import { SignalingError } from '../../signaling/socket.ts';
import { DraftSaver, SAVE_DELAY_MS } from './draftSaver.ts';
import type { SaveState, SavedDraft } from './draftSaver.ts';

interface Sent {
  draft: CaseDraft;
  base: number;
  resolve: (r: SavedDraft) => void;
  reject: (e: unknown) => void;
}

function setup(version = 3) {
  const sent: Sent[] = [];
  const states: SaveState[] = [];
  const conflicts: number[] = [];
  const saver = new DraftSaver(version, {
    send: (draft, base) => new Promise((resolve, reject) => sent.push({ draft, base, resolve, reject })),
    onSaved: () => undefined,
    onState: (s) => states.push(s),
    onConflict: () => conflicts.push(1),
  });
  return { saver, sent, states, conflicts };
}

const flushPromises = (): Promise<void> => new Promise((r) => setImmediate(r));

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => vi.useRealTimers());

describe('DraftSaver', () => {
  it('saves after a pause in typing, once for a burst, on the last version', async () => {
    const { saver, sent, states } = setup(3);
    saver.edit({ description: 'a' });
    vi.advanceTimersByTime(SAVE_DELAY_MS - 100);
    saver.edit({ description: 'ab' });
    vi.advanceTimersByTime(SAVE_DELAY_MS - 100);
    expect(sent).toHaveLength(0);
    expect(states).toEqual(['pending']);
    vi.advanceTimersByTime(100);
    await flushPromises();
    expect(sent.map((s) => [s.draft.description, s.base])).toEqual([['ab', 3]]);
    sent[0]!.resolve({ version: 4, readBack: null });
    await flushPromises();
    expect(states).toEqual(['pending', 'saving', 'saved']);
    expect(saver.baseVersion).toBe(4);
  });

  it('never has two saves in flight: an edit during a save goes next, on the version that save returned', async () => {
    const { saver, sent } = setup(1);
    saver.edit({ summary: 'x' });
    vi.advanceTimersByTime(SAVE_DELAY_MS);
    await flushPromises();
    saver.edit({ summary: 'xy' });
    vi.advanceTimersByTime(SAVE_DELAY_MS);
    await flushPromises();
    expect(sent).toHaveLength(1);
    sent[0]!.resolve({ version: 2, readBack: null });
    await flushPromises();
    expect(sent.map((s) => [s.draft.summary, s.base])).toEqual([
      ['x', 1],
      ['xy', 2],
    ]);
  });

  it('keeps an edit that could not go out and sends it again on flush (after a reconnection)', async () => {
    const { saver, sent, states } = setup(5);
    saver.edit({ address: '市府路1號' });
    vi.advanceTimersByTime(SAVE_DELAY_MS);
    await flushPromises();
    sent[0]!.reject(new SignalingError('TIMEOUT', 'no answer'));
    await flushPromises();
    expect(states.at(-1)).toBe('offline');
    expect(saver.pending).toEqual({ address: '市府路1號' });
    const done = saver.flush();
    await flushPromises();
    expect(sent[1]).toMatchObject({ draft: { address: '市府路1號' }, base: 5 });
    sent[1]!.resolve({ version: 6, readBack: null });
    await expect(done).resolves.toBe(true);
  });

  it('hands a CONFLICT to its owner and drops the edit (the form reloads)', async () => {
    const { saver, sent, conflicts } = setup(2);
    saver.edit({ agency: '工務局' });
    vi.advanceTimersByTime(SAVE_DELAY_MS);
    await flushPromises();
    sent[0]!.reject(new SignalingError('CONFLICT', 'newer'));
    await flushPromises();
    expect(conflicts).toHaveLength(1);
    expect(saver.pending).toBeNull();
    saver.reset(7);
    expect(saver.baseVersion).toBe(7);
  });

  it('flush reports false while something stays unsaved', async () => {
    const { saver, sent } = setup(1);
    saver.edit({ description: 'd' });
    const done = saver.flush();
    await flushPromises();
    sent[0]!.reject(new SignalingError('BAD_REQUEST', 'bad'));
    await expect(done).resolves.toBe(false);
  });
});
