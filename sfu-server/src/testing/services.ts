/**
 * Real Postgres and Redis servers for the integration and end-to-end tests, each in a fresh temp dir and
 * reachable only through a Unix socket: no TCP port to collide on, and they work from inside the
 * loopback-only network namespace of `scripts/netns-run.sh` (sockets are files, not network).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A running test service. `stop()` shuts it down and deletes its temp dir; it is idempotent. `restart()` stops
 * the server process and starts it again on the same data and socket (an outage for whoever uses it),
 * resolving once it answers again.
 */
export interface TestService {
  url: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

/** A running Postgres: `url` names its test database, `adminUrl` the `postgres` maintenance database. */
export interface TestPostgres extends TestService {
  adminUrl: string;
  /** The socket directory (pg's `host`). */
  socketDir: string;
}

export interface TestRedis extends TestService {
  socketPath: string;
  /** The redis-server process now (tests pause it with SIGSTOP to play a Redis that stops answering). */
  readonly pid: number;
}

const READY_TIMEOUT_MS = 30_000;
const TEST_DATABASE = 'sign_relay_test';

/**
 * initdb into a fresh temp dir and start `postgres` listening on a Unix socket only (`listen_addresses=''`),
 * with durability off (fsync, synchronous_commit, full_page_writes) since the data is thrown away. As root
 * it runs as the `postgres` system user, because initdb and postgres refuse to run as root. Creates the
 * database `sign_relay_test`; returns URLs like `postgresql://postgres@/sign_relay_test?host=/tmp/…`.
 */
export async function startPostgres(opts: { durable?: boolean } = {}): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const root = await mkdtemp(join(tmpdir(), 'sign-relay-pg-'));
  const dataDir = join(root, 'data');
  const owner = process.getuid?.() === 0 ? postgresUser() : undefined;
  if (owner) chownSync(root, owner.uid, owner.gid);
  const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
  let child: ChildProcess | undefined;
  try {
    await run(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'], { cwd: root, ...asOwner });
    // Benchmarks of durable writes (`durable: true`) keep Postgres's defaults: every commit reaches the disk.
    const durability = opts.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
    const args = ['-D', dataDir, '-k', root, '-c', 'listen_addresses=', ...durability, '-c', 'max_connections=200'];
    const startOne = async (): Promise<ChildProcess> => {
      const c = spawn(join(bin, 'postgres'), args, { cwd: root, ...asOwner, stdio: ['ignore', 'ignore', 'pipe'] });
      child = c;
      const stderr = capture(c);
      await waitUntil(
        async () => (await runQuiet(join(bin, 'pg_isready'), ['-q', '-h', root, '-U', 'postgres'])) === 0,
        c,
        () => `postgres did not become ready:\n${stderr()}`,
      );
      return c;
    };
    const holder = { child: await startOne() };
    const service = track(holder, root);
    await run(join(bin, 'createdb'), ['-h', root, '-U', 'postgres', TEST_DATABASE], { cwd: root });
    return {
      url: `postgresql://postgres@/${TEST_DATABASE}?host=${root}`,
      adminUrl: `postgresql://postgres@/postgres?host=${root}`,
      socketDir: root,
      stop: service.stop,
      // SIGINT: Postgres's fast shutdown, which ends every connection as a restarted server does.
      restart: () => service.restart('SIGINT', startOne),
    };
  } catch (err) {
    if (child) await stopChild(child, 'SIGINT');
    await rm(root, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Starts `redis-server` on a Unix socket only (`--port 0`), with no persistence. The URL is
 * `unix:///tmp/…/redis.sock`, which the `redis` package's `createClient({ url })` understands.
 */
export async function startRedis(opts: { appendOnly?: boolean } = {}): Promise<TestRedis> {
  const server = findExecutable('redis-server', ['/usr/bin/redis-server', '/usr/local/bin/redis-server']);
  if (!server) throw new Error('redis-server not found: apt-get install redis-server');
  const root = await mkdtemp(join(tmpdir(), 'sign-relay-redis-'));
  const socketPath = join(root, 'redis.sock');
  // `appendOnly` keeps the data across a restart, as a production Redis would (appendfsync everysec).
  const persistence = opts.appendOnly ? ['--appendonly', 'yes'] : ['--appendonly', 'no'];
  const args = ['--port', '0', '--unixsocket', socketPath, '--unixsocketperm', '700', '--save', '', ...persistence, '--dir', root, '--daemonize', 'no', '--logfile', ''];
  const startOne = async (): Promise<ChildProcess> => {
    const c = spawn(server, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = capture(c, true);
    try {
      await waitUntil(() => redisPings(socketPath), c, () => `redis-server did not become ready:\n${output()}`);
    } catch (err) {
      await stopChild(c, 'SIGKILL');
      throw err;
    }
    return c;
  };
  let holder: { child: ChildProcess };
  try {
    holder = { child: await startOne() };
  } catch (err) {
    await rm(root, { recursive: true, force: true });
    throw err;
  }
  const service = track(holder, root);
  return {
    url: `unix://${socketPath}`,
    socketPath,
    get pid() {
      return holder.child.pid!;
    },
    stop: service.stop,
    // SIGTERM: redis-server writes its append-only file and exits, as on a planned restart.
    restart: () => service.restart('SIGTERM', startOne),
  };
}

/** The same server URL with another database name (keeps the `?host=` socket parameter). */
export function withDatabaseName(url: string, database: string): string {
  const m = /^(postgres(?:ql)?:\/\/[^/]*\/)([^?#]*)(.*)$/.exec(url);
  if (!m) throw new Error(`Not a postgres URL: ${url}`);
  return `${m[1]}${database}${m[3]}`;
}

// ---- processes --------------------------------------------------------------------------------------

const running = new Map<{ child: ChildProcess }, string>();
let exitHookInstalled = false;

/**
 * Registers a service's process (the holder's current child) and its temp dir so an abrupt exit of the test
 * process still kills and removes them.
 */
function track(holder: { child: ChildProcess }, root: string): { stop(): Promise<void>; restart(signal: NodeJS.Signals, start: () => Promise<ChildProcess>): Promise<void> } {
  running.set(holder, root);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const [h, dir] of running) {
        h.child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        // A paused process (SIGSTOP) must be let go before it can act on a signal.
        holder.child.kill('SIGCONT');
        // SIGINT is Postgres's "fast shutdown" and makes redis-server exit at once; both are fine to lose.
        await stopChild(holder.child, 'SIGINT');
        running.delete(holder);
        await rm(root, { recursive: true, force: true });
      })();
      return stopping;
    },
    async restart(signal, start) {
      if (stopping) throw new Error('the service was stopped');
      holder.child.kill('SIGCONT');
      await stopChild(holder.child, signal);
      holder.child = await start();
    },
  };
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Keeps the last 4 kB of a child's stderr (and stdout) for error messages. */
function capture(child: ChildProcess, withStdout = false): () => string {
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-4096);
  };
  child.stderr?.on('data', keep);
  if (withStdout) child.stdout?.on('data', keep);
  return () => text;
}

async function waitUntil(ready: () => Promise<boolean>, child: ChildProcess, describe: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${describe()}\n(exited with ${child.exitCode ?? child.signalCode})`);
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${describe()}\n(timed out after ${READY_TIMEOUT_MS} ms)`);
}

function run(cmd: string, args: string[], opts: { cwd: string; uid?: number; gid?: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = capture(child, true);
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${output()}`))));
  });
}

function runQuiet(cmd: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'ignore' });
    child.once('error', () => resolve(-1));
    child.once('exit', (code) => resolve(code ?? -1));
  });
}

function redisPings(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

// ---- where things are -------------------------------------------------------------------------------

/** `SIGN_RELAY_PG_BINDIR`, else the newest `/usr/lib/postgresql/<version>/bin` (Debian), else `initdb` on PATH. */
function postgresBinDir(): string {
  const fromEnv = process.env.SIGN_RELAY_PG_BINDIR;
  if (fromEnv) return fromEnv;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(base, versions[0], 'bin');
  }
  const initdb = findExecutable('initdb', []);
  if (initdb) return initdb.slice(0, -'/initdb'.length);
  throw new Error('Postgres server binaries not found: apt-get install postgresql (or set SIGN_RELAY_PG_BINDIR)');
}

function postgresUser(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('Running as root, Postgres needs the `postgres` system user (apt-get install postgresql creates it)');
  }
}

function findExecutable(name: string, candidates: string[]): string | undefined {
  const dirs = (process.env.PATH ?? '').split(':').filter(Boolean);
  return [...candidates, ...dirs.map((d) => join(d, name))].find((p) => existsSync(p));
}
