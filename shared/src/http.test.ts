import { describe, expect, it } from 'vitest';
import { queryString, routePath } from './http.ts';

describe('routePath', () => {
  it('fills and encodes parameters', () => {
    expect(routePath('/api/cases/:id/status', { id: 'a b/c' })).toBe('/api/cases/a%20b%2Fc/status');
  });
  it('refuses a missing parameter', () => {
    expect(() => routePath('/api/cases/:id', {})).toThrow(/missing parameter id/);
  });
});

describe('queryString', () => {
  it('leaves out undefined and null, repeats arrays, encodes', () => {
    expect(queryString({ a: 1, b: undefined, c: null, d: ['x', 'y z'], e: '大安' })).toBe('?a=1&d=x&d=y%20z&e=%E5%A4%A7%E5%AE%89');
  });
  it('is empty without values', () => {
    expect(queryString({})).toBe('');
    expect(queryString(undefined)).toBe('');
  });
});
