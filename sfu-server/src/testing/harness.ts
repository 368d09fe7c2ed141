import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import type { Ack, ClientEventName, ClientPayload, ClientResults, ClientToServerEvents, ServerToClientEvents } from '@sign-relay/shared';
import { createApp, type App } from '../app.ts';
import { CallService } from '../calls/CallService.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { loadMediasoup } from '../media/mediasoupLoader.ts';
import { WorkerPool } from '../media/WorkerPool.ts';

export interface TestServer {
  url: string;
  app: App;
  pool: WorkerPool;
  calls: CallService;
  close(): Promise<void>;
}

/** A real server (real mediasoup workers, real socket.io) on 127.0.0.1 and a free port. */
export async function startTestServer(opts: { workers?: number; reconnectGraceMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<TestServer> {
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', PORT: '0', ...opts.env });
  const logger = createLogger(config.LOG_LEVEL);
  const mediasoup = await loadMediasoup();
  const pool = await WorkerPool.create(mediasoup, { size: opts.workers ?? 1, rtcMinPort: config.RTC_MIN_PORT, rtcMaxPort: config.RTC_MAX_PORT, logger });
  const calls = new CallService(pool, {
    listenIp: '127.0.0.1',
    announcedIp: undefined,
    reconnectGraceMs: opts.reconnectGraceMs ?? 2_000,
    unjoinedTtlMs: 60_000,
    logger,
  });
  const app = createApp({ config, logger, pool, calls });
  await new Promise<void>((r) => app.httpServer.listen(0, '127.0.0.1', () => r()));
  const { port } = app.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    pool,
    calls,
    async close() {
      await app.close();
      pool.close();
    },
  };
}

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io client with a typed request helper. */
export async function connectClient(url: string): Promise<TestSocket> {
  const socket: TestSocket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
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

/** Resolves with the next event of that name. */
export function nextEvent<E extends keyof ServerToClientEvents>(socket: TestSocket, event: E, timeoutMs = 10_000): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event as never, ((p: Parameters<ServerToClientEvents[E]>[0]) => {
      clearTimeout(timer);
      resolve(p);
    }) as never);
  });
}
