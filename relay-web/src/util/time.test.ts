import { describe, expect, it } from 'vitest';
import { clockTime, elapsedSec, formatDuration, localDeadline, remainingSec, waitEstimate } from './time.ts';

describe('waitEstimate', () => {
  it('keeps "nobody on duty" apart from a number', () => {
    expect(waitEstimate(null)).toEqual({ kind: 'unknown' });
    expect(waitEstimate(Number.NaN)).toEqual({ kind: 'unknown' });
  });

  it('says "under a minute" below 60 s, including zero', () => {
    expect(waitEstimate(0)).toEqual({ kind: 'under-minute' });
    expect(waitEstimate(59)).toEqual({ kind: 'under-minute' });
  });

  it('rounds to whole minutes from a minute on', () => {
    expect(waitEstimate(60)).toEqual({ kind: 'minutes', minutes: 1 });
    expect(waitEstimate(89)).toEqual({ kind: 'minutes', minutes: 1 });
    expect(waitEstimate(90)).toEqual({ kind: 'minutes', minutes: 2 });
    expect(waitEstimate(600)).toEqual({ kind: 'minutes', minutes: 10 });
  });
});

describe('formatDuration', () => {
  it('shows m:ss, and h:mm:ss from an hour', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(65.9)).toBe('1:05');
    expect(formatDuration(3599)).toBe('59:59');
    expect(formatDuration(3600)).toBe('1:00:00');
    expect(formatDuration(3725)).toBe('1:02:05');
  });

  it('never shows a negative time', () => {
    expect(formatDuration(-3)).toBe('0:00');
  });
});

describe('elapsed and remaining', () => {
  it('counts whole seconds since, never below zero', () => {
    expect(elapsedSec(1_000, 3_999)).toBe(2);
    expect(elapsedSec(5_000, 1_000)).toBe(0);
  });

  it('rounds what is left up, so a countdown shows 1 until it is over', () => {
    expect(remainingSec(10_000, 9_001)).toBe(1);
    expect(remainingSec(10_000, 10_000)).toBe(0);
    expect(remainingSec(10_000, 12_000)).toBe(0);
    expect(remainingSec(20_000, 0)).toBe(20);
  });
});

describe('localDeadline', () => {
  it('trusts a plausible server deadline', () => {
    expect(localDeadline(120_000, 20_000, 101_000)).toBe(120_000);
    // Slightly past already (a slow delivery) is still the server's deadline.
    expect(localDeadline(100_000, 20_000, 101_000)).toBe(100_000);
  });

  it('falls back to the full time from arrival when the clocks are clearly apart', () => {
    // Server clock far behind: its deadline already passed long ago on ours.
    expect(localDeadline(50_000, 20_000, 100_000)).toBe(120_000);
    // Server clock far ahead: its deadline is further away than the whole ring.
    expect(localDeadline(500_000, 20_000, 100_000)).toBe(120_000);
  });
});

describe('clockTime', () => {
  it('shows Taipei time, 24-hour', () => {
    // 2024-01-01T06:05:00Z is 14:05 in Taipei (UTC+8).
    const at = Date.UTC(2024, 0, 1, 6, 5);
    expect(clockTime(at, 'en')).toBe('14:05');
    expect(clockTime(at, 'zh-TW')).toBe('14:05');
  });
});
