import { createServer, type Server as HttpServer } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { CallService } from './calls/CallService.ts';
import type { Config } from './config.ts';
import { errorHandler, notFound } from './http/errorHandler.ts';
import { healthRouter } from './http/healthRouter.ts';
import { opsRouter } from './http/opsRouter.ts';
import { staticApp } from './http/staticApps.ts';
import type { Logger } from './logger.ts';
import type { WorkerPool } from './media/WorkerPool.ts';
import { attachSignaling, type SignalingServer } from './signaling/socketServer.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface AppDeps {
  config: Config;
  logger: Logger;
  pool: WorkerPool;
  calls: CallService;
}

export interface App {
  httpServer: HttpServer;
  io: SignalingServer;
  /** Ends every call (telling its people), stops signaling and HTTP. The worker pool belongs to the caller. */
  close(): Promise<void>;
}

/** Builds the HTTP + signaling server without listening: main and tests own the port. */
export function createApp(deps: AppDeps): App {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '100kb' }));
  app.use(healthRouter(deps));
  app.use(opsRouter({ calls: deps.calls, production: deps.config.NODE_ENV === 'production', opsToken: deps.config.OPS_TOKEN }));
  app.use('/api', notFound);
  app.use(staticApp('/kiosk', deps.config.KIOSK_DIST ?? resolve(REPO, 'kiosk-client/dist'), 'The kiosk app'));
  app.use(staticApp('/', deps.config.WEB_DIST ?? resolve(REPO, 'relay-web/dist'), 'The web app'));
  app.use(errorHandler(deps.logger));

  const httpServer = createServer(app);
  const io = attachSignaling(httpServer, { calls: deps.calls, logger: deps.logger });
  let closing: Promise<void> | undefined;
  return {
    httpServer,
    io,
    close() {
      closing ??= (async () => {
        deps.calls.closeAll('server-shutdown');
        await new Promise<void>((r) => io.close(() => r()));
        httpServer.closeAllConnections();
      })();
      return closing;
    },
  };
}
