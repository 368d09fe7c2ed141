/**
 * Outages under load, against real Postgres and Redis servers of this test's own: for CHAOS_SECONDS (60 by
 * default) callers keep joining the video line and interpreters keep answering and ending calls, while two
 * text chats keep exchanging messages (each sent again under the same client key until acknowledged, as the
 * web app's outbox does). Meanwhile Postgres is restarted, Redis stops answering for 5 s, and Redis is
 * restarted (append-only file on, as in production). Afterwards: nothing the server acknowledged is missing,
 * every caller who joined was connected, is still in line, or was told why not, service came back within 5 s
 * of each outage ending, and nothing went unhandled (the server would have shut itself down).
 * The figures are printed for docs/benchmarks.md.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatSessionId, EntryId } from '@sign-relay/shared';
import { answeredTextChat, connectClient, nextEvent, ok, request, startTestServer, type TestServer, type TestSocket } from './testing/harness.ts';
import { startPostgres, startRedis, type TestPostgres, type TestRedis } from './testing/services.ts';

const SECONDS = Number(process.env.CHAOS_SECONDS ?? 60);
/** Service must be back this soon after an outage ends. */
const RECOVERY_MS = 5_000;

type OpKind = 'connect' | 'queue:join' | 'chat:send';
interface Op {
  at: number;
  /** How long its answer took. */
  ms: number;
  kind: OpKind;
  ok: boolean;
  code?: string;
}
interface Outage {
  name: string;
  start: number;
  end: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the service rides out Postgres and Redis outages under load', () => {
  let pg: TestPostgres;
  let redis: TestRedis;
  let server: TestServer;
  const sockets: TestSocket[] = [];
  const fatal: unknown[] = [];
  const onFatal = (err: unknown) => fatal.push(err);

  beforeAll(async () => {
    pg = await startPostgres();
    redis = await startRedis({ appendOnly: true });
    server = await startTestServer({ workers: 1, databaseUrl: pg.url, env: { REDIS_URL: redis.url, WRAP_UP_SEC: '1' } });
    // What main.ts turns into a shutdown: here it is counted, and must stay at zero.
    process.on('unhandledRejection', onFatal);
    process.on('uncaughtException', onFatal);
  }, 120_000);
  afterAll(async () => {
    process.off('unhandledRejection', onFatal);
    process.off('uncaughtException', onFatal);
    for (const s of sockets) s.disconnect();
    await server?.close();
    await redis?.stop();
    await pg?.stop();
  });

