import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { handleGone, withRetries } from './retry.ts';

const quick = { attempts: 4, firstDelayMs: 5, maxDelayMs: 20 };

describe('retrying the handling of a departed connection', () => {
  it('a look-up across server processes that throws once still marks the caller lost, after a retry (review #17)', async () => {
    const lines: Record<string, unknown>[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
    let calls = 0;
    let markedLost = false;
    const fetchSockets = async (): Promise<unknown[]> => {
      calls++;
      if (calls === 1) throw new Error('timeout reached while waiting for fetchSockets response');
      return [];
    };
    await handleGone(async () => {
      if ((await fetchSockets()).length === 0) markedLost = true;
    }, log, quick);
    expect(markedLost).toBe(true);
    expect(calls).toBe(2);
    expect(lines.map((l) => [l.msg, l.attempt])).toEqual([['disconnect handling failed; trying again', 1]]);
  });

  it('waits longer each time, gives up after the last try, and does not retry a refusal', async () => {
    const delays: number[] = [];
    let tries = 0;
    const failing = withRetries(
      async () => {
        tries++;
        throw new AppError('UNAVAILABLE', 'down');
      },
      { ...quick, onRetry: (_err, _attempt, delayMs) => delays.push(delayMs) },
    );
    await expect(failing).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(tries).toBe(4);
    expect(delays).toEqual([5, 10, 20]);

    tries = 0;
    await expect(
      withRetries(async () => {
        tries++;
        throw new AppError('NOT_FOUND', 'gone');
      }, quick),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(tries).toBe(1);
  });
});
