import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { RecordOutbox } from './RecordOutbox.ts';

const down = () => new AppError('UNAVAILABLE', 'database down');

describe('call-record writes during a database outage', () => {
  it('holds writes while the database is out of reach and writes them, in order per record, once it is back (review #3)', async () => {
    const outbox = new RecordOutbox({ logger: createLogger('silent'), firstRetryDelayMs: 10, maxRetryDelayMs: 40 });
    let up = false;
    const written: string[] = [];
    const write = (what: string) => async () => {
      if (!up) throw down();
      written.push(what);
    };
    // Nothing a caller waits on fails: each write resolves at once, held.
    await outbox.write('e1', 'queued', write('e1 queued'));
    await outbox.write('e2', 'queued', write('e2 queued'));
    await outbox.write('e1', 'offered', write('e1 offered'));
    expect(outbox.size).toBe(3);
    expect(written).toEqual([]);

    up = true;
    await expect.poll(() => outbox.size).toBe(0);
    expect(written.filter((w) => w.startsWith('e1'))).toEqual(['e1 queued', 'e1 offered']);
    expect(written).toContain('e2 queued');

    // With the database up, a write is made before write() resolves (readers see it at once).
    await outbox.write('e3', 'queued', write('e3 queued'));
    expect(written.at(-1)).toBe('e3 queued');
  });

  it('a later write of a record waits for the one in flight, and an error a retry would not cure is thrown', async () => {
    const outbox = new RecordOutbox({ logger: createLogger('silent'), firstRetryDelayMs: 10 });
    const written: string[] = [];
    let finish!: () => void;
    const first = outbox.write('e1', 'queued', () => new Promise<void>((r) => (finish = r)).then(() => void written.push('queued')));
    await outbox.write('e1', 'offered', async () => void written.push('offered'));
    expect(written).toEqual([]);
    finish();
    await first;
    await expect.poll(() => written).toEqual(['queued', 'offered']);

    await expect(outbox.write('e2', 'queued', () => Promise.reject(new Error('duplicate key value violates unique constraint')))).rejects.toThrow(/duplicate key/);
    expect(outbox.size).toBe(0);
  });
});
