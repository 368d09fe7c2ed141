import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validationMessage } from './validation.ts';

const issuesOf = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected a failure');
  return r.error.issues;
};

describe('validationMessage', () => {
  it('names the first failing field and what was wrong, never the value', () => {
    const message = validationMessage(issuesOf(z.object({ a: z.object({ b: z.string() }) }), { a: { b: 12345678 } }), 'body');
    expect(message).toMatch(/^Invalid request: a\.b: /);
    expect(message).not.toContain('12345678');
  });

  it('names the whole input when the problem is at its top level, and stays short', () => {
    expect(validationMessage(issuesOf(z.object({}), 'x'), 'payload')).toMatch(/^Invalid request: payload: /);
    expect(validationMessage([{ path: [], message: 'x'.repeat(1000) }], 'body')).toHaveLength(300);
  });
});
