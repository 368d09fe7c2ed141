import { createServer, type Server as HttpServer } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type pg from 'pg';
import type { AuthService } from './auth/AuthService.ts';
import type { TokenService } from './auth/tokens.ts';
import type { CallService } from './calls/CallService.ts';
import { CaseService } from './cases/CaseService.ts';
import { ChatLine } from './chat/ChatLine.ts';
import { ChatService } from './chat/ChatService.ts';
import { ChatWriter } from './chat/ChatWriter.ts';
import { startRetention } from './chat/retention.ts';
import type { Config } from './config.ts';
import { authRouter } from './http/authRouter.ts';
import { httpLimits } from './http/rateLimits.ts';
import { keys } from './store/keys.ts';
import type { RedisClient } from './store/redis.ts';
import { errorHandler, notFound } from './http/errorHandler.ts';
import { healthRouter } from './http/healthRouter.ts';
import { securityHeaders } from './http/securityHeaders.ts';
import { opsRouter } from './http/opsRouter.ts';
import { callbackRouter } from './http/callbackRouter.ts';
import { caseRouter } from './http/caseRouter.ts';
import { cityApiRouters } from './http/open311/index.ts';
import { reportRouter } from './http/reportRouter.ts';
import { ReportRepository } from './store/repositories/reportRepository.ts';
import { AuditRepository } from './store/repositories/auditRepository.ts';
import type { LogNotifier } from './notify/index.ts';
import { scheduleRouter } from './http/scheduleRouter.ts';
import { CallbackService } from './callbacks/CallbackService.ts';
import { staffRouter } from './http/staffRouter.ts';
import type { ServiceHoursService } from './schedule/ServiceHoursService.ts';
import { staticApp } from './http/staticApps.ts';
import type { Logger } from './logger.ts';
import type { WorkerPool } from './media/WorkerPool.ts';
import type { QueueStore, VideoLineIds } from './queue/model.ts';
import type { ChatLineIds } from './chat/seats.ts';
import { QueueService } from './queue/QueueService.ts';
import { StaffNames } from './queue/StaffNames.ts';
import { signalingLimits } from './signaling/admission.ts';
import { createSignalingServer, disconnectStaff, serveSignaling, socketNotifier } from './signaling/socketServer.ts';
import type { SignalingServer } from './signaling/types.ts';
import type { CallRecordRepository } from './store/repositories/callRecordRepository.ts';
import type { ChatRepository } from './store/repositories/chatRepository.ts';
import type { UserRepository } from './store/repositories/userRepository.ts';
import { Wallboard } from './wallboard/Wallboard.ts';
import { WallboardRepository } from './wallboard/WallboardRepository.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface AppDeps {
  config: Config;
  logger: Logger;
  pool: WorkerPool;
  calls: CallService;
  tokens: TokenService;
  auth: AuthService;
  users: UserRepository;
  records: CallRecordRepository;
  store: QueueStore<VideoLineIds>;
  /** The text-chat line (same rules, separate store). */
  chatStore: QueueStore<ChatLineIds>;
  chatRepo: ChatRepository;
  /** The pool itself (not just queries): chat messages are written in transactions. */
  dbPool: pg.Pool;
  hours: ServiceHoursService;
  wrapUpMs: number;
  /** Called after a case change wrote a notification to the outbox (the outbox worker sends it soon). */
  onOutbox?: () => void;
  /** The log notifier when it is the one in use (for the ops view of what was sent). */
  sentLog?: LogNotifier | null;
  /** With REDIS_URL: HTTP rate limits count here, shared by every server process. */
  redis?: RedisClient | undefined;
}

export interface App {
  httpServer: HttpServer;
  io: SignalingServer;
  queue: QueueService;
  /** The text-chat line (its routing runs once `start()` is called). */
  chatLine: ChatLine;
  chat: ChatService;
  cases: CaseService;
  /** Ends every call (telling its people), stops signaling and HTTP. The worker pool belongs to the caller. */
  close(): Promise<void>;
}

