/**
 * Live-position fan-out benchmark: 1,000 callers waiting on socket.io while interpreters keep answering the
 * head of the line, so every answered call moves everyone's position. Measures the server's CPU (from
 * /proc/<pid>/stat) and the position updates the clients receive per second. The server runs as its own
 * process (`sfu-server/src/main.ts`) against a real Postgres, exactly as `npm start` would with DATABASE_URL.
 *
 *   npx tsx scripts/src/bench/queueFanout.ts        (CALLERS, INTERPRETERS, SECONDS to change the load)
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { ack, connect, cpuSeconds, interpreterSession, startBenchServer, type Client } from './benchServer.ts';
import { asGuestId, asUserId } from '@sign-relay/shared/testing/ids.ts';

const CALLERS = Number(process.env.CALLERS ?? 1000);
const INTERPRETERS = Number(process.env.INTERPRETERS ?? 5);
const SECONDS = Number(process.env.SECONDS ?? 20);

async function main(): Promise<void> {
  const server = await startBenchServer({ env: { WRAP_UP_SEC: '0' } });
  const { url, tokens } = server;
  const clients: Client[] = [];
  try {
    const admin = tokens.signStaff({ kind: 'staff', userId: asUserId(randomUUID()), role: 'admin', displayName: 'bench', gender: null }).token;
    const interpreters: Client[] = [];
    for (let i = 0; i < INTERPRETERS; i++) interpreters.push(await connect(url, await interpreterSession(server, admin, `bench${i}`, `bench-password-${i}`)));
    let updates = 0;
    for (let n = 0; n < CALLERS; n++) {
      const c = await connect(url, tokens.signGuest({ kind: 'guest', guestId: asGuestId(randomUUID()), channel: n % 4 ? 'web' : 'kiosk', kioskId: n % 4 ? null : 'K01' }).token);
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
    const pid = server.pid;
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
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
