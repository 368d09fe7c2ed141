import { ConfigError, loadConfig } from './config.ts';
import { seedDevelopmentAccounts } from './auth/devAccounts.ts';
import { AppError } from './errors.ts';
import { createLogger } from './logger.ts';
import { startServer } from './server.ts';

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
  let server;
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

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
