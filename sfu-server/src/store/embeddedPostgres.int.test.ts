import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { EmbeddedSocketPathError, privateDataDir, privateSocketDir, startEmbeddedPostgres, type EmbeddedPostgres } from './embeddedPostgres.ts';

const logger = createLogger('silent');
const mode = (path: string) => statSync(path).mode & 0o777;

describe('the embedded database is reachable by this account only (review #27)', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  const savedTmpdir = process.env.TMPDIR;
  afterEach(async () => {
    process.env.TMPDIR = savedTmpdir;
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('with a TMPDIR too long for a socket path, still listens on a Unix socket in a private 0700 directory, never TCP; the data dir is 0700 (review #27)', async () => {
    const root = mkdtempSync('/tmp/sr-27-');
    cleanup.push(() => rmSync(root, { recursive: true, force: true }));
    const longTmp = join(root, 'a-temporary-directory-whose-path-is-far-too-long-for-a-unix-socket'.repeat(2));
    mkdirSync(longTmp, { recursive: true });
    expect(Buffer.byteLength(join(longTmp, 'sign-relay-pglite-XXXXXX', '.s.PGSQL.5432'))).toBeGreaterThan(107);
    process.env.TMPDIR = longTmp;
    const dataDir = join(root, 'new', 'pglite');
    const db: EmbeddedPostgres = await startEmbeddedPostgres(dataDir, logger);
    cleanup.push(() => db.close());
    const { endpoint } = db;
    expect(endpoint.host).not.toBe('127.0.0.1');
    expect(endpoint.host.startsWith('/')).toBe(true);
    expect(statSync(join(endpoint.host, `.s.PGSQL.${endpoint.port}`)).isSocket()).toBe(true);
    expect(mode(endpoint.host)).toBe(0o700);
    expect(mode(dataDir)).toBe(0o700);

    const client = new pg.Client({ host: endpoint.host, port: endpoint.port, user: endpoint.user, database: endpoint.database });
    await client.connect();
    expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await client.end();
  });

  it('narrows a data dir that exists already open to others to 0700 (review #27)', async () => {
    const root = mkdtempSync('/tmp/sr-27-');
    cleanup.push(() => rmSync(root, { recursive: true, force: true }));
    const dataDir = join(root, 'pglite');
    mkdirSync(dataDir, { mode: 0o777 });
    chmodSync(dataDir, 0o777);
    await privateDataDir(dataDir);
    expect(mode(dataDir)).toBe(0o700);
  });

  it('refuses to start rather than fall back to TCP when no socket directory is short enough (review #27)', async () => {
    const long = `/${'x'.repeat(120)}`;
    await expect(privateSocketDir([long, `${long}/y`])).rejects.toBeInstanceOf(EmbeddedSocketPathError);
  });
});
