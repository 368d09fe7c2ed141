import { CallService } from './calls/CallService.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createApp } from './app.ts';
import { createLogger } from './logger.ts';
import { loadMediasoup } from './media/mediasoupLoader.ts';
import { WorkerPool } from './media/WorkerPool.ts';
import { AppError } from './errors.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  let mediasoup;
  try {
    mediasoup = await loadMediasoup(config.MEDIASOUP_WORKER_BIN);
  } catch (err) {
    if (err instanceof AppError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const pool = await WorkerPool.create(mediasoup, {
    size: config.MEDIASOUP_WORKERS,
    rtcMinPort: config.RTC_MIN_PORT,
    rtcMaxPort: config.RTC_MAX_PORT,
    logger: logger.child({ component: 'workers' }),
  });
  const calls = new CallService(pool, {
    listenIp: config.MEDIASOUP_LISTEN_IP,
    announcedIp: config.MEDIASOUP_ANNOUNCED_IP,
    reconnectGraceMs: config.RECONNECT_GRACE_MS,
    unjoinedTtlMs: 60_000,
    logger: logger.child({ component: 'calls' }),
  });
  const app = createApp({ config, logger, pool, calls });
  await new Promise<void>((resolve, reject) => {
    app.httpServer.once('error', reject);
    app.httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  const addr = app.httpServer.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  logger.info({ port, host: config.HOST, workers: pool.size }, 'sign relay listening');
  process.stdout.write(`Sign Relay is running at http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}/\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    pool.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