  it(`loses no acknowledged message and no waiting caller, and recovers within 5 s of each outage (${SECONDS} s)`, async () => {
    const open = async (token: string) => {
      const s = await connectClient(server.url, token);
      sockets.push(s);
      return s;
    };
    const ops: Op[] = [];
    const t0 = Date.now();
    /** Callers and chats keep coming while this holds; desks keep answering until the line is empty too. */
    let running = true;
    let desksOpen = true;

    // --- interpreters: answer every ring, join, end the call after a moment, take the next --------------------
    const interpreters = await Promise.all([1, 2, 3].map(async () => open((await server.staff('interpreter')).token)));
    const answered = new Set<EntryId>();
    const acceptLog: string[] = [];
    const desks = interpreters.map(async (desk) => {
      desk.on('desk:offer', (offer) => {
        void (async () => {
          // A person takes a moment to answer a ring.
          await sleep(300);
          const r = await request(desk, 'desk:accept', { entryId: offer.entryId }).catch(() => null);
          acceptLog.push(`${Date.now() - t0} ms: ${offer.entryId} ${r ? (r.ok ? 'accepted' : r.error.code) : 'no answer'}`);
          if (!r?.ok) return;
          answered.add(offer.entryId);
          await request(desk, 'call:join', { callId: r.data.callId }).catch(() => null);
          await sleep(1_000);
          await request(desk, 'call:hangup', {}).catch(() => null);
        })();
      });
      // Available again whenever not (after wrap-up, or put on break by a missed ring): a steady desk. A state
      // not heard of for a while (its push lost in an outage) is not trusted.
      let state = { name: 'offline', at: 0 };
      desk.on('desk:state', (d) => (state = { name: d.state, at: Date.now() }));
      while (desksOpen) {
        const busy = (state.name === 'in-call' || state.name === 'offered') && Date.now() - state.at < 10_000;
        if (!busy && state.name !== 'available') {
          const r = await request(desk, 'desk:setStatus', { status: 'available' }).catch(() => null);
          if (r?.ok) state = { name: r.data.state, at: Date.now() };
        }
        await sleep(500);
      }
    });

    // --- callers: a new one joins every second --------------------------------------------------------------
    interface Caller {
      socket: TestSocket;
      entryId?: EntryId;
      refused?: string;
      noAnswer?: boolean;
      connected: boolean;
      told: string[];
      /** What the server pushed to them, for the failure message. */
      heard: string[];
    }
    const callers: Caller[] = [];
    const joining = (async () => {
      while (running) {
        const connecting = Date.now();
        const socket = await open((await server.guestToken()).token);
        ops.push({ at: connecting, ms: Date.now() - connecting, kind: 'connect', ok: true });
        const c: Caller = { socket, connected: false, told: [], heard: [] };
        callers.push(c);
        socket.on('queue:connected', ({ callId }) => {
          c.connected = true;
          void request(socket, 'call:join', { callId }).catch(() => null);
        });
        socket.on('queue:left', ({ reason }) => c.told.push(`left:${reason}`));
        socket.on('queue:requeued', () => c.told.push('requeued'));
        socket.onAny((e: string) => c.heard.push(`${Date.now() - t0} ms: ${e}`));
        const at = Date.now();
        const r = await request(socket, 'queue:join', {}).catch(() => null);
        if (!r) c.noAnswer = true;
        else if (r.ok) c.entryId = r.data.entryId;
        else c.refused = r.error.code;
        ops.push({ at, ms: Date.now() - at, kind: 'queue:join', ok: r?.ok === true, ...(r && !r.ok ? { code: r.error.code } : r ? {} : { code: 'NO_ANSWER' }) });
        await sleep(1_000);
      }
    })();

    // --- chats: both sides send every 250 ms; a refused or unanswered message is sent again, same key ----------
    const chats = await Promise.all([1, 2].map(() => answeredTextChat(server, open)));
    const acked = new Map<string, { sessionId: ChatSessionId; id: string }>();
    const sendAll = chats.flatMap(({ desk, caller, sessionId }) =>
      [desk, caller].map(async (socket) => {
        const outbox: string[] = [];
        let n = 0;
        while (running || outbox.length > 0) {
          if (running && outbox.length < 20) outbox.push(`k-${randomUUID()}`);
          const clientKey = outbox[0]!;
          const at = Date.now();
          const r = await request(socket, 'chat:send', { sessionId, clientKey, body: `訊息 ${++n}` }).catch(() => null);
          ops.push({ at, ms: Date.now() - at, kind: 'chat:send', ok: r?.ok === true, ...(r && !r.ok ? { code: r.error.code } : r ? {} : { code: 'NO_ANSWER' }) });
          if (r?.ok) {
            acked.set(clientKey, { sessionId, id: r.data.id });
            outbox.shift();
          } else if (r && !r.ok && r.error.code !== 'UNAVAILABLE' && r.error.code !== 'RATE_LIMITED') {
            throw new Error(`chat:send refused for good: ${r.error.code} ${r.error.message}`);
          }
          await sleep(250);
          if (!running && Date.now() - t0 > (SECONDS + 30) * 1000) throw new Error(`messages never acknowledged: ${outbox.length}`);
        }
      }),
    );

    // --- the outages ------------------------------------------------------------------------------------------
    const outages: Outage[] = [];
    const at = (fraction: number) => sleep(Math.max(0, t0 + fraction * SECONDS * 1000 - Date.now()));
    await at(0.15);
    let start = Date.now();
    await pg.restart();
    outages.push({ name: 'Postgres restarted', start, end: Date.now() });
    await at(0.4);
    start = Date.now();
    process.kill(redis.pid, 'SIGSTOP');
    await sleep(5_000);
    process.kill(redis.pid, 'SIGCONT');
    outages.push({ name: 'Redis stopped answering for 5 s', start, end: Date.now() });
    await at(0.65);
    start = Date.now();
    await redis.restart();
    outages.push({ name: 'Redis restarted', start, end: Date.now() });
    await at(1);
    running = false;
    await Promise.all([joining, ...sendAll]);
    // The desks answer whoever is still in line.
    const drained = Date.now();
    while ((await server.store.places()).length > 0 && Date.now() - drained < 30_000) await sleep(500);
    await sleep(2_000);
    desksOpen = false;
    await Promise.all(desks);

    // --- nothing acknowledged is missing ------------------------------------------------------------------------
    let missing = 0;
    for (const { desk, sessionId } of chats) {
      const stored = await ok(desk, 'chat:sync', { sessionId, afterSeq: 0 });
      const ids = new Set(stored.map((m) => m.id));
      const keys = stored.map((m) => m.clientKey);
      expect(new Set(keys).size).toBe(keys.length);
      for (const a of acked.values()) if (a.sessionId === sessionId && !ids.has(a.id)) missing++;
    }

    // --- every caller who joined: connected, still in line, or told why not --------------------------------------
    const unaccounted: string[] = [];
    let stillWaiting = 0;
    for (const c of callers) {
      if (c.noAnswer) {
        unaccounted.push('join never answered');
        continue;
      }
      if (c.refused || c.connected || c.told.length > 0) continue;
      const r = await request(c.socket, 'queue:resume', { entryId: c.entryId! });
      if (r.ok) {
        stillWaiting++;
        continue;
      }
      const record = await server.records.byId(c.entryId!);
      unaccounted.push(
        `entry ${c.entryId}: ${r.error.code}; record ${JSON.stringify(record)}; heard [${c.heard.join(', ')}]; desks [${acceptLog.filter((l) => l.includes(c.entryId!)).join(', ')}]`,
      );
    }

    // --- recovery after each outage -------------------------------------------------------------------------------
    const report = outages.map((o) => {
      const inWindow = ops.filter((op) => op.at + op.ms >= o.start && op.at <= o.end);
      const during = inWindow.filter((op) => !op.ok);
      const slowest = Math.max(0, ...inWindow.filter((op) => op.kind !== 'connect').map((op) => op.ms));
      const backIn = (kind: OpKind) => {
        const first = ops.find((op) => op.kind === kind && op.ok && op.at >= o.end);
        return first ? first.at - o.end : Number.POSITIVE_INFINITY;
      };
      const refusedByCode = during.reduce<Record<string, number>>((m, op) => ((m[op.code ?? '?'] = (m[op.code ?? '?'] ?? 0) + 1), m), {});
      const slowestConnect = Math.max(0, ...inWindow.filter((op) => op.kind === 'connect').map((op) => op.ms));
      return { outage: o.name, lastedMs: o.end - o.start, ops: inWindow.length, refused: during.length, refusedByCode, slowestAnswerMs: slowest, slowestConnectMs: slowestConnect, joinBackMs: Math.max(0, backIn('queue:join')), chatBackMs: Math.max(0, backIn('chat:send')) };
    });
    const totals = {
      seconds: SECONDS,
      callersJoined: callers.filter((c) => c.entryId).length,
      callersRefused: callers.filter((c) => c.refused).length,
      callsAnswered: answered.size,
      stillWaiting,
      messagesAcknowledged: acked.size,
      messagesMissing: missing,
      chatSendsTried: ops.filter((o) => o.kind === 'chat:send').length,
    };
    console.log(`chaos ${new Date().toISOString()}\n${JSON.stringify(totals)}\n${report.map((r) => JSON.stringify(r)).join('\n')}`);

    expect(fatal.map((f) => (f instanceof Error ? (f.stack ?? f.message) : String(f)))).toEqual([]);
    expect(missing).toBe(0);
    expect(unaccounted).toEqual([]);
    expect(answered.size).toBeGreaterThan(SECONDS / 10);
    for (const r of report) {
      expect({ outage: r.outage, joinBackMs: r.joinBackMs }).toEqual({ outage: r.outage, joinBackMs: expect.any(Number) });
      expect(r.joinBackMs).toBeLessThanOrEqual(RECOVERY_MS);
      expect(r.chatBackMs).toBeLessThanOrEqual(RECOVERY_MS);
    }
    // Still serving: a new caller is answered.
    const last = await open((await server.guestToken()).token);
    const connected = nextEvent(last, 'queue:connected', 15_000);
    await ok(last, 'queue:join', {});
    await connected;
  }, (SECONDS + 120) * 1000);
});
