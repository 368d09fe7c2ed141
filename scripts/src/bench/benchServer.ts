/**
 * What the socket benchmarks share: the server started as its own process (`sfu-server/src/main.ts`, as
 * `npm start` runs it) on a real Postgres, its CPU time, and typed socket.io clients with an ack helper.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@sign-relay/shared';
import { TokenService } from '../../../sfu-server/src/auth/tokens.ts';
import { startPostgres } from '@sign-relay/sfu-server/testing/services.ts';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface BenchServer {
  url: string;
  pid: number;
  /** Signs tokens with the server's secret (guests and an admin for creating accounts). */
  tokens: TokenService;
  stop(): Promise<void>;
}

/** Starts Postgres (durable if asked) and the server process on a free port. */
export async function startBenchServer(opts: { env?: NodeJS.ProcessEnv; durable?: boolean } = {}): Promise<BenchServer> {
  const pg = await startPostgres({ durable: opts.durable ?? false });
  const secret = randomBytes(32).toString('hex');
  const server = spawn(process.execPath, ['--import', 'tsx', 'sfu-server/src/main.ts'], {
    env: { ...process.env, NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: pg.url, JWT_SECRET: secret, MEDIASOUP_WORKERS: '1', ...opts.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/[^/\s]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return {
    url,
    pid: server.pid!,
    tokens: new TokenService({ secret, accessTtlSec: 3600, guestTtlSec: 3600 }),
    async stop() {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      await pg.stop();
    },
  };
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export async function connect(url: string, token: string): Promise<Client> {
  const s: Client = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } });
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  return s;
}

export async function ack<T>(s: Client, event: string, payload: unknown): Promise<T> {
  const r = await (s.timeout(30_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<{ ok: boolean; data: T; error?: { code: string } }> }).emitWithAck(event, payload);
  if (!r.ok) throw new Error(`${event}: ${r.error?.code}`);
  return r.data;
}

/** Creates an interpreter account through the admin API and signs in as it. */
export async function interpreterSession(server: BenchServer, adminToken: string, username: string, password: string): Promise<string> {
  const created = await fetch(`${server.url}/api/admin/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ username, displayName: username, role: 'interpreter', password }),
  });
  if (!created.ok) throw new Error(`create interpreter: ${created.status}`);
  const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return ((await login.json()) as { accessToken: string }).accessToken;
}
