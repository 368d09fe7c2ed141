import { describe, expect, it } from 'vitest';
import { averageHandleSec, estimateWaitSec } from './estimate.ts';

describe('estimated wait', () => {
  it('is zero when an interpreter is free for the caller, and null when nobody is on duty', () => {
    expect(estimateWaitSec(1, 2, 1, 300)).toBe(0);
    expect(estimateWaitSec(2, 2, 2, 300)).toBe(0);
    expect(estimateWaitSec(0, 0, 0, 300)).toBe(0);
    expect(estimateWaitSec(1, 0, 0, 300)).toBeNull();
  });
  it('spreads the callers ahead over the staffed interpreters', () => {
    expect(estimateWaitSec(1, 2, 0, 300)).toBe(300);
    expect(estimateWaitSec(2, 2, 0, 300)).toBe(300);
    expect(estimateWaitSec(3, 2, 0, 300)).toBe(600);
    expect(estimateWaitSec(4, 2, 1, 240)).toBe(480);
  });
  it('averages recent handle times, with a default when there are none', () => {
    expect(averageHandleSec([])).toBe(300);
    expect(averageHandleSec([100, 200])).toBe(150);
  });
});
