import { describe, expect, it } from 'vitest';
import { DEFAULT_KEY_PREFIX, keys } from './keys.ts';

describe('keys', () => {
  it('builds every key under the prefix', () => {
    const k = keys('sr:staging');
    expect(k.queueEntries()).toBe('sr:staging:queue:entries');
    expect(k.queueLine()).toBe('sr:staging:queue:line');
    expect(k.queueWaiting()).toBe('sr:staging:queue:waiting');
    expect(k.queueReady(null)).toBe('sr:staging:queue:ready:any');
    expect(k.queueReady('female')).toBe('sr:staging:queue:ready:female');
    expect(k.queueDeadlines()).toBe('sr:staging:queue:deadlines');
    expect(k.queueOffers()).toBe('sr:staging:queue:offers');
    expect(k.interpreterStates()).toBe('sr:staging:interpreters:state');
    expect(k.interpretersAvailable()).toBe('sr:staging:interpreters:available');
    expect(k.interpretersAvailableByGender('male')).toBe('sr:staging:interpreters:available:male');
    expect(k.rateLimit('guestPerAddress')).toBe('sr:staging:ratelimit:guestPerAddress');
  });

  it('defaults the prefix', () => {
    expect(keys().queueWaiting()).toBe(`${DEFAULT_KEY_PREFIX}:queue:waiting`);
  });

  it('refuses a malformed prefix or an empty id', () => {
    for (const bad of ['', 'a b', ':a', 'a:', 'a::b']) expect(() => keys(bad)).toThrow(/Invalid Redis key prefix/);
    expect(() => keys().queueReady('')).toThrow(/Empty gender/);
  });
});
