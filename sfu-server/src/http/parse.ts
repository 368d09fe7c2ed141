import type { z } from 'zod';
import { AppError } from '../errors.ts';
import { validationMessage } from '../util/validation.ts';

/** Parses a request part with its schema; a failure is a BAD_REQUEST naming the field, never echoing the value. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new AppError('BAD_REQUEST', validationMessage(r.error.issues, 'body'));
}
