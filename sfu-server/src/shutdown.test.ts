import { EventEmitter } from 'node:events';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { stopOnFatal, withDeadline } from './shutdown.ts';

function capture(): { logger: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { logger, lines };
}

describe('process failures and shutdown', () => {
  it('an unhandled rejection or uncaught exception is logged and shuts the server down cleanly (review #2)', () => {
    const proc = new EventEmitter();
    const { logger, lines } = capture();
    const stops: { reason: string; code: number }[] = [];
    stopOnFatal(proc, logger, (reason, code) => stops.push({ reason, code }));

    proc.emit('unhandledRejection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), Promise.resolve());
    proc.emit('uncaughtException', new Error('boom'), 'uncaughtException');

    expect(stops).toEqual([
      { reason: 'unhandledRejection', code: 1 },
      { reason: 'uncaughtException', code: 1 },
    ]);
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [60, 'unhandled promise rejection: shutting down'],
      [60, 'uncaught exception: shutting down'],
    ]);
    expect(lines[0]).toMatchObject({ err: { message: 'connect ECONNREFUSED' } });
  });

  it('gives the close sequence a deadline (review #23)', async () => {
    const started = Date.now();
    expect(await withDeadline(new Promise(() => undefined), 200)).toBe('timed-out');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await withDeadline(Promise.resolve(), 200)).toBe('done');
    expect(await withDeadline(Promise.reject(new Error('close failed')), 200)).toBe('done');
  });
});
