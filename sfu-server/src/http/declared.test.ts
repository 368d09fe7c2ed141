import { describe, expect, it } from 'vitest';
import { toCsv } from './declared.ts';

describe('toCsv', () => {
  it('quotes what needs quoting and ends rows with CRLF', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['line\nbreak', null]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n');
  });
  it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
    expect(toCsv(['f', 'n'], [['=HYPERLINK("x")', -1.5]])).toBe(`f,n\r\n"'=HYPERLINK(""x"")",-1.5\r\n`);
  });
  it('writes dates in Taipei time with the offset', () => {
    expect(toCsv(['t'], [[new Date('2026-11-30T16:30:00Z')]])).toBe('t\r\n2026-12-01T00:30:00+08:00\r\n');
  });
});
