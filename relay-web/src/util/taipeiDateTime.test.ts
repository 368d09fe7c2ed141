import { describe, expect, it } from 'vitest';
import { taipeiDateTime } from './taipeiDateTime.ts';

describe('taipeiDateTime', () => {
  it('gives the Taipei date with the Taipei time: 03:23 in Taipei is 19:23 UTC the day before', () => {
    expect(taipeiDateTime('2026-11-30T19:23:00.000Z')).toBe('2026-12-01 03:23');
    expect(taipeiDateTime(Date.UTC(2026, 10, 30, 19, 23, 45))).toBe('2026-12-01 03:23');
  });

  it('adds seconds when asked, and keeps the same day when UTC and Taipei agree', () => {
    expect(taipeiDateTime('2026-12-01T05:07:09Z', { seconds: true })).toBe('2026-12-01 13:07:09');
    expect(taipeiDateTime('2026-12-31T15:59:59Z', { seconds: true })).toBe('2026-12-31 23:59:59');
    expect(taipeiDateTime('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00');
  });

  it('says nothing for a time it cannot read', () => {
    expect(taipeiDateTime('not a time')).toBe('');
  });
});
