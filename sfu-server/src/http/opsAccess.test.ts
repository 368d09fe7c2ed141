import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallService } from '../calls/CallService.ts';
import { createLogger } from '../logger.ts';
import type { WorkerPool } from '../media/WorkerPool.ts';
import { errorHandler } from './errorHandler.ts';
import { healthRouter } from './healthRouter.ts';
import { isOperator } from './opsAccess.ts';
import { opsRouter } from './opsRouter.ts';

const TOKEN = 'ops-token-0123456789abcdef';

/** A request as the server sees it: the socket's peer address and the headers sent. */
const from = (remoteAddress: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;

describe('ops routes and readiness details are closed outside loopback without OPS_TOKEN (review #22, issue item 4)', () => {
  it('admits this machine by the socket address, and anyone else only with the token', () => {
    for (const local of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isOperator(from(local), TOKEN), local).toBe(true);
    for (const remote of ['203.0.113.5', '10.0.0.7', '::ffff:10.0.0.7', '2001:db8::1', '', '::ffff:128.0.0.1']) {
      expect(isOperator(from(remote), TOKEN), remote).toBe(false);
      expect(isOperator(from(remote), undefined), remote).toBe(false);
      expect(isOperator(from(remote, { authorization: `Bearer ${TOKEN}` }), TOKEN), remote).toBe(true);
      expect(isOperator(from(remote, { authorization: `Bearer ${TOKEN}x` }), TOKEN), remote).toBe(false);
      expect(isOperator(from(remote, { authorization: TOKEN }), TOKEN), remote).toBe(false);
      // With no token configured, nothing a remote client sends opens it.
      expect(isOperator(from(remote, { authorization: 'Bearer ' }), undefined), remote).toBe(false);
    }
  });

  it('never believes a header about where the client is: a claimed loopback stays remote, and a request a local proxy forwarded is not local', () => {
    expect(isOperator(from('203.0.113.5', { 'x-forwarded-for': '127.0.0.1' }), TOKEN)).toBe(false);
    expect(isOperator(from('203.0.113.5', { 'x-real-ip': '127.0.0.1', forwarded: 'for=127.0.0.1' }), TOKEN)).toBe(false);
    // The TLS proxy on this machine connects over loopback, for a client out there.
    expect(isOperator(from('127.0.0.1', { 'x-forwarded-for': '198.51.100.20' }), TOKEN)).toBe(false);
    expect(isOperator(from('127.0.0.1', { forwarded: 'for=198.51.100.20' }), TOKEN)).toBe(false);
    expect(isOperator(from('::1', { 'x-real-ip': '198.51.100.20' }), TOKEN)).toBe(false);
    expect(isOperator(from('127.0.0.1', { 'x-forwarded-for': '198.51.100.20', authorization: `Bearer ${TOKEN}` }), TOKEN)).toBe(true);
  });

  describe('over HTTP', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      const pool = { health: () => ({ live: 1, expected: 2, unanswering: 1 }) } as unknown as WorkerPool;
      const calls = { activeCount: () => 3, mediaStats: async (callId: string) => ({ callId, active: false, routerAlive: false, transports: 0, producers: 0, consumers: 0 }) } as unknown as CallService;
      const app = express();
      app.use(healthRouter({ pool, calls, config: { OPS_TOKEN: TOKEN } }));
      app.use(opsRouter({ calls, production: true, opsToken: TOKEN, sentLog: null }));
      app.use(errorHandler(createLogger('silent')));
      server = app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((r) => server.close(r));
    });

    const media = `/api/ops/calls/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/media`;
    const proxied = { 'x-forwarded-for': '198.51.100.20' };

    it('readiness: the status for everyone; the details for this machine or the token, {ok} alone otherwise', async () => {
      const local = await fetch(`${url}/readyz`);
      expect(local.status).toBe(503);
      expect(await local.json()).toEqual({ ok: false, workers: { live: 1, expected: 2 }, activeCalls: 3 });

      const outside = await fetch(`${url}/readyz`, { headers: proxied });
      expect(outside.status).toBe(503);
      expect(await outside.json()).toEqual({ ok: false });

      const withToken = await fetch(`${url}/readyz`, { headers: { ...proxied, authorization: `Bearer ${TOKEN}` } });
      expect(await withToken.json()).toEqual({ ok: false, workers: { live: 1, expected: 2 }, activeCalls: 3 });
    });

    it('ops routes: open to this machine (even in production, with no token sent), refused to a forwarded client without the token', async () => {
      expect((await fetch(`${url}${media}`)).status).toBe(200);
      expect((await fetch(`${url}/api/ops/notifications`)).status).toBe(200);
      for (const path of [media, '/api/ops/notifications', '/api/ops/anything']) {
        const res = await fetch(`${url}${path}`, { headers: proxied });
        expect(res.status, path).toBe(403);
        expect(await res.json()).toEqual({ error: { code: 'FORBIDDEN', message: 'Not allowed.' } });
      }
      expect((await fetch(`${url}${media}`, { headers: { ...proxied, authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    });
  });
});
