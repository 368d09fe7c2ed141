import type * as MediasoupModule from 'mediasoup';
import { AppError } from '../errors.ts';
import { resolveWorkerBinary } from './workerBinary.ts';

export type Mediasoup = typeof MediasoupModule;

/**
 * Loads mediasoup with the worker binary chosen: mediasoup reads MEDIASOUP_WORKER_BIN once, when its module
 * is first imported, so the variable is set before the dynamic import.
 */
export async function loadMediasoup(workerBin?: string): Promise<Mediasoup> {
  const bin = workerBin ?? resolveWorkerBinary();
  if (!bin) {
    throw new AppError('UNAVAILABLE', 'The mediasoup worker is not built yet: run `npm run setup` (or `npm run worker`).');
  }
  process.env.MEDIASOUP_WORKER_BIN = bin;
  return import('mediasoup');
}
