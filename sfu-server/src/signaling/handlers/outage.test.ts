import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { orUnavailable } from './outage.ts';

describe('handler failures during an outage', () => {
  it('a database or Redis that cannot answer gives UNAVAILABLE, anything else passes unchanged (review #2, #17)', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED /tmp/.s.PGSQL.5432'), { code: 'ECONNREFUSED' });
    await expect(orUnavailable(() => Promise.reject(refused))).rejects.toMatchObject({ name: 'AppError', code: 'UNAVAILABLE' });
    class TimeoutError extends Error {}
    await expect(orUnavailable(() => Promise.reject(new TimeoutError('Timeout')))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const notFound = new AppError('NOT_FOUND', 'This chat is not waiting.');
    await expect(orUnavailable(() => Promise.reject(notFound))).rejects.toBe(notFound);
    const bug = new TypeError('x is undefined');
    await expect(orUnavailable(() => Promise.reject(bug))).rejects.toBe(bug);
    expect(await orUnavailable(async () => 42)).toBe(42);
  });
});
