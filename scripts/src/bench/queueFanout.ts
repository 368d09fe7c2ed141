/**
 * Live-position fan-out benchmark: 1,000 callers waiting on socket.io while interpreters keep answering the
 * head of the line, so every answered call moves everyone's position. Measures the server's CPU (from
 * /proc/<pid>/stat) and the position updates the clients receive per second. The server runs as its own
 * process (`sfu-server/src/main.ts`) against a real Postgres, exactly as `npm start` would with DATABASE_URL.
 *
 *   npx tsx scripts/src/bench/queueFanout.ts        (CALLERS, INTERPRETERS, SECONDS to change the load)
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@sign-relay/shared';
import { TokenService } from '../../../sfu-server/src/auth/tokens.ts';
import { startPostgres } from '../test/services.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const CALLERS = Number(process.env.CALLERS ?? 1000);
const INTERPRETERS = Number(process.env.INTERPRETERS ?? 5);
const SECONDS = Number(process.env.SECONDS ?? 20);

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function connect(url: string, token: string): Promise<Client> {
  const s: Client = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } });
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  return s;
}

async function ack<T>(s: Client, event: string, payload: unknown): Promise<T> {
  const r = (await (s.timeout(20_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<{ ok: boolean; data: T; error?: { code: string } }> }).emitWithAck(event, payload));
  if (!r.ok) throw new Error(`${event}: ${r.error?.code}`);
  return r.data;
}

async function main(): Promise<void> {
  const pg = await startPostgres();
  const secret = randomBytes(32).toString('hex');
  const server = spawn(process.execPath, ['--import', 'tsx', 'sfu-server/src/main.ts'], {
    env: { ...process.env, NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: pg.url, JWT_SECRET: secret, MEDIASOUP_WORKERS: '1', WRAP_UP_SEC: '0' },
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
  const tokens = new TokenService({ secret, accessTtlSec: 3600, guestTtlSec: 3600 });
  const clients: Client[] = [];
  try {
    const admin = tokens.signStaff({ kind: 'staff', userId: randomUUID(), role: 'admin', displayName: 'bench', gender: null }).token;
    const interpreters: Client[] = [];
    for (let i = 0; i < INTERPRETERS; i++) {
      const username = `bench${i}`;
      const password = `bench-password-${i}`;
      const created = await fetch(`${url}/api/admin/users`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify({ username, displayName: `Bench ${i}`, role: 'interpreter', password }) });
      if (!created.ok) throw new Error(`create interpreter: ${created.status}`);
      const session = (await (await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })).json()) as { accessToken: string };
      interpreters.push(await connect(url, session.accessToken));
    }
    let updates = 0;
    for (let n = 0; n < CALLERS; n++) {
      const c = await connect(url, tokens.signGuest({ kind: 'guest', guestId: randomUUID(), channel: n % 4 ? 'web' : 'kiosk', kioskId: n % 4 ? null : 'K01' }).token);
      c.on('queue:status', () => updates++);
      await ack(c, 'queue:join', {});
      clients.push(c);
    }
    // Interpreters answer the head of the line, join the call and hang up at once, over and over.
    let answered = 0;
    let running = true;
    for (const s of interpreters) {
      s.on('desk:offer', (offer) => {
        if (!running) return;
        void (async () => {
          const { callId } = await ack<{ callId: string }>(s, 'desk:accept', { entryId: offer.entryId });
          await ack(s, 'call:join', { callId });
          await ack(s, 'call:hangup', {});
          answered++;
        })().catch(() => undefined);
      });
    }
    await new Promise((r) => setTimeout(r, 2_000));
    const pid = server.pid!;
    const cpu0 = cpuSeconds(pid);
    const updates0 = updates;
    const answered0 = answered;
    const t0 = Date.now();
    for (const s of interpreters) await ack(s, 'desk:setStatus', { status: 'available' });
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    running = false;
    const wall = (Date.now() - t0) / 1000;
    const cpu = cpuSeconds(pid) - cpu0;
    const calls = answered - answered0;
    console.log(`queue fan-out, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
    console.log('| waiting callers (socket.io) | interpreters | seconds | calls answered | position updates/s received | server CPU (% of one core) |');
    console.log('|---|---|---|---|---|---|');
    console.log(`| ${CALLERS} | ${INTERPRETERS} | ${wall.toFixed(1)} | ${calls} | ${((updates - updates0) / wall).toFixed(0)} | ${((cpu / wall) * 100).toFixed(0)} % |`);
  } finally {
    for (const c of clients) c.disconnect();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
