// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { CALL_END_REASONS, ERROR_CODES } from '@sign-relay/shared';
import { CONNECTION_STATES } from '../media/connectionState.ts';
import { DEFAULT_LANGUAGE, LANGUAGES, resources } from './catalogue.ts';

type Tree = { readonly [key: string]: string | Tree };

/** Every leaf key as a dotted path, with its value. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const zh = leaves(resources['zh-TW'].translation);
const en = leaves(resources.en.translation);

describe('catalogue', () => {
  it('is zh-TW first', () => {
    expect(DEFAULT_LANGUAGE).toBe('zh-TW');
    expect(LANGUAGES[0]).toBe('zh-TW');
  });

  it('has exactly the same keys in both languages', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('has no empty strings', () => {
    for (const [key, value] of [...zh, ...en]) expect(value.trim(), key).not.toBe('');
  });

  it('uses the same interpolation variables in both languages', () => {
    const vars = (s: string): string[] => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1] ?? '').sort();
    for (const [key, value] of zh) expect(vars(en.get(key) ?? ''), key).toEqual(vars(value));
  });

  it('translates every error code, end reason and connection state', () => {
    for (const code of [...ERROR_CODES, 'TIMEOUT']) expect(zh.has(`errors.${code}`), code).toBe(true);
    for (const reason of CALL_END_REASONS) expect(zh.has(`ended.reason.${reason}`), reason).toBe(true);
    for (const state of CONNECTION_STATES) expect(zh.has(`state.${state}`), state).toBe(true);
  });

  it('actually differs between languages for user-facing text', () => {
    expect(zh.get('home.start')).toBe('開始視訊通話');
    expect(en.get('home.start')).toBe('Start a video call');
  });
});
