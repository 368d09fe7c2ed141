import { randomBytes, randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import type { Ack, ClientEventName, ClientPayload, ClientResults, ClientToServerEvents, ChatSessionId, Gender, GuestId, ServerToClientEvents, ServiceTopic, StaffRole, UserId } from '@sign-relay/shared';
import { hashPassword } from '../auth/passwords.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { startServer, type RunningServer } from '../server.ts';
import type { SignalingLimits } from '../signaling/admission.ts';
import { signalingLimitsOf } from '../signaling/socketServer.ts';

export interface TestServer extends RunningServer {
  /** A guest (caller) token, as a browser gets from POST /api/auth/guest. */
  guestToken(channel?: 'web' | 'kiosk', kioskId?: string): Promise<{ token: string; guestId: GuestId }>;
  /** Creates a staff account and returns an access token for it. */
  staff(role: StaffRole, opts?: { gender?: Gender | null; name?: string }): Promise<{ token: string; userId: UserId; username: string; password: string }>;
}

/**
 * Every test account's password, hashed once per test process: hashing at the production cost (scrypt N=2^17,
 * about half a second) for each of the hundreds of accounts the tests make would dominate the suite. Signing in
 * with it (a browser spec at /desk) still checks it at full cost.
 */
const STAFF_PASSWORD = `pw-${randomBytes(8).toString('hex')}`;
let staffHash: Promise<string> | undefined;
const staffPasswordHash = (): Promise<string> => (staffHash ??= hashPassword(STAFF_PASSWORD));

export interface TestServerOptions {
  workers?: number;
  reconnectGraceMs?: number;
  env?: NodeJS.ProcessEnv;
  /** A database URL; by default a fresh, migrated database on the test Postgres (vitest int/e2e projects). */
  databaseUrl?: string;
  tickMs?: number;
  /**
   * Signaling limits for the test; the rest are the configuration's. Every test client connects from loopback, so
   * the per-address cap is wide unless given (the tests of the caps set it).
   */
  signaling?: Partial<SignalingLimits>;
}

/**
 * The real server (mediasoup workers, Postgres, socket.io, the queue; Redis when env REDIS_URL is given)
 * on 127.0.0.1 and a free port.
 */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  let drop: (() => Promise<void>) | undefined;
  let databaseUrl = opts.databaseUrl;
  if (!databaseUrl) {
    const { freshDatabase } = await import('./freshDatabase.ts');
    const fresh = await freshDatabase({ migrate: false });
    databaseUrl = fresh.url;
    drop = () => fresh.drop();
  }
  const config = loadConfig({
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    MEDIASOUP_WORKERS: String(opts.workers ?? 1),
    RECONNECT_GRACE_MS: String(opts.reconnectGraceMs ?? 2_000),
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATABASE_URL: databaseUrl,
    // Tests must not depend on the hour they run at: the opening-hours clock stands at 10:00 Taipei time
    // (video open) unless a test sets another instant.
    SERVICE_CLOCK_START: '2026-12-01T10:00:00+08:00',
    ...opts.env,
  });
  const server = await startServer(config, createLogger(config.LOG_LEVEL), { tickMs: opts.tickMs ?? 200 });
  Object.assign(signalingLimitsOf(server.app.io), { socketsPerAddress: 1_000, ...opts.signaling });
  let n = 0;
  return {
    ...server,
    async close() {
      await server.close();
      await drop?.();
    },
    async guestToken(channel = 'web', kioskId) {
      // The same token POST /api/auth/guest gives, without its per-address rate limit (tests make many).
      const g = server.auth.guest(channel, channel === 'kiosk' ? (kioskId ?? 'K-TEST') : null);
      return { token: g.guestToken, guestId: g.guestId };
    },
    async staff(role, o = {}) {
      const username = `${role}${++n}_${randomBytes(3).toString('hex')}`;
      const displayName = o.name ?? `${role} ${n}`;
      const gender = o.gender ?? null;
      const userId = randomUUID() as UserId;
      await server.users.insert({ id: userId, username, displayName, role, gender, passwordHash: await staffPasswordHash() });
      // The token sign-in gives, without paying for a password check a test does not need.
      const { token } = server.tokens.signStaff({ kind: 'staff', userId, role, displayName, gender });
      return { token, userId, username, password: STAFF_PASSWORD };
    },
  };
}

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io client, authenticated with `token`. */
export async function connectClient(url: string, token: string): Promise<TestSocket> {
  const socket: TestSocket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

export function request<E extends ClientEventName>(socket: TestSocket, event: E, payload: ClientPayload<E>): Promise<Ack<ClientResults[E]>> {
  const emit = socket.timeout(10_000).emitWithAck as unknown as (e: string, p: unknown) => Promise<Ack<ClientResults[E]>>;
  return emit.call(socket.timeout(10_000), event, payload);
}

/** Unwraps an ok ack or fails the test with the coded error. */
export async function ok<E extends ClientEventName>(socket: TestSocket, event: E, payload: ClientPayload<E>): Promise<ClientResults[E]> {
  const r = await request(socket, event, payload);
  if (!r.ok) throw new Error(`${event} failed: ${r.error.code} ${r.error.message}`);
  return r.data;
}

/** Resolves with the next event of that name (optionally the next one matching `where`). */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  timeoutMs = 10_000,
  where: (p: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event as never, handler as never);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (p: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!where(p)) return;
      clearTimeout(timer);
      socket.off(event as never, handler as never);
      resolve(p);
    };
    socket.on(event as never, handler as never);
  });
}

/**
 * A caller's text chat answered by a new interpreter, who then stops taking chats (so later chats go to other
 * desks). `open` connects (and may track) each socket. The caller is at a kiosk when `kioskId` is given.
 */
export async function answeredTextChat(
  server: TestServer,
  open: (token: string) => Promise<TestSocket>,
  opts: { topic?: ServiceTopic; kioskId?: string } = {},
): Promise<{ interp: Awaited<ReturnType<TestServer['staff']>>; desk: TestSocket; caller: TestSocket; guestId: GuestId; sessionId: ChatSessionId }> {
  const interp = await server.staff('interpreter');
  const desk = await open(interp.token);
  await ok(desk, 'desk:chatStatus', { status: 'available' });
  const g = await server.guestToken(opts.kioskId ? 'kiosk' : 'web', opts.kioskId);
  const caller = await open(g.token);
  const offer = nextEvent(desk, 'desk:chatOffer');
  const { sessionId } = await ok(caller, 'chat:start', opts.topic ? { topic: opts.topic } : {});
  await offer;
  await ok(desk, 'desk:chatAccept', { sessionId });
  await ok(desk, 'desk:chatStatus', { status: 'offline' });
  return { interp, desk, caller, guestId: g.guestId, sessionId };
}
