/**
 * Chat benchmark: 200 concurrent chat pairs (caller ↔ interpreter, 3 chats per interpreter), every message
 * stored in Postgres before it is acknowledged. Each side of each pair sends at a steady rate; we measure the
 * messages per second delivered and the delivery latency (send → the other side's `chat:message`).
 * The server runs as its own process (`sfu-server/src/main.ts`) against a real Postgres.
 *
 *   npx tsx scripts/src/bench/chat.ts            (PAIRS, RATE = messages/s per side, SECONDS)
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@sign-relay/shared';
import { TokenService } from '../../../sfu-server/src/auth/tokens.ts';
import { startPostgres } from '../test/services.ts';
import { percentile } from './stats.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const PAIRS = Number(process.env.PAIRS ?? 200);
const RATE = Number(process.env.RATE ?? 5);
const SECONDS = Number(process.env.SECONDS ?? 20);
const SEATS = 3;

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
  const r = (await (s.timeout(30_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<{ ok: boolean; data: T; error?: { code: string } }> }).emitWithAck(event, payload));
  if (!r.ok) throw new Error(`${event}: ${r.error?.code}`);
  return r.data;
}

async function main(): Promise<void> {
  // Durable: each message's commit is flushed to disk before the sender's ack, as in production.
  const pg = await startPostgres({ durable: true });
  const secret = randomBytes(32).toString('hex');
  const server = spawn(process.execPath, ['--import', 'tsx', 'sfu-server/src/main.ts'], {
    env: { ...process.env, NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: pg.url, JWT_SECRET: secret, MEDIASOUP_WORKERS: '1', CHAT_SEATS: String(SEATS) },
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
  const sockets: Client[] = [];
  try {
    const admin = tokens.signStaff({ kind: 'staff', userId: randomUUID(), role: 'admin', displayName: 'bench', gender: null }).token;
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let delivered = 0;
    let measuring = false;
    const onMessage = (m: { clientKey: string }) => {
      const t = sentAt.get(m.clientKey);
      if (t === undefined) return;
      sentAt.delete(m.clientKey);
      if (!measuring) return;
      delivered++;
      latencies.push(performance.now() - t);
    };

    // Interpreters with three chat seats each, accepting every chat offered.
    const sessionsByStaff = new Map<Client, string[]>();
    const interpreters = Math.ceil(PAIRS / SEATS);
    for (let i = 0; i < interpreters; i++) {
      const username = `chatbench${i}`;
      const password = `chat-bench-password-${i}`;
      const created = await fetch(`${url}/api/admin/users`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify({ username, displayName: `Chat ${i}`, role: 'interpreter', password }) });
      if (!created.ok) throw new Error(`create interpreter: ${created.status}`);
      const session = (await (await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })).json()) as { accessToken: string };
      const s = await connect(url, session.accessToken);
      sockets.push(s);
      sessionsByStaff.set(s, []);
      s.on('chat:message', onMessage);
      s.on('desk:chatOffer', (o) => {
        void ack(s, 'desk:chatAccept', { sessionId: o.sessionId }).then(() => sessionsByStaff.get(s)!.push(o.sessionId));
      });
      await ack(s, 'desk:chatStatus', { status: 'available' });
    }
    const guests: { s: Client; sessionId: string }[] = [];
    for (let n = 0; n < PAIRS; n++) {
      const s = await connect(url, tokens.signGuest({ kind: 'guest', guestId: randomUUID(), channel: 'web', kioskId: null }).token);
      sockets.push(s);
      s.on('chat:message', onMessage);
      const status = await ack<{ sessionId: string }>(s, 'chat:start', {});
      guests.push({ s, sessionId: status.sessionId });
    }
    const deadline = Date.now() + 30_000;
    while ([...sessionsByStaff.values()].reduce((n, l) => n + l.length, 0) < PAIRS) {
      if (Date.now() > deadline) throw new Error('not every chat was answered');
      await new Promise((r) => setTimeout(r, 100));
    }

    let errors = 0;
    const senders: { s: Client; sessionId: string }[] = [...guests, ...[...sessionsByStaff].flatMap(([s, ids]) => ids.map((sessionId) => ({ s, sessionId })))];
    const send = (x: { s: Client; sessionId: string }) => {
      const clientKey = `b${randomBytes(8).toString('hex')}`;
      sentAt.set(clientKey, performance.now());
      x.s.emit('chat:send', { sessionId: x.sessionId, clientKey, body: `訊息 message ${clientKey}` }, (r: { ok: boolean }) => {
        if (!r.ok) errors++;
      });
    };
    // Each sender ticks at RATE per second, spread evenly over the tick.
    const warmup = 2_000;
    const timers = senders.map((x, k) => {
      const t = setInterval(() => send(x), 1000 / RATE);
      void k;
      return t;
    });
    await new Promise((r) => setTimeout(r, warmup));
    measuring = true;
    latencies.length = 0;
    const pid = server.pid!;
    const cpu0 = cpuSeconds(pid);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    measuring = false;
    const wall = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds(pid) - cpu0;
    for (const t of timers) clearInterval(t);
    console.log(`chat, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, server + Postgres + these clients on one machine`);
    console.log('| chat pairs | offered msg/s | delivered msg/s | p50 ms | p99 ms | max ms | refused | server CPU (% of one core) |');
    console.log('|---|---|---|---|---|---|---|---|');
    console.log(
      `| ${PAIRS} | ${senders.length * RATE} | ${(delivered / wall).toFixed(0)} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 99).toFixed(1)} | ${Math.max(...latencies).toFixed(1)} | ${errors} | ${((cpu / wall) * 100).toFixed(0)} % |`,
    );
  } finally {
    for (const s of sockets) s.disconnect();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
