// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findCallId, interpreterPath, parseCallId } from './callId.ts';

const ID = '0b8f6c3e-2d4a-4c1b-9f7e-1a2b3c4d5e6f';

describe('call ids', () => {
  it('accepts a well-formed id, normalised to lower case', () => {
    expect(parseCallId(ID)).toBe(ID);
    expect(parseCallId(` ${ID.toUpperCase()} `)).toBe(ID);
  });

  it('rejects anything else', () => {
    expect(parseCallId(undefined)).toBeNull();
    expect(parseCallId('')).toBeNull();
    expect(parseCallId('call-123')).toBeNull();
    expect(parseCallId(`${ID}x`)).toBeNull();
  });

  it('finds the id in a pasted link', () => {
    expect(findCallId(`https://relay.example/interpreter/call/${ID}`)).toBe(ID);
    expect(findCallId(`  ${ID}\n`)).toBe(ID);
    expect(findCallId('hello')).toBeNull();
  });

  it('builds the interpreter path', () => {
    const id = parseCallId(ID);
    expect(id && interpreterPath(id)).toBe(`/interpreter/call/${ID}`);
  });
});
