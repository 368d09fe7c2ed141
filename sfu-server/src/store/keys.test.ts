import { describe, expect, it } from 'vitest';
import { DEFAULT_KEY_PREFIX, keys } from './keys.ts';

describe('keys', () => {
  it('builds every key under the prefix', () => {
    const k = keys('sr:staging');
    expect(k.queueWaiting()).toBe('sr:staging:queue:waiting');
    expect(k.queueEntry('e1')).toBe('sr:staging:queue:entry:e1');
    expect(k.interpreter('i1')).toBe('sr:staging:interpreter:i1');
    expect(k.interpretersAvailable()).toBe('sr:staging:interpreters:available');
    expect(k.serviceHours()).toBe('sr:staging:schedule:hours');
  });

  it('defaults the prefix', () => {
    expect(keys().queueWaiting()).toBe(`${DEFAULT_KEY_PREFIX}:queue:waiting`);
  });

  it('refuses a malformed prefix or an empty id', () => {
    for (const bad of ['', 'a b', ':a', 'a:', 'a::b']) expect(() => keys(bad)).toThrow(/Invalid Redis key prefix/);
    expect(() => keys().queueEntry('')).toThrow(/Empty queue entry id/);
  });
});
