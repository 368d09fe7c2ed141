// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { VIBRATION, vibrate } from './vibrate.ts';

describe('vibrate', () => {
  it('vibrates where supported', () => {
    const patterns: unknown[] = [];
    const nav = { vibrate: (p: number[]) => (patterns.push(p), true) };
    expect(vibrate(VIBRATION.connected, nav)).toBe(true);
    expect(patterns).toEqual([[200]]);
  });

  it('does nothing where unsupported or refused', () => {
    expect(vibrate(VIBRATION.ended, {})).toBe(false);
    expect(vibrate(VIBRATION.ended, undefined)).toBe(false);
    const throwing = {
      vibrate: (): boolean => {
        throw new Error('blocked');
      },
    };
    expect(vibrate(VIBRATION.ended, throwing)).toBe(false);
  });
});
