// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { catalogues, DEFAULT_LANGUAGE } from './catalogue.ts';

describe('kiosk catalogue', () => {
  it('is zh-TW first and has the same non-empty keys in both languages', () => {
    expect(DEFAULT_LANGUAGE).toBe('zh-TW');
    expect(Object.keys(catalogues.en).sort()).toEqual(Object.keys(catalogues['zh-TW']).sort());
    for (const c of Object.values(catalogues)) for (const v of Object.values(c)) expect(v.trim()).not.toBe('');
  });
});
