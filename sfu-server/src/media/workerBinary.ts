import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the patch files for the mediasoup worker source live (kept in the repo). */
export const PATCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../scripts/mediasoup/patches');

/** The installed mediasoup package: its directory and version. */
export function mediasoupPackage(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve('mediasoup/package.json');
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string };
  return { dir: dirname(pkgJson), version };
}

/** Sorted patch files applied to the worker source before building. */
export function patchFiles(): string[] {
  if (!existsSync(PATCH_DIR)) return [];
  return readdirSync(PATCH_DIR)
    .filter((f) => f.endsWith('.patch'))
    .sort()
    .map((f) => join(PATCH_DIR, f));
}

/**
 * The cache key of a worker build: the mediasoup version, the platform and the exact patch contents.
 * Changing a patch or bumping mediasoup yields a new key, so a stale binary is never reused.
 */
export function workerCacheKey(version: string, patches: string[]): string {
  const hash = createHash('sha256');
  hash.update(`${version}\0${process.platform}\0${process.arch}\0`);
  for (const p of patches) hash.update(readFileSync(p)).update('\0');
  return `${version}-${process.platform}-${process.arch}-${hash.digest('hex').slice(0, 16)}`;
}

/** The cache root outside node_modules, so reinstalling dependencies keeps the built worker. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SIGN_RELAY_CACHE_DIR) return env.SIGN_RELAY_CACHE_DIR;
  const base = env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(base, 'sign-relay');
}

/** Path of the cached worker binary for the installed mediasoup and the repo's patches. */
export function cachedWorkerPath(env: NodeJS.ProcessEnv = process.env): string {
  const { version } = mediasoupPackage();
  return join(cacheRoot(env), 'mediasoup-worker', workerCacheKey(version, patchFiles()), 'mediasoup-worker');
}

/**
 * The worker binary to run: `MEDIASOUP_WORKER_BIN` when the user set it, else the cached build.
 * Returns undefined when neither exists, so the caller can say how to build it.
 */
export function resolveWorkerBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.MEDIASOUP_WORKER_BIN) return env.MEDIASOUP_WORKER_BIN;
  const cached = cachedWorkerPath(env);
  return existsSync(cached) ? cached : undefined;
}
