import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import { createApp, type App } from './app.ts';
import { AuthService } from './auth/AuthService.ts';
import { StaffSessions } from './auth/staffSessions.ts';
import { TokenService } from './auth/tokens.ts';
import { CallService } from './calls/CallService.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import { loadMediasoup } from './media/mediasoupLoader.ts';
import { WorkerPool } from './media/WorkerPool.ts';
import { MemoryQueueStore } from './queue/MemoryQueueStore.ts';
import type { QueueStore, VideoLineIds } from './queue/model.ts';
import type { ChatLineIds } from './chat/seats.ts';
import type { QueueService } from './queue/QueueService.ts';
import type { ChatService } from './chat/ChatService.ts';
import { RedisQueueStore } from './queue/RedisQueueStore.ts';
import { createDatabase, type Database } from './store/db.ts';
import { migrate } from './store/migrate.ts';
import { createNotifications, type Notifications } from './notify/index.ts';
import { closeRedis, createRedis, duplicateRedis, type RedisClient } from './store/redis.ts';
import { CallRecordRepository } from './store/repositories/callRecordRepository.ts';
import { ChatRepository } from './store/repositories/chatRepository.ts';
import { ServiceHoursRepository } from './store/repositories/serviceHoursRepository.ts';
import { ServiceHoursService } from './schedule/ServiceHoursService.ts';
import { RefreshTokenRepository } from './store/repositories/refreshTokenRepository.ts';
import { UserRepository } from './store/repositories/userRepository.ts';
import { SHUTDOWN_DEADLINE_MS, withDeadline } from './shutdown.ts';

/** Everything a running server is made of, for main, tests and benchmarks. */
export interface RunningServer {
  url: string;
  app: App;
  pool: WorkerPool;
  calls: CallService;
  queue: QueueService;
  chat: ChatService;
  store: QueueStore<VideoLineIds>;
  chatRepo: ChatRepository;
  hours: ServiceHoursService;
  db: Database;
  auth: AuthService;
  tokens: TokenService;
  users: UserRepository;
  records: CallRecordRepository;
  notifications: Notifications;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Use this database (tests share one) instead of opening one from the config. */
  db?: Database;
  /** Milliseconds between queue deadline checks. */
  tickMs?: number;
}

/**
 * The composition root: config → media workers → database (migrated) → stores → services → HTTP and
 * signaling → listening. With REDIS_URL the queue and socket.io rooms are shared through Redis, so several
 * processes can serve together; without it everything is in this process.
 */
