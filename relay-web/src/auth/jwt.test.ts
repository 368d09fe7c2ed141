import { describe, expect, it } from 'vitest';
import { fakeToken } from '../test/fakeAuth.ts';
import { renewDelayMs, tokenExpiresAt } from './jwt.ts';

describe('tokenExpiresAt', () => {
  it('reads exp (seconds) as ms', () => {
    expect(tokenExpiresAt(fakeToken({ exp: 1_700_000_000, sub: '台北' }))).toBe(1_700_000_000_000);
  });

  it('is null for anything unreadable', () => {
    expect(tokenExpiresAt('')).toBeNull();
    expect(tokenExpiresAt('a.b.c')).toBeNull();
    expect(tokenExpiresAt(fakeToken({ sub: 'x' }))).toBeNull();
  });
});

describe('renewDelayMs', () => {
  it('renews the lead time before expiry, at once when already late', () => {
    expect(renewDelayMs(900_000, 0, 60_000)).toBe(840_000);
    expect(renewDelayMs(900_000, 880_000, 60_000)).toBe(0);
  });
});
