import { describe, expect, it } from 'vitest';
import { countByState, fatigueLevel, isStale, percentText, secondsText, serviceLevelTone, signingSec, sortInterpreters, timeInStateSec } from './figures.ts';

describe('wallboard figures', () => {
  it('shows shares as whole percentages and nothing as a dash', () => {
    expect(percentText(0.8)).toBe('80%');
    expect(percentText(0.8349)).toBe('83%');
    expect(percentText(1)).toBe('100%');
    expect(percentText(0)).toBe('0%');
    expect(percentText(null)).toBe('—');
  });

  it('shows times as m:ss and nothing as a dash', () => {
    expect(secondsText(95.4)).toBe('1:35');
    expect(secondsText(null)).toBe('—');
  });

  it('holds the service level against the 80 % target', () => {
    expect(serviceLevelTone(0.8)).toBe('met');
    expect(serviceLevelTone(0.95)).toBe('met');
    expect(serviceLevelTone(0.79)).toBe('missed');
    expect(serviceLevelTone(null)).toBe('none');
  });

  it('counts interpreters by state, every state present', () => {
    const counts = countByState([{ state: 'available' }, { state: 'in-call' }, { state: 'available' }]);
    expect(counts).toEqual({ offline: 0, available: 2, offered: 0, 'in-call': 1, 'wrap-up': 0, break: 0, textOnly: 0 });
  });

  it('counts one with video off who carries text chats as text only, not offline', () => {
    const counts = countByState([{ state: 'offline', activeChats: 2 }, { state: 'offline', activeChats: 0 }, { state: 'offline' }]);
    expect(counts.offline).toBe(2);
    expect(counts.textOnly).toBe(1);
  });

  it('orders interpreters by state, longest in it first', () => {
    const list = sortInterpreters([
      { id: 'a', state: 'break' as const, since: 1 },
      { id: 'b', state: 'available' as const, since: 50 },
      { id: 'c', state: 'available' as const, since: 10 },
      { id: 'd', state: 'in-call' as const, since: 5 },
    ]);
    expect(list.map((i) => i.id)).toEqual(['c', 'b', 'd', 'a']);
  });

  it('measures time in state on the server clock and spots a stale board', () => {
    expect(timeInStateSec(10_000, 75_500)).toBe(65);
    expect(timeInStateSec(80_000, 75_500)).toBe(0);
    expect(isStale(1_000, 4_000)).toBe(false);
    expect(isStale(1_000, 7_000)).toBe(true);
  });
});

describe('signing without a break', () => {
  it('counts from the stretch start on the server clock, nothing when rested', () => {
    expect(signingSec(null, 10_000)).toBeNull();
    expect(signingSec(10_000, 130_000)).toBe(120);
  });

  it('turns amber at 20 minutes and red at 30', () => {
    expect(fatigueLevel(null)).toBe('ok');
    expect(fatigueLevel(19 * 60 + 59)).toBe('ok');
    expect(fatigueLevel(20 * 60)).toBe('amber');
    expect(fatigueLevel(29 * 60 + 59)).toBe('amber');
    expect(fatigueLevel(30 * 60)).toBe('red');
  });
});
