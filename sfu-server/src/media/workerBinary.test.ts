import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheRoot, cachedWorkerPath, patchFiles, resolveWorkerBinary, shimFiles, workerCacheKey } from './workerBinary.ts';

describe('worker binary cache', () => {
  it('keys the build by mediasoup version and the exact patch and shim contents, then by Debian library versions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'patches-'));
    const a = join(dir, 'a.patch');
    writeFileSync(a, 'one');
    const libs = 'libssl-dev=3.0.19-1~deb12u2';
    const k1 = workerCacheKey('3.27.1', [a], libs);
    expect(workerCacheKey('3.27.1', [a], libs)).toEqual(k1);
    expect(workerCacheKey('3.27.2', [a], libs).source).not.toBe(k1.source);
    expect(workerCacheKey('3.27.1', [a], 'libssl-dev=3.0.20-1~deb12u1')).toEqual({ source: k1.source, libraries: expect.not.stringMatching(k1.libraries) as unknown });
    writeFileSync(a, 'two');
    expect(workerCacheKey('3.27.1', [a], libs).source).not.toBe(k1.source);
    expect(k1.source.startsWith('3.27.1-')).toBe(true);
  });

  it('ships the patches and one shim subproject per meson wrap of the worker', () => {
    expect(patchFiles().map((p) => p.split('/').pop())).toEqual(['0001-meson-debian-build.patch', '0002-libsrtp2.patch', '0003-dtls-bio-callback-return.patch']);
    const shims = new Set(shimFiles().map((p) => p.split('/subprojects/')[1]?.split('/')[0]));
    expect([...shims].sort()).toEqual([
      'abseil-cpp-20240722.0',
      'flatbuffers-24.3.25',
      'libsrtp-3.0.0-beta-2fc078db',
      'libuv-v1.51.0',
      'openssl-3.0.8',
      'unordered_dense-4.8.1',
    ]);
  });

  it('lives outside node_modules and honours MEDIASOUP_WORKER_BIN', () => {
    expect(cacheRoot({ HOME: '/home/x', XDG_CACHE_HOME: '/c' })).toBe('/c/sign-relay');
    expect(cacheRoot({ SIGN_RELAY_CACHE_DIR: '/d' })).toBe('/d');
    expect(resolveWorkerBinary({ MEDIASOUP_WORKER_BIN: '/opt/w' })).toEqual({ path: '/opt/w', stale: false });
    expect(resolveWorkerBinary({ SIGN_RELAY_CACHE_DIR: '/nonexistent' })).toBeUndefined();
  });

  it("still finds a build for the same sources after Debian's libraries were upgraded, and says it is stale", () => {
    const root = mkdtempSync(join(tmpdir(), 'worker-cache-'));
    const env = { SIGN_RELAY_CACHE_DIR: root };
    const exact = cachedWorkerPath(env);
    const sourceDir = join(exact, '..', '..');
    const older = join(sourceDir, 'debian-0000000000000000', 'mediasoup-worker');
    const newer = join(sourceDir, 'debian-1111111111111111', 'mediasoup-worker');
    for (const [p, t] of [[older, 1_000], [newer, 2_000]] as const) {
      mkdirSync(join(p, '..'), { recursive: true });
      writeFileSync(p, '');
      utimesSync(p, t, t);
    }
    expect(resolveWorkerBinary(env)).toEqual({ path: newer, stale: true });
    mkdirSync(join(exact, '..'), { recursive: true });
    writeFileSync(exact, '');
    expect(resolveWorkerBinary(env)).toEqual({ path: exact, stale: false });
  });
});
