import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServiceUrl } from '../testing/context.ts';
import { createLogger } from '../logger.ts';
import { createDatabase, databaseUnavailable, EmbeddedDatabaseInUseError, redactDatabaseUrl } from './db.ts';
import { migrate } from './migrate.ts';

const logger = createLogger('silent');

describe('createDatabase with a DATABASE_URL', () => {
  it('opens a pool on the real server', async () => {
    const db = await createDatabase({ databaseUrl: testServiceUrl('TEST_DATABASE_URL'), logger });
    try {
      expect(db.kind).toBe('postgres');
      const { rows } = await db.pool.query<{ v: string }>("SELECT current_setting('server_version') AS v");
      expect(rows[0]?.v).toMatch(/^\d+/);
    } finally {
      await db.close();
      await db.close();
    }
  });

  it('bounds a slow statement and a database that stops answering, then serves again (review #3)', async () => {
    const db = await createDatabase({ databaseUrl: testServiceUrl('TEST_DATABASE_URL'), logger });
    try {
      // A statement the server runs too long is cancelled by the server.
      let started = Date.now();
      const slow = await db.pool.query('SELECT pg_sleep(20)').then(() => undefined, (err: unknown) => err);
      expect(Date.now() - started).toBeLessThan(6_000);
      expect(databaseUnavailable(slow)).toMatchObject({ name: 'AppError', code: 'UNAVAILABLE' });

      // A server that stops answering altogether (its process frozen: no reset, no reply) is given up on by the client.
      const client = await db.pool.connect();
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      client.release();
      process.kill(pid, 'SIGSTOP');
      try {
        started = Date.now();
        const hung = await Promise.race([
          db.pool.query('SELECT 1').then(() => 'answered', (err: unknown) => err),
          new Promise((r) => setTimeout(() => r('still waiting'), 15_000)),
        ]);
        expect(Date.now() - started).toBeLessThan(6_000);
        expect(databaseUnavailable(hung)).toMatchObject({ code: 'UNAVAILABLE' });
      } finally {
        process.kill(pid, 'SIGCONT');
      }
      expect((await db.pool.query('SELECT 2 AS n')).rows).toEqual([{ n: 2 }]);
    } finally {
      await db.close();
    }
  });

  it('a connection lost while checked out (the server restarted mid-transaction) is an error of its query, not a crash', async () => {
    const db = await createDatabase({ databaseUrl: testServiceUrl('TEST_DATABASE_URL'), logger });
    const uncaught: unknown[] = [];
    const count = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', count);
    try {
      const client = await db.pool.connect();
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      // The server ends this backend while the client holds it, as a restart does.
      await db.pool.query('SELECT pg_terminate_backend($1)', [pid]);
      const failed = await client.query('SELECT 1').then(() => undefined, (err: unknown) => err);
      expect(databaseUnavailable(failed)).toMatchObject({ code: 'UNAVAILABLE' });
      client.release(true);
      await new Promise((r) => setTimeout(r, 200));
      expect(uncaught).toEqual([]);
      expect((await db.pool.query('SELECT 3 AS n')).rows).toEqual([{ n: 3 }]);
    } finally {
      process.off('uncaughtException', count);
      await db.close();
    }
  });

  it('fails the start with a message naming the database but not the password', async () => {
    const url = 'postgresql://app:s3cret@/nowhere?host=/nonexistent-socket-dir';
    await expect(createDatabase({ databaseUrl: url, logger })).rejects.toThrow(/Cannot reach the database at postgresql:\/\/\/nowhere/);
    await expect(createDatabase({ databaseUrl: url, logger })).rejects.not.toThrow(/s3cret/);
    expect(redactDatabaseUrl('postgres://u:pw@h:5432/d?password=x&sslmode=require')).toBe('postgres://h:5432/d?password=***&sslmode=require');
  });
});

describe('createDatabase without a DATABASE_URL (embedded PGlite)', () => {
  let dir: string;
  // Creating an on-disk PGlite costs seconds (initdb in WASM), reopening one well under one: both tests share it.
  let dataDir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sign-relay-embedded-test-'));
    dataDir = join(dir, 'nested', 'pglite');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps its data across a close and a reopen of the same data dir', async () => {
    const first = await createDatabase({ embeddedDataDir: dataDir, logger });
    expect(first.kind).toBe('embedded');
    expect(first.pool.options.max).toBe(1);
    await migrate(first.pool, logger);
    await first.pool.query("INSERT INTO users (id, username, display_name, role, password_hash) VALUES (gen_random_uuid(), 'chen', '陳手語員', 'interpreter', 'h')");
    await first.close();
    await first.close();

    const second = await createDatabase({ embeddedDataDir: dataDir, logger });
    try {
      expect(await migrate(second.pool, logger)).toEqual([]);
      const { rows } = await second.pool.query('SELECT username, display_name FROM users');
      expect(rows).toEqual([{ username: 'chen', display_name: '陳手語員' }]);
    } finally {
      await second.close();
    }
  });

  it('refuses a data dir that is already open, and takes over a lock left by a dead process', async () => {
    const db = await createDatabase({ embeddedDataDir: dataDir, logger });
    try {
      expect(await readFile(`${dataDir}.lock`, 'utf8')).toBe(`${process.pid}\n`);
      await expect(createDatabase({ embeddedDataDir: dataDir, logger })).rejects.toBeInstanceOf(EmbeddedDatabaseInUseError);
    } finally {
      await db.close();
    }
    await expect(readFile(`${dataDir}.lock`, 'utf8')).rejects.toThrow(/ENOENT/);

    // A pid far above pid_max belongs to no process: the lock is stale.
    await writeFile(`${dataDir}.lock`, '2147483646\n');
    const again = await createDatabase({ embeddedDataDir: dataDir, logger });
    await again.close();
  });

  it('gives up waiting for its one connection with a coded error (review #3)', async () => {
    const db = await createDatabase({ embeddedDataDir: 'memory://', logger });
    try {
      // PGlite runs in this process, so a statement cannot be black-holed, only queued behind the one connection.
      const client = await db.pool.connect();
      try {
        const started = Date.now();
        const waited = await Promise.race([
          db.pool.query('SELECT 1').then(() => 'answered', (err: unknown) => err),
          new Promise((r) => setTimeout(() => r('still waiting'), 10_000)),
        ]);
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(databaseUnavailable(waited)).toMatchObject({ code: 'UNAVAILABLE' });
      } finally {
        client.release();
      }
      expect((await db.pool.query('SELECT 3 AS n')).rows).toEqual([{ n: 3 }]);
    } finally {
      await db.close();
    }
  });

  it('recovers its one connection after failed queries', async () => {
    const db = await createDatabase({ embeddedDataDir: 'memory://', logger });
    try {
      for (let i = 0; i < 5; i++) {
        await expect(db.pool.query('SELECT 1 / $1::int', [0])).rejects.toThrow(/division by zero/);
        expect((await db.pool.query('SELECT $1::int AS n', [i])).rows).toEqual([{ n: i }]);
      }
      // A transaction on a held client, while other queries wait their turn for the single connection.
      const client = await db.pool.connect();
      const waiting = db.pool.query('SELECT 42 AS n');
      await client.query('BEGIN');
      await client.query('CREATE TABLE t (a int)');
      await client.query('ROLLBACK');
      client.release();
      expect((await waiting).rows).toEqual([{ n: 42 }]);
      await expect(db.pool.query('SELECT * FROM t')).rejects.toThrow(/does not exist/);
    } finally {
      await db.close();
    }
  });
});
