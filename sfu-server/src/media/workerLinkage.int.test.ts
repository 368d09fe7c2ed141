import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveWorkerBinary } from './workerBinary.ts';

/**
 * The worker this machine runs links Debian's maintained OpenSSL 3 (and the other Debian libraries) dynamically,
 * so apt's security updates reach it, and carries no OpenSSL of its own: neither the 1.1.1 that mediasoup 3.8
 * bundled nor the 3.0.8 that mediasoup's meson wrap would build.
 */
describe('the mediasoup worker binary', () => {
  const found = resolveWorkerBinary();
  const bin = found?.path ?? '';
  const linked = (): Map<string, string> => {
    const out = execFileSync('ldd', [bin], { encoding: 'utf8' });
    const libs = new Map<string, string>();
    for (const line of out.split('\n')) {
      const m = /^\s*(\S+) => (\S+)/.exec(line);
      if (m?.[1] && m[2]) libs.set(m[1], m[2]);
    }
    return libs;
  };
  // dpkg knows each file by its path under /usr (Debian 12 merges /lib into /usr/lib), so the loader's path is
  // resolved first; it answers `package:arch: path`.
  const owner = (path: string): string => execFileSync('dpkg-query', ['-S', realpathSync(path)], { encoding: 'utf8' }).split(':')[0] ?? '';

  it('is built (npm run setup) and is the one for these sources', () => {
    expect(found, 'no worker build: run npm run setup').toBeDefined();
    expect(found?.stale).toBe(false);
  });

  it("links Debian's libssl.so.3 and libcrypto.so.3, from the libssl3 package", () => {
    const libs = linked();
    for (const soname of ['libssl.so.3', 'libcrypto.so.3']) {
      const path = libs.get(soname);
      expect(path, `${soname} is not linked`).toBeDefined();
      expect(owner(path ?? '')).toMatch(/^libssl3(t64)?$/);
    }
    expect([...libs.keys()].filter((s) => /^lib(ssl|crypto)\.so\.1\.1/.test(s))).toEqual([]);
  });

  it("links Debian's libsrtp2, libuv and abseil rather than bundling them", () => {
    const libs = linked();
    expect(owner(libs.get('libsrtp2.so.1') ?? '/nonexistent')).toBe('libsrtp2-1');
    expect(owner(libs.get('libuv.so.1') ?? '/nonexistent')).toBe('libuv1');
    expect([...libs.keys()].some((s) => s.startsWith('libabsl_'))).toBe(true);
  });

  it('carries no OpenSSL of its own', () => {
    const bytes = readFileSync(bin).toString('latin1');
    // Every OpenSSL build embeds its version text ("OpenSSL 1.1.1k  25 Mar 2021"); a statically linked one would.
    expect(bytes.match(/OpenSSL \d+\.\d+\.\d+\S* {1,2}\d{1,2} [A-Z][a-z]{2} \d{4}/g) ?? []).toEqual([]);
  });
});
