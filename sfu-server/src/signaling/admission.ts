import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import proxyaddr from 'proxy-addr';
import type { Config } from '../config.ts';
import { ipv6Prefix64 } from '../util/ipv6.ts';

/** What the signaling server lets one caller, one address and one page hold or send. */
export interface SignalingLimits {
  /** Connections one caller (guest id) may hold at once, on every server process together. */
  socketsPerGuest: number;
  /**
   * Callers' connections from one client address at once (an IPv6 address counts by its /64), on every process
   * together. Staff are not counted: a call centre's desks share one address.
   */
  socketsPerAddress: number;
  /** Which proxies' X-Forwarded-For names the client (config TRUST_PROXY): a hop count or addresses/CIDRs. */
  trustProxy: number | readonly string[] | undefined;
  /** Origins besides the server's own whose pages may connect (config ALLOWED_ORIGINS). */
  allowedOrigins: readonly string[];
  /**
   * How long a connection whose token expired may still present a fresh one (`auth:renew`) before it is closed.
   * It gets no pushes meanwhile; its client reconnects after the close (with a fresh token).
   */
  renewGraceMs: number;
}

export const DEFAULT_SIGNALING_LIMITS: Readonly<SignalingLimits> = Object.freeze({
  socketsPerGuest: 3,
  socketsPerAddress: 20,
  trustProxy: undefined,
  allowedOrigins: [],
  renewGraceMs: 30_000,
});

/** The limits from the configuration, with any given explicitly (tests) taking precedence. */
export function signalingLimits(config: Pick<Config, 'TRUST_PROXY' | 'ALLOWED_ORIGINS'>, given: Partial<SignalingLimits> = {}): SignalingLimits {
  return { ...DEFAULT_SIGNALING_LIMITS, trustProxy: config.TRUST_PROXY, allowedOrigins: config.ALLOWED_ORIGINS, ...given };
}

/** Whether the proxy `i` hops from this server (0 = the peer of the TCP connection) at `addr` is trusted. */
export type ProxyTrust = (addr: string, i: number) => boolean;

/**
 * Compiles TRUST_PROXY as Express does its `trust proxy` setting: a hop count, or proxy addresses and CIDR blocks
 * (proxy-addr's compiler, so an IPv4-mapped peer matches an IPv4 block).
 */
export function compileTrust(trust: number | readonly string[] | undefined): ProxyTrust {
  if (trust === undefined) return () => false;
  if (typeof trust === 'number') return (_addr, i) => i < trust;
  return proxyaddr.compile([...trust]);
}

/**
 * The client's address, by Express's rule (proxy-addr, which Express's `req.ip` uses): from the TCP peer back
 * through X-Forwarded-For, the first address that is not a trusted proxy (or the farthest one named).
 */
export function clientAddress(req: IncomingMessage, trust: ProxyTrust): string {
  return plainAddress(proxyaddr(req, trust));
}

/** What one address counts as: an IPv4 address itself, an IPv6 address by its /64 (one subscriber's prefix). */
export function addressScope(addr: string): string {
  const a = plainAddress(addr);
  return isIP(a) === 6 ? ipv6Prefix64(a) : a;
}

/** An address without a zone and with an IPv4-mapped IPv6 address written as IPv4. */
function plainAddress(addr: string): string {
  const a = addr.split('%')[0]!.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  return mapped ? mapped[1]! : a;
}

/**
 * Whether a page at the request's Origin may open a signaling connection: the server's own pages (Origin's host
 * is the request's Host) and the allowed origins. A request without Origin is not from a browser page (browsers
 * always send one on WebSocket and cross-origin requests), and is let through: its token still decides.
 */
export function originAllowed(req: Pick<IncomingMessage, 'headers'>, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.host === req.headers.host) return true;
  return allowedOrigins.includes(url.origin);
}
