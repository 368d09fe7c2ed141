import { Writable } from 'node:stream';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

/** A logger writing JSON lines into an array. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

/** A constraint failure as Postgres reports it: the whole row, with a caller's contact, in `detail`. */
function failingRowError(): pg.DatabaseError {
  const err = new pg.DatabaseError('new row for relation "callback_requests" violates check constraint "callback_phone_format"', 200, 'error');
  err.code = '23514';
  err.table = 'callback_requests';
  err.constraint = 'callback_phone_format';
  err.detail = 'Failing row contains (7f3c, 王小明, 0912-345-678, ming@example.tw, pending).';
  err.where = 'PL/pgSQL function check_contact() line 3 at RAISE: 0912-345-678';
  err.internalQuery = "SELECT '0912-345-678'";
  return Object.assign(err, { parameters: ['王小明', '0912-345-678'] });
}

const PII = ['王小明', '0912-345-678', 'ming@example.tw'];

describe('errors in the log carry no personal data (review #24)', () => {
  it('a Postgres error logged as err keeps its code and constraint but not detail, where, internalQuery or parameters', () => {
    const { logger, lines } = capture();
    logger.error({ err: failingRowError() }, 'writing the call-back failed');
    const [line] = lines;
    const err = line!.err as Record<string, unknown>;
    expect(err).toMatchObject({ type: 'DatabaseError', code: '23514', constraint: 'callback_phone_format', table: 'callback_requests' });
    expect(err.message).toContain('violates check constraint');
    for (const field of ['detail', 'where', 'internalQuery', 'parameters']) expect(err).not.toHaveProperty(field);
    const text = JSON.stringify(line);
    for (const value of PII) expect(text).not.toContain(value);
  });

  it('in a child logger, under error, and inside a wrapping or aggregate error too', () => {
    const { logger, lines } = capture();
    const child = logger.child({ component: 'callbacks' });
    child.error({ err: new Error('saving failed', { cause: failingRowError() }) }, 'wrapped');
    child.warn({ error: failingRowError() }, 'as error');
    child.error({ err: new AggregateError([failingRowError()], 'several failed') }, 'aggregate');
    child.error({ err: Object.assign(new Error('outer'), { inner: failingRowError() }) }, 'nested');
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      const text = JSON.stringify(line);
      for (const value of PII) expect(text).not.toContain(value);
    }
    expect(lines[2]!.err).toMatchObject({ aggregateErrors: [{ code: '23514' }] });
    expect(lines[3]!.err).toMatchObject({ inner: { code: '23514', constraint: 'callback_phone_format' } });
  });

  it('leaves the logged error itself untouched', () => {
    const { logger } = capture();
    const err = failingRowError();
    logger.error({ err }, 'x');
    expect(err.detail).toContain('Failing row');
  });
});
