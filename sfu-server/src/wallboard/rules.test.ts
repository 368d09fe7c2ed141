import { describe, expect, it } from 'vitest';
import { signingSince, wallboardAlarms, type AlarmInputs } from './rules.ts';

const MIN = 60_000;
const T = 1_000_000_000_000;

describe('signing without a break', () => {
  it('is nothing for an interpreter who has not signed', () => {
    expect(signingSince([], null, T)).toBeNull();
    expect(signingSince([], { state: 'available', since: T - MIN }, T)).toBeNull();
  });

  it('counts a call in progress from the desk, even before its record is read', () => {
    expect(signingSince([], { state: 'in-call', since: T - 7 * MIN }, T)).toBe(T - 7 * MIN);
    expect(signingSince([{ start: T - 7 * MIN, end: null }], { state: 'in-call', since: T - 7 * MIN }, T)).toBe(T - 7 * MIN);
  });

  it('joins calls whose gap to the next was shorter than five minutes', () => {
    const calls = [
      { start: T - 60 * MIN, end: T - 50 * MIN }, // 10 min before the next: a break
      { start: T - 40 * MIN, end: T - 30 * MIN },
      { start: T - 26 * MIN, end: T - 15 * MIN }, // 4 min gap: no break
      { start: T - 11 * MIN, end: null },
    ];
    expect(signingSince(calls, { state: 'in-call', since: T - 11 * MIN }, T)).toBe(T - 40 * MIN);
  });

  it('treats a gap of exactly five minutes as a break', () => {
    const calls = [
      { start: T - 20 * MIN, end: T - 10 * MIN },
      { start: T - 5 * MIN, end: null },
    ];
    expect(signingSince(calls, { state: 'in-call', since: T - 5 * MIN }, T)).toBe(T - 5 * MIN);
  });

  it('keeps the stretch through wrap-up and short pauses, and ends it after five minutes without a call', () => {
    const calls = [{ start: T - 25 * MIN, end: T - 2 * MIN }];
    expect(signingSince(calls, { state: 'wrap-up', since: T - 2 * MIN }, T)).toBe(T - 25 * MIN);
    expect(signingSince(calls, { state: 'available', since: T - MIN }, T + 2 * MIN)).toBe(T - 25 * MIN);
    expect(signingSince(calls, { state: 'available', since: T - MIN }, T + 3 * MIN)).toBeNull();
  });

  it('ends a record still open when the desk has left the call, and ignores one from an old session', () => {
    // The record of the call just ended is read before its end was written.
    expect(signingSince([{ start: T - 12 * MIN, end: null }], { state: 'wrap-up', since: T - MIN }, T)).toBe(T - 12 * MIN);
    // A call whose end was never written (a crash) long before the desk's current state started.
    expect(signingSince([{ start: T - 300 * MIN, end: null }], { state: 'available', since: T - 400 * MIN }, T)).toBeNull();
    expect(signingSince([{ start: T - 300 * MIN, end: null }], null, T)).toBeNull();
  });
});

describe('wallboard alarms', () => {
  const quiet: AlarmInputs = { video: [], interpreters: [], chats: [], chatSeatsOpen: 0, callbacksOverdue: 0, callbackOldestWaitSec: null };

  it('is quiet when nobody waits, even with nobody on duty', () => {
    expect(wallboardAlarms(quiet)).toEqual([]);
  });

  it('raises the video alarm when a caller waits and no interpreter is available', () => {
    const video = [
      { state: 'waiting' as const, waitedSec: 40 },
      { state: 'waiting' as const, waitedSec: 95 },
    ];
    expect(wallboardAlarms({ ...quiet, video, interpreters: [{ state: 'in-call' }, { state: 'break' }] })).toEqual([{ kind: 'video-unstaffed', waiting: 2, longestWaitSec: 95 }]);
    expect(wallboardAlarms({ ...quiet, video, interpreters: [{ state: 'in-call' }, { state: 'available' }] })).toEqual([]);
  });

  it('does not alarm for a caller being rung', () => {
    expect(wallboardAlarms({ ...quiet, video: [{ state: 'offered', waitedSec: 10 }], interpreters: [{ state: 'offered' }] })).toEqual([]);
  });

  it('raises the chat alarm when a chat waits and no seat is open', () => {
    const chats = [{ state: 'waiting' as const, waitedSec: 30 }];
    expect(wallboardAlarms({ ...quiet, chats })).toEqual([{ kind: 'chat-unstaffed', waiting: 1, longestWaitSec: 30 }]);
    expect(wallboardAlarms({ ...quiet, chats, chatSeatsOpen: 1 })).toEqual([]);
  });

  it('raises the call-back alarm for requests left too long, after the lines', () => {
    const alarms = wallboardAlarms({ ...quiet, video: [{ state: 'waiting', waitedSec: 5 }], callbacksOverdue: 3, callbackOldestWaitSec: 5 * 3600 });
    expect(alarms.map((a) => a.kind)).toEqual(['video-unstaffed', 'callback-overdue']);
    expect(alarms[1]).toEqual({ kind: 'callback-overdue', waiting: 3, longestWaitSec: 5 * 3600 });
  });
});
