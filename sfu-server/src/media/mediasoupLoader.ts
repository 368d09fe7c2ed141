import type * as MediasoupModule from 'mediasoup';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { resolveWorkerBinary } from './workerBinary.ts';

export type Mediasoup = typeof MediasoupModule;

/**
 * Loads mediasoup and chooses the worker binary every worker is started with (`createWorker({ workerBin })`):
 * the one given (MEDIASOUP_WORKER_BIN), else the cached build for the installed version (`npm run setup`).
 */
export async function loadMediasoup(logger: Logger, workerBin?: string): Promise<{ mediasoup: Mediasoup; workerBin: string }> {
  const found = workerBin ? { path: workerBin, stale: false } : resolveWorkerBinary();
  if (!found) {
    throw new AppError('UNAVAILABLE', 'The mediasoup worker is not built yet: run `npm run setup` (or `npm run worker`).');
  }
  if (found.stale) {
    logger.warn({ workerBin: found.path }, "Debian's libraries changed since the mediasoup worker was built; it still runs on them. Run `npm run worker` to rebuild against them.");
  }
  return { mediasoup: await import('mediasoup'), workerBin: found.path };
}
