import { ConfigError, loadConfig } from './config.ts';
import { seedDevelopmentAccounts } from './auth/devAccounts.ts';
import { AppError } from './errors.ts';
import { createLogger } from './logger.ts';
import { startServer, type RunningServer } from './server.ts';
import { SHUTDOWN_DEADLINE_MS, stopOnFatal, withDeadline } from './shutdown.ts';

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
  let server: RunningServer | undefined;
  let stopping = false;
  const stop = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    // The server's close has its own deadline; this one is for a close that cannot even get that far.
    if (server && (await withDeadline(server.close(), SHUTDOWN_DEADLINE_MS + 2_000)) === 'timed-out') {
      logger.error('shutdown did not finish in time; exiting anyway');
    }
    process.exit(code);
  };
  // Installed before anything starts: a failure nothing caught is logged and ends in a clean shutdown.
  stopOnFatal(process, logger, (reason, code) => void stop(reason, code));
  process.on('SIGINT', () => void stop('SIGINT', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));
  try {
    server = await startServer(config, logger);
  } catch (err) {
    const message = err instanceof AppError || err instanceof Error ? err.message : String(err);
    process.stderr.write(`Sign Relay could not start: ${message}\n`);
    process.exit(2);
  }
  if (config.NODE_ENV === 'development') {
    const created = await seedDevelopmentAccounts(server.auth, server.users);
    for (const a of created) process.stdout.write(`  development account  ${a.role.padEnd(11)} ${a.username} / ${a.password}\n`);
  }
  logger.info({ url: server.url, db: server.db.kind, workers: server.pool.size }, 'sign relay listening');
  process.stdout.write(`Sign Relay is running at ${server.url}/\n`);
}

void main();
