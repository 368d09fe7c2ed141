import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { AppError } from '../errors.ts';

/**
 * Who may see the operator's views (per-call media counts, the messages sent, readiness details): a request
 * from this machine itself, or one carrying `Authorization: Bearer $OPS_TOKEN`. Closed to everyone else by
 * default, in production or not.
 *
 * "This machine" is the socket's peer address, never a header a client can write. And a request that a proxy
 * forwarded (it names the client in `X-Forwarded-For`, `Forwarded` or `X-Real-IP`) is not from this machine
 * even when the proxy itself connects over loopback: it is someone on the other side of the proxy.
 */
export function isOperator(req: IncomingMessage, opsToken: string | undefined): boolean {
  return (isLoopbackPeer(req) && !isForwarded(req)) || hasOpsToken(req, opsToken);
}

/** Refuses (FORBIDDEN) anyone but the operator, see {@link isOperator}. */
export function requireOperator(opsToken: string | undefined): RequestHandler {
  return (req, _res, next) => {
    next(isOperator(req, opsToken) ? undefined : new AppError('FORBIDDEN', 'Not allowed.'));
  };
}

/** 127.0.0.0/8, ::1, or 127.x written as an IPv4-mapped IPv6 address (a dual-stack socket). */
function isLoopbackPeer(req: IncomingMessage): boolean {
  const raw = req.socket.remoteAddress ?? '';
  const address = raw.toLowerCase().startsWith('::ffff:') ? raw.slice(7) : raw;
  if (address === '::1') return true;
  return isIP(address) === 4 && address.startsWith('127.');
}

function isForwarded(req: IncomingMessage): boolean {
  return req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined || req.headers['x-real-ip'] !== undefined;
}

function hasOpsToken(req: IncomingMessage, opsToken: string | undefined): boolean {
  const header = req.headers.authorization ?? '';
  if (!opsToken || !header.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7));
  const want = Buffer.from(opsToken);
  return given.length === want.length && timingSafeEqual(given, want);
}
