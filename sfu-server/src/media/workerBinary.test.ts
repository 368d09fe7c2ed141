import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheRoot, patchFiles, resolveWorkerBinary, workerCacheKey } from './workerBinary.ts';

describe('worker binary cache', () => {
  it('keys the cache by mediasoup version and the exact patch contents', () => {
    const dir = mkdtempSync(join(tmpdir(), 'patches-'));
    const a = join(dir, 'a.patch');
    writeFileSync(a, 'one');
    const k1 = workerCacheKey('3.8.4', [a]);
    expect(workerCacheKey('3.8.4', [a])).toBe(k1);
    expect(workerCacheKey('3.8.5', [a])).not.toBe(k1);
    writeFileSync(a, 'two');
    expect(workerCacheKey('3.8.4', [a])).not.toBe(k1);
    expect(k1.startsWith('3.8.4-')).toBe(true);
  });

  it('ships the two build fixes as patch files', () => {
    expect(patchFiles().map((p) => p.split('/').pop())).toEqual(['0001-gyp-collections-abc.patch', '0002-abseil-sigstksz-glibc234.patch']);
  });

  it('lives outside node_modules and honours MEDIASOUP_WORKER_BIN', () => {
    expect(cacheRoot({ HOME: '/home/x', XDG_CACHE_HOME: '/c' })).toBe('/c/sign-relay');
    expect(cacheRoot({ SIGN_RELAY_CACHE_DIR: '/d' })).toBe('/d');
    expect(resolveWorkerBinary({ MEDIASOUP_WORKER_BIN: '/opt/w' })).toBe('/opt/w');
    expect(resolveWorkerBinary({ SIGN_RELAY_CACHE_DIR: '/nonexistent' })).toBeUndefined();
  });
});