/** Builds the HTTP + signaling server without listening: main and tests own the port. */
export function createApp(deps: AppDeps): App {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  // Behind the TLS proxy, req.ip is the client the proxy names (a hop count or the proxies' addresses, never all).
  if (deps.config.TRUST_PROXY !== undefined) app.set('trust proxy', deps.config.TRUST_PROXY);
  const limits = httpLimits({ redis: deps.redis, keyPrefix: keys(deps.config.REDIS_PREFIX).rateLimit, logger: deps.logger.child({ component: 'rate-limits' }) });
  const httpServer = createServer(app);
  const io = createSignalingServer(httpServer, signalingLimits(deps.config));
  const names = new StaffNames(deps.users);
  const queue = new QueueService({
    store: deps.store,
    calls: deps.calls,
    records: deps.records,
    names,
    notifier: socketNotifier(io),
    logger: deps.logger,
    wrapUpMs: deps.wrapUpMs,
    hours: deps.hours,
  });
  const wallboard = new Wallboard({
    videoStore: deps.store,
    chatStore: deps.chatStore,
    calls: deps.calls,
    records: deps.records,
    names,
    repo: new WallboardRepository(deps.dbPool),
    logger: deps.logger,
  });
  const notifier = socketNotifier(io);
  const writer = new ChatWriter(deps.dbPool, deps.chatRepo, deps.logger.child({ component: 'chat-writer' }));
  const chatLine = new ChatLine({ repo: deps.chatRepo, store: deps.chatStore, notifier, logger: deps.logger, seats: deps.config.CHAT_SEATS, hours: deps.hours });
  const chat = new ChatService({ repo: deps.chatRepo, writer, line: chatLine, calls: deps.calls, notifier, logger: deps.logger });
  const cases = new CaseService({ pool: deps.dbPool, notifier, logger: deps.logger.child({ component: 'cases' }), ...(deps.onOutbox ? { onOutbox: deps.onOutbox } : {}) });
  const stopRetention = startRetention({ db: deps.dbPool, chatDays: deps.config.CHAT_RETENTION_DAYS, contactDays: deps.config.CONTACT_RETENTION_DAYS, logger: deps.logger });

  // The city's API answers in Open311's own shapes, even for a malformed body: its routers parse their own.
  const city = cityApiRouters({ tokens: deps.tokens, cases, pool: deps.dbPool, logger: deps.logger });
  for (const router of city.routers) app.use(router);
  app.use(express.json({ limit: '100kb' }));
  app.use(healthRouter(deps));
  app.use(authRouter({ auth: deps.auth, tokens: deps.tokens, limits, kioskIds: deps.config.KIOSK_IDS }));
  app.use(scheduleRouter({ tokens: deps.tokens, hours: deps.hours }));
  app.use(callbackRouter({ tokens: deps.tokens, limits, callbacks: new CallbackService({ pool: deps.dbPool, logger: deps.logger.child({ component: 'callbacks' }) }) }));
  app.use(staffRouter({ tokens: deps.tokens, auth: deps.auth, users: deps.users, records: deps.records, wallboard, onSessionsEnded: (id) => disconnectStaff(io, id) }));
  app.use(caseRouter({ tokens: deps.tokens, cases, audit: new AuditRepository(deps.dbPool), apiKeys: city.apiKeys }));
  app.use(reportRouter({ tokens: deps.tokens, reports: new ReportRepository(deps.dbPool) }));
  app.use(opsRouter({ calls: deps.calls, production: deps.config.NODE_ENV === 'production', opsToken: deps.config.OPS_TOKEN, sentLog: deps.sentLog ?? null }));
  app.use('/api', notFound);
  app.use(staticApp('/kiosk', deps.config.KIOSK_DIST ?? resolve(REPO, 'kiosk-client/dist'), 'The kiosk app'));
  app.use(staticApp('/', deps.config.WEB_DIST ?? resolve(REPO, 'relay-web/dist'), 'The web app'));
  app.use(errorHandler(deps.logger));

  const signaling = serveSignaling(io, { calls: deps.calls, queue, wallboard, chatLine, chat, cases, tokens: deps.tokens, logger: deps.logger, redis: deps.redis, redisPrefix: deps.config.REDIS_PREFIX });
  let closing: Promise<void> | undefined;
  return {
    httpServer,
    io,
    queue,
    chatLine,
    chat,
    cases,
    close() {
      closing ??= (async () => {
        queue.stop();
        stopRetention();
        deps.calls.closeAll('server-shutdown');
        await signaling.stop();
        await queue.idle();
        await chatLine.stop();
        await chat.stop();
        httpServer.closeAllConnections();
      })();
      return closing;
    },
  };
}