export async function startServer(config: Config, logger: Logger, opts: StartOptions = {}): Promise<RunningServer> {
  const { mediasoup, workerBin } = await loadMediasoup(logger, config.MEDIASOUP_WORKER_BIN);
  const pool = await WorkerPool.create(mediasoup, {
    size: config.MEDIASOUP_WORKERS,
    workerBin,
    rtcMinPort: config.RTC_MIN_PORT,
    rtcMaxPort: config.RTC_MAX_PORT,
    logger: logger.child({ component: 'workers' }),
  });
  const cleanups: (() => Promise<void> | void)[] = [() => pool.close()];
  // What a close past its deadline cuts short: connections to a Redis that stopped answering, clients' sockets.
  const cutShort: (() => void)[] = [];
  try {
    const db = opts.db ?? (await createDatabase({ databaseUrl: config.DATABASE_URL, embeddedDataDir: config.SIGN_RELAY_DATA_DIR, logger }));
    if (!opts.db) cleanups.push(() => db.close());
    await db.withoutTimeouts((client) => migrate(client, logger));
    const notifications = createNotifications(config, db.pool, logger);
    notifications.worker.start();
    // Stops before the database closes (cleanups run in reverse), waiting for a round in flight.
    cleanups.push(() => notifications.worker.stop());

    let redis: RedisClient | undefined;
    let store: QueueStore<VideoLineIds>;
    let chatStore: QueueStore<ChatLineIds>;
    if (config.REDIS_URL) {
      redis = await createRedis(config.REDIS_URL, logger, 'sign-relay-queue');
      const client = redis;
      cleanups.push(() => closeRedis(client));
      cutShort.push(() => client.destroy());
      store = new RedisQueueStore({ client, prefix: config.REDIS_PREFIX });
      chatStore = new RedisQueueStore({ client, prefix: `${config.REDIS_PREFIX}:chat` });
    } else {
      store = new MemoryQueueStore();
      chatStore = new MemoryQueueStore();
    }

    if (!config.JWT_SECRET) logger.warn('JWT_SECRET is not set: using a random secret, so tokens last only as long as this process');
    const users = new UserRepository(db.pool);
    const tokens = new TokenService({
      secret: config.JWT_SECRET ?? randomBytes(32).toString('base64url'),
      accessTtlSec: config.ACCESS_TOKEN_TTL_SEC,
      guestTtlSec: config.GUEST_TOKEN_TTL_SEC,
      staffSessions: new StaffSessions(users, logger.child({ component: 'auth' })),
    });
    const records = new CallRecordRepository(db.pool);
    const auth = new AuthService({ users, refreshTokens: new RefreshTokenRepository(db.pool), tokens, refreshTtlSec: config.REFRESH_TOKEN_TTL_SEC, logger: logger.child({ component: 'auth' }) });
    const calls = new CallService(pool, {
      listenIp: config.MEDIASOUP_LISTEN_IP,
      announcedIp: config.MEDIASOUP_ANNOUNCED_IP,
      reconnectGraceMs: config.RECONNECT_GRACE_MS,
      unjoinedTtlMs: 60_000,
      logger: logger.child({ component: 'calls' }),
    });
    const chatRepo = new ChatRepository(db.pool);
    const clockStart = config.SERVICE_CLOCK_START ? Date.parse(config.SERVICE_CLOCK_START) : undefined;
    const startedAt = Date.now();
    const hours = new ServiceHoursService({
      store: new ServiceHoursRepository(db.pool),
      logger,
      ...(clockStart !== undefined ? { now: () => clockStart + (Date.now() - startedAt) } : {}),
    });
    const app = createApp({ config, logger, pool, calls, tokens, auth, users, records, store, chatStore, chatRepo, dbPool: db.pool, hours, wrapUpMs: config.WRAP_UP_SEC * 1000, onOutbox: () => notifications.worker.kick(), sentLog: notifications.log, redis });
    if (redis) {
      const pub = await duplicateRedis(redis, logger, 'sign-relay-io-pub');
      const sub = await duplicateRedis(redis, logger, 'sign-relay-io-sub');
      cleanups.push(() => closeRedis(pub), () => closeRedis(sub));
      cutShort.push(() => pub.destroy(), () => sub.destroy());
      app.io.adapter(createAdapter(pub, sub, { key: `${config.REDIS_PREFIX}:socket.io` }));
    }
    app.queue.start(opts.tickMs);
    await app.chatLine.start(opts.tickMs);
    cleanups.push(() => app.close());
    cutShort.push(() => app.httpServer.closeAllConnections());
    await new Promise<void>((resolve, reject) => {
      app.httpServer.once('error', reject);
      app.httpServer.listen(config.PORT, config.HOST, () => resolve());
    });
    const { port } = app.httpServer.address() as AddressInfo;
    const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${host}:${port}`,
      app,
      pool,
      calls,
      queue: app.queue,
      chat: app.chat,
      store,
      chatRepo,
      hours,
      db,
      auth,
      tokens,
      users,
      records,
      notifications,
      close() {
        closing ??= closeWithin(cleanups, cutShort, logger);
        return closing;
      },
    };
  } catch (err) {
    await runCleanups(cleanups);
    throw err;
  }
}

/**
 * Runs the cleanups, but never for much longer than SHUTDOWN_DEADLINE_MS: work waiting on a Redis or database
 * that stopped answering would otherwise hold the process until the orchestrator kills it. Past the deadline
 * Redis connections and client sockets are cut, which fails that work at once and lets the rest close.
 */
async function closeWithin(cleanups: (() => Promise<void> | void)[], cutShort: (() => void)[], logger: Logger): Promise<void> {
  const closing = runCleanups(cleanups);
  if ((await withDeadline(closing, SHUTDOWN_DEADLINE_MS)) === 'done') return;
  logger.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'shutdown past its deadline: cutting Redis and client connections');
  for (const cut of cutShort) {
    try {
      cut();
    } catch {
      // Already closed.
    }
  }
  await withDeadline(closing, 500);
}

async function runCleanups(cleanups: (() => Promise<void> | void)[]): Promise<void> {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch {
      // Best effort: one failing close must not keep the others from running.
    }
  }
}
