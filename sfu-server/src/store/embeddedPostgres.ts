import { chmod, mkdir, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Logger } from '../logger.ts';
import { IN_MEMORY_DATA_DIR } from './dataDir.ts';

/** How `pg` reaches the embedded database: the private directory of its Unix socket (pg's `host`). */
export interface EmbeddedEndpoint {
  host: string;
  port: number;
  user: string;
  database: string;
}

/** A PGlite instance served over the Postgres wire protocol to this process only. */
export interface EmbeddedPostgres {
  endpoint: EmbeddedEndpoint;
  /** Stops the socket server, closes PGlite (flushing it to disk) and releases the data dir. Idempotent. */
  close(): Promise<void>;
}

/** Thrown when another live process (or this one) already has the embedded data dir open. */
export class EmbeddedDatabaseInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database at ${dataDir} is in use by process ${pid}. Stop that server, point SIGN_RELAY_DATA_DIR ` +
        `elsewhere, or set DATABASE_URL to share a real Postgres between processes.`,
    );
  }
}

// Linux caps a Unix socket path at 107 bytes (pglite-socket would listen on TCP past 100).
const MAX_SOCKET_PATH = 100;
const SOCKET_FILE = '.s.PGSQL.5432';
const openInThisProcess = new Set<string>();

/** Thrown when no private directory short enough for the database's Unix socket can be made. */
export class EmbeddedSocketPathError extends Error {
  constructor(tried: string[]) {
    super(
      `No directory short enough for the embedded database's Unix socket (tried ${tried.join(', ')}); it is never ` +
        `served over TCP, where any local user could reach it without a password. Set TMPDIR to a short path.`,
    );
  }
}

/**
 * A directory only this account can enter (mode 0700, made by mkdtemp) for the database's socket: under
 * TMPDIR, or under /tmp when TMPDIR is too long for a socket path. The database is reachable through this
 * socket only, never over TCP: it has no password, so the directory's mode is its only lock.
 */
export async function privateSocketDir(bases: string[] = [tmpdir(), '/tmp']): Promise<string> {
  const tried: string[] = [];
  for (const base of bases) {
    // mkdtemp adds six characters to the prefix.
    const path = join(base, 'sign-relay-pglite-XXXXXX', SOCKET_FILE);
    tried.push(base);
    if (Buffer.byteLength(path) > MAX_SOCKET_PATH) continue;
    const dir = await mkdtemp(join(base, 'sign-relay-pglite-'));
    await chmod(dir, 0o700);
    return dir;
  }
  throw new EmbeddedSocketPathError(tried);
}

/**
 * Starts PGlite (real Postgres compiled to WASM) on `dataDir` (or in memory for `memory://`) and serves it
 * through pglite-socket on a private Unix socket, so `pg` and node-pg-migrate talk to it like any Postgres.
 * PGlite is single-connection: the caller must use at most one client at a time (a pool of max 1).
 */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedPostgres> {
  const inMemory = dataDir.startsWith(IN_MEMORY_DATA_DIR);
  const fullDir = inMemory ? dataDir : resolve(dataDir);
  const releaseLock = inMemory ? async () => {} : await lockDataDir(fullDir);
  const started = Date.now();
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  let socketDir: string | undefined;
  try {
    socketDir = await privateSocketDir();
    if (!inMemory) await privateDataDir(fullDir);
    db = await PGlite.create({ dataDir: fullDir });
    // The pool keeps one connection, but pg-pool ends a client after any failed query and connects a new one
    // at once, before the socket server has noticed the old one close; with the server's default of one
    // connection that new one is refused ("write EPIPE"). A little headroom absorbs the overlap.
    server = new PGLiteSocketServer({ db, path: join(socketDir, SOCKET_FILE), maxConnections: 4 });
    await server.start();
    const endpoint: EmbeddedEndpoint = { host: socketDir, port: 5432, user: 'postgres', database: 'postgres' };
    logger.info({ dataDir: fullDir, listen: server.getServerConn(), ms: Date.now() - started }, 'embedded database started');

    let closing: Promise<void> | undefined;
    const [ownDb, ownServer, ownSocketDir] = [db, server, socketDir];
    return {
      endpoint,
      close() {
        closing ??= (async () => {
          await ownServer.stop();
          await ownDb.close();
          await rm(ownSocketDir, { recursive: true, force: true });
          await releaseLock();
          logger.info({ dataDir: fullDir }, 'embedded database closed');
        })();
        return closing;
      },
    };
  } catch (err) {
    await server?.stop().catch(() => {});
    if (db && !db.closed) await db.close().catch(() => {});
    if (socketDir) await rm(socketDir, { recursive: true, force: true });
    await releaseLock();
    throw err;
  }
}

/**
 * The data dir holds every account, call record and transcript: it and a parent made for it are readable by
 * this account only (0700), and one that exists already is narrowed to that.
 */
export async function privateDataDir(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);
}

/**
 * PGlite does not guard its data dir the way postmaster.pid does, and two processes writing one dir would
 * corrupt it, so a `<dataDir>.lock` file holding the owner's pid is taken first. A lock left by a dead
 * process is taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  if (openInThisProcess.has(dataDir)) throw new EmbeddedDatabaseInUseError(dataDir, process.pid);
  const lockPath = `${dataDir}.lock`;
  await mkdir(dirname(lockPath), { recursive: true, mode: 0o700 });
  for (let attempt = 0; ; attempt++) {
    try {
      const file = await open(lockPath, 'wx');
      await file.writeFile(`${process.pid}\n`);
      await file.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
      const stale = !(Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid));
      // A second EEXIST means another process took the stale lock between our rm and open.
      if (!stale || attempt > 0) throw new EmbeddedDatabaseInUseError(dataDir, pid);
      await rm(lockPath, { force: true });
    }
  }
  openInThisProcess.add(dataDir);
  return async () => {
    openInThisProcess.delete(dataDir);
    await rm(lockPath, { force: true });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
