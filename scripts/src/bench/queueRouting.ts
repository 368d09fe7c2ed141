/**
 * Queue routing benchmark: with 10,000 callers waiting and 500 interpreters, how many routing decisions
 * (matchOne calls that ring an interpreter) per second each store makes, and their latency. Each decision
 * is followed (untimed) by the interpreter answering, finishing without wrap-up and becoming available again,
 * and a new caller joining, so the line stays at 10,000 and every decision scans a full queue.
 *
 *   npx tsx scripts/src/bench/queueRouting.ts        (starts its own Redis on a Unix socket)
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createLogger } from '../../../sfu-server/src/logger.ts';
import { MemoryQueueStore } from '../../../sfu-server/src/queue/MemoryQueueStore.ts';
import type { LineIds, QueueStore } from '../../../sfu-server/src/queue/model.ts';
import { RedisQueueStore } from '../../../sfu-server/src/queue/RedisQueueStore.ts';
import { createRedis } from '../../../sfu-server/src/store/redis.ts';
import { startRedis } from '@sign-relay/sfu-server/testing/services.ts';
import { percentile } from './stats.ts';
import { asGuestId } from '@sign-relay/shared/testing/ids.ts';

const CALLERS = Number(process.env.CALLERS ?? 10_000);
const INTERPRETERS = Number(process.env.INTERPRETERS ?? 500);
const DECISIONS = Number(process.env.DECISIONS ?? 5_000);

async function run(name: string, q: QueueStore<LineIds>): Promise<string> {
  let now = 1_800_000_000_000;
  let next = 0;
  const gender = (n: number) => (n % 5 === 0 ? 'female' : n % 7 === 0 ? 'male' : null);
  for (; next < CALLERS; next++) {
    await q.enqueue({ id: `e${next}`, guestId: asGuestId(`g${next}`), channel: next % 3 ? 'web' : 'kiosk', kioskId: null, topic: null, preferredGender: gender(next) }, now++);
  }
  for (let i = 0; i < INTERPRETERS; i++) await q.setPresence(`i${i}`, 'available', { gender: i % 2 ? 'female' : 'male' }, now++);

  const latencies: number[] = [];
  let timed = 0;
  for (let d = 0; d < DECISIONS; d++) {
    const t0 = performance.now();
    const events = await q.matchOne(now);
    const dt = performance.now() - t0;
    latencies.push(dt);
    timed += dt;
    const offer = events.find((e) => e.type === 'offered');
    if (!offer || offer.type !== 'offered') throw new Error(`${name}: no decision at step ${d}`);
    now += 1;
    await q.respond(offer.interpreterId, offer.entry.id, 'accept', now);
    await q.endCall(offer.interpreterId, 0, now);
    await q.setPresence(offer.interpreterId, 'available', {}, now);
    await q.enqueue({ id: `e${next}`, guestId: asGuestId(`g${next}`), channel: 'web', kioskId: null, topic: null, preferredGender: gender(next) }, now);
    next++;
  }
  const places = await q.places();
  if (places.length !== CALLERS) throw new Error(`${name}: line has ${places.length}, expected ${CALLERS}`);
  const perSec = (DECISIONS / timed) * 1000;
  return `| ${name} | ${CALLERS} | ${INTERPRETERS} | ${DECISIONS} | ${perSec.toFixed(0)} | ${percentile(latencies, 50).toFixed(3)} | ${percentile(latencies, 99).toFixed(3)} |`;
}

async function main(): Promise<void> {
  const rows: string[] = [];
  rows.push(await run('memory', new MemoryQueueStore()));
  const redisServer = await startRedis();
  try {
    const client = await createRedis(redisServer.url, createLogger('silent'), 'bench');
    rows.push(await run('redis', new RedisQueueStore({ client, prefix: 'bench', ownsClient: true })));
  } finally {
    await redisServer.stop();
  }
  console.log(`queue routing, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
  console.log('| store | waiting callers | interpreters | decisions | decisions/s | p50 ms | p99 ms |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
