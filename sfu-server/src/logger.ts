import { pino, type Logger } from 'pino';

export type { Logger };

/** The root logger; components take child loggers with their ids as fields. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'sfu-server' } });
}
