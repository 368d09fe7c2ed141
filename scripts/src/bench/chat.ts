/**
 * Chat benchmark: 200 concurrent chat pairs (caller ↔ interpreter, 3 chats per interpreter), every message
 * stored in Postgres before it is acknowledged. Each side of each pair sends at a steady rate; we measure the
 * messages per second delivered and the delivery latency (send → the other side's `chat:message`).
 * The server runs as its own process (`sfu-server/src/main.ts`) against a real Postgres.
 *
 *   npx tsx scripts/src/bench/chat.ts            (PAIRS, RATE = messages/s per side, SECONDS)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { ChatSessionId } from '@sign-relay/shared';
import { ack, connect, cpuSeconds, interpreterSession, startBenchServer, type Client } from './benchServer.ts';
import { percentile } from './stats.ts';
import { asGuestId, asUserId } from '@sign-relay/shared/testing/ids.ts';

const PAIRS = Number(process.env.PAIRS ?? 200);
const RATE = Number(process.env.RATE ?? 5);
const SECONDS = Number(process.env.SECONDS ?? 20);
const SEATS = 3;

async function main(): Promise<void> {
  // Durable: each message's commit is flushed to disk before the sender's ack, as in production.
  const server = await startBenchServer({ durable: true, env: { CHAT_SEATS: String(SEATS) } });
  const { url, tokens } = server;
  const sockets: Client[] = [];
  try {
    const admin = tokens.signStaff({ kind: 'staff', userId: asUserId(randomUUID()), role: 'admin', displayName: 'bench', gender: null }).token;
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
    const sessionsByStaff = new Map<Client, ChatSessionId[]>();
    const interpreters = Math.ceil(PAIRS / SEATS);
    for (let i = 0; i < interpreters; i++) {
      const s = await connect(url, await interpreterSession(server, admin, `chatbench${i}`, `chat-bench-password-${i}`));
      sockets.push(s);
      sessionsByStaff.set(s, []);
      s.on('chat:message', onMessage);
      s.on('desk:chatOffer', (o) => {
        void ack(s, 'desk:chatAccept', { sessionId: o.sessionId }).then(() => sessionsByStaff.get(s)!.push(o.sessionId));
      });
      await ack(s, 'desk:chatStatus', { status: 'available' });
    }
    const guests: { s: Client; sessionId: ChatSessionId }[] = [];
    for (let n = 0; n < PAIRS; n++) {
      const s = await connect(url, tokens.signGuest({ kind: 'guest', guestId: asGuestId(randomUUID()), channel: 'web', kioskId: null }).token);
      sockets.push(s);
      s.on('chat:message', onMessage);
      const status = await ack<{ sessionId: ChatSessionId }>(s, 'chat:start', {});
      guests.push({ s, sessionId: status.sessionId });
    }
    const deadline = Date.now() + 30_000;
    while ([...sessionsByStaff.values()].reduce((n, l) => n + l.length, 0) < PAIRS) {
      if (Date.now() > deadline) throw new Error('not every chat was answered');
      await new Promise((r) => setTimeout(r, 100));
    }

    let errors = 0;
    const senders: { s: Client; sessionId: ChatSessionId }[] = [...guests, ...[...sessionsByStaff].flatMap(([s, ids]) => ids.map((sessionId) => ({ s, sessionId })))];
    const send = (x: { s: Client; sessionId: ChatSessionId }) => {
      const clientKey = `b${randomBytes(8).toString('hex')}`;
      sentAt.set(clientKey, performance.now());
      x.s.emit('chat:send', { sessionId: x.sessionId, clientKey, body: `訊息 message ${clientKey}` }, (r: { ok: boolean }) => {
        if (!r.ok) errors++;
      });
    };
    // Each sender ticks at RATE per second, spread evenly over the tick.
    const warmup = 2_000;
    const timers = senders.map((x) => setInterval(() => send(x), 1000 / RATE));
    await new Promise((r) => setTimeout(r, warmup));
    measuring = true;
    latencies.length = 0;
    const pid = server.pid;
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
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
