import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MEDIASOUP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../scripts/mediasoup');

/** Patch files for the mediasoup worker source (kept in the repo, applied to a copy of the installed package). */
export const PATCH_DIR = join(MEDIASOUP_DIR, 'patches');

/**
 * Shim subprojects (kept in the repo): one per meson wrap of the worker, named as the wrap's `directory`, each
 * taking the library from Debian through pkg-config. Meson uses an existing subproject directory as it is and so
 * never downloads the wrap.
 */
export const SHIM_DIR = join(MEDIASOUP_DIR, 'subprojects');

/**
 * Debian 12 packages the worker is built with and links against. The library and compiler packages (every one but
 * the build tools) are part of the cache key: new headers or a new schema compiler mean a new build.
 */
export const DEBIAN_BUILD_TOOLS = ['meson', 'ninja-build', 'pkg-config', 'g++', 'patch'] as const;
export const DEBIAN_LIBRARIES = ['libssl-dev', 'libuv1-dev', 'libabsl-dev', 'libflatbuffers-dev', 'flatbuffers-compiler', 'libsrtp2-dev'] as const;

/**
 * The installed mediasoup package: its directory and version. Found from its entry point, walking up to its
 * package.json, because mediasoup's `exports` map does not export `./package.json`.
 */
export function mediasoupPackage(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  for (let dir = dirname(require.resolve('mediasoup')); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'mediasoup' && pkg.version) return { dir, version: pkg.version };
  }
  throw new Error('mediasoup is not installed: run npm run setup');
}

/** Sorted patch files applied to the worker source before building. */
export function patchFiles(dir = PATCH_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.patch'))
    .sort()
    .map((f) => join(dir, f));
}

/** Every file under the shim directory, sorted, so the key changes when any shim does. */
export function shimFiles(dir = SHIM_DIR): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * The installed versions of the Debian libraries, as `package=version` lines; `unknown` where dpkg cannot say
 * (not a Debian machine), so such a machine still gets one stable key.
 */
export function debianLibraryVersions(packages: readonly string[] = DEBIAN_LIBRARIES): string {
  const res = spawnSync('dpkg-query', ['-W', '-f=${Package}=${Version}\\n', ...packages], { encoding: 'utf8' });
  if (res.error || typeof res.stdout !== 'string' || res.stdout.trim() === '') return 'unknown';
  return res.stdout.trim().split('\n').sort().join('\n');
}

function digest(parts: (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/**
 * The cache key of a worker build, as two directory levels: the mediasoup version, the platform and the exact
 * patch and shim contents (their paths under scripts/mediasoup and their bytes); then the Debian library versions.
 * Changing a patch or a shim, bumping mediasoup or upgrading a library's -dev package yields a new key, so
 * `npm run setup` never reuses a build made from other sources.
 */
export function workerCacheKey(version: string, files: string[], libraries: string): { source: string; libraries: string } {
  const parts: (string | Buffer)[] = [version, process.platform, process.arch];
  for (const f of files) parts.push(relative(MEDIASOUP_DIR, f), readFileSync(f));
  return { source: `${version}-${process.platform}-${process.arch}-${digest(parts)}`, libraries: `debian-${digest([libraries])}` };
}

/** The cache root outside node_modules, so reinstalling dependencies keeps the built worker. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SIGN_RELAY_CACHE_DIR) return env.SIGN_RELAY_CACHE_DIR;
  const base = env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(base, 'sign-relay');
}

function sourceDir(env: NodeJS.ProcessEnv): { dir: string; libraries: string } {
  const key = workerCacheKey(mediasoupPackage().version, [...patchFiles(), ...shimFiles()], debianLibraryVersions());
  return { dir: join(cacheRoot(env), 'mediasoup-worker', key.source), libraries: key.libraries };
}

/** Path of the worker binary for the installed mediasoup, the repo's patches and shims, and Debian's libraries. */
export function cachedWorkerPath(env: NodeJS.ProcessEnv = process.env): string {
  const { dir, libraries } = sourceDir(env);
  return join(dir, libraries, 'mediasoup-worker');
}

/**
 * The worker binary to run: `MEDIASOUP_WORKER_BIN` when the user set it, else the cached build for these sources.
 * When Debian's libraries were upgraded since the build (a security update, say), the build for the same sources
 * is still used: it links the libraries by their stable sonames, so it runs on the updated ones, and the service
 * keeps starting; `npm run setup` rebuilds against the new headers. Returns undefined when no build exists, so the
 * caller can say how to make one.
 */
export function resolveWorkerBinary(env: NodeJS.ProcessEnv = process.env): { path: string; stale: boolean } | undefined {
  if (env.MEDIASOUP_WORKER_BIN) return { path: env.MEDIASOUP_WORKER_BIN, stale: false };
  const { dir, libraries } = sourceDir(env);
  const exact = join(dir, libraries, 'mediasoup-worker');
  if (existsSync(exact)) return { path: exact, stale: false };
  if (!existsSync(dir)) return undefined;
  const others = readdirSync(dir)
    .map((d) => join(dir, d, 'mediasoup-worker'))
    .filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return others[0] ? { path: others[0], stale: true } : undefined;
}
