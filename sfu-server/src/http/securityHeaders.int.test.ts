import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.ts';

/** The built apps as the server finds them: an index.html each (their content does not matter here). */
function fakeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sr-dist-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title><div id="root"></div><script type="module" src="/assets/app.js"></script>');
  return dir;
}

describe('security headers on every page and API answer (review #8)', () => {
  let server: TestServer;
  const dists: string[] = [];
  beforeAll(async () => {
    const web = fakeDist();
    const kiosk = fakeDist();
    dists.push(web, kiosk);
    server = await startTestServer({ env: { WEB_DIST: web, KIOSK_DIST: kiosk } });
  });
  afterAll(async () => {
    await server.close();
    for (const d of dists) rmSync(d, { recursive: true, force: true });
  });

  const answers: [string, () => Promise<Response>, number][] = [
    ['the web app (/)', () => fetch(`${server.url}/`), 200],
    ['the kiosk (/kiosk/)', () => fetch(`${server.url}/kiosk/`), 200],
    ['the desk (/desk, a client route)', () => fetch(`${server.url}/desk`), 200],
    ['an API answer (/api/service/status)', () => fetch(`${server.url}/api/service/status`), 200],
    ['an unknown API path (404)', () => fetch(`${server.url}/api/no-such-thing`), 404],
    [
      'an error answer (malformed JSON body)',
      () => fetch(`${server.url}/api/auth/guest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"channel":' }),
      400,
    ],
    ['liveness (/healthz)', () => fetch(`${server.url}/healthz`), 200],
  ];

  it.each(answers)('%s carries CSP, frame, sniffing, referrer and permissions headers', async (_what, get, status) => {
    const res = await get();
    expect(res.status).toBe(status);
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const [name, ...values] = d.split(/\s+/);
          return [name!, values] as const;
        }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('script-src-attr')).toEqual(["'none'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('media-src')).toEqual(["'self'", 'blob:']);
    const host = new URL(server.url).host;
    expect(directives.get('connect-src')).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const permissions = res.headers.get('permissions-policy') ?? '';
    for (const p of ['camera=(self)', 'microphone=(self)', 'display-capture=()', 'geolocation=()']) expect(permissions).toContain(p);
    // HSTS is the TLS proxy's to send, not this plain-HTTP server's.
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('a Host header that is not a plain host name adds no source to the policy (review #8)', async () => {
    const { request } = await import('node:http');
    const url = new URL(server.url);
    const csp = await new Promise<string>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/api/service/status', headers: { host: "evil.example 'unsafe-inline'" } }, (res) => {
        res.resume();
        resolve(String(res.headers['content-security-policy'] ?? ''));
      });
      req.on('error', reject);
      req.end();
    });
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('evil.example');
    expect(csp).not.toContain('unsafe-inline');
  });
});
