/**
 * Every HTTP rate limit is built here, on rate-limiter-flexible: counted in Redis when the server has one (so a
 * limit holds across server processes), else in this process's memory. Either way each key expires on its own
 * after its window, so nothing has to be cleared when a table fills up. Limits are keyed by the client address
 * as the trusted proxy names it (`trust proxy`, TRUST_PROXY), never by an address the client names itself.
 */
import { isIP } from 'node:net';
import type { Request, Response } from 'express';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../errors.ts';
import { ipv6Prefix64 } from '../util/ipv6.ts';
import type { Logger } from '../logger.ts';
import type { RedisClient } from '../store/redis.ts';

/** A limit: `points` requests per `durationSec` window, plus an optional allowance for a burst over a longer window. */
export interface LimitRule {
  points: number;
  durationSec: number;
  /** Taken only when the steady limit is used up (the steady one refills every window): a token bucket, roughly. */
  burst?: { points: number; durationSec: number };
}

/** The HTTP limits and their defaults. */
export const HTTP_LIMITS = {
  /** Guest tokens per client address: 20 at once, then about one every 3 s. */
  guestPerAddress: { points: 1, durationSec: 3, burst: { points: 20, durationSec: 60 } },
  /** Guest tokens per network (IPv4 /24, IPv6 /64): whoever holds a /64 has more addresses than anyone could count. */
  guestPerNetwork: { points: 60, durationSec: 60 },
  /** Kiosk tokens per kiosk ID, from wherever they are asked for: 20 at once, then about one every 3 s. */
  guestPerKiosk: { points: 1, durationSec: 3, burst: { points: 20, durationSec: 60 } },
  /**
   * New guest identities a minute, all callers together (a caller carrying their identity on is not counted): a
   * bound on the work a flood from countless addresses can cause, far above any real minute of the hotline, so
   * that such a flood spends it only well past what the per-address and per-network limits let one place do.
   */
  guestNewIdentities: { points: 1_200, durationSec: 60 },
  /** Wrong passwords per account and client address in 15 minutes. */
  signInPerAccountAddress: { points: 10, durationSec: 15 * 60 },
  /**
   * Wrong passwords per client address, whatever the account, in 15 minutes: more than a room of interpreters
   * behind one address mistypes at the start of a shift, fewer than a spray across usernames needs.
   */
  signInPerAddress: { points: 20, durationSec: 15 * 60 },
  /** Call-back requests per client address in an hour (and 3 open per caller a day, in CallbackService). */
  callbackPerAddress: { points: 20, durationSec: 3600 },
} as const satisfies Record<string, LimitRule>;

export type HttpLimitName = keyof typeof HTTP_LIMITS;

/** Whether a request may go on; when not, how long until it may. */
export type LimitVerdict = { ok: true } | { ok: false; retryAfterSec: number };

/** One named limit, counted per key. */
export interface Limit {
  readonly name: string;
  /** Counts one request under `key`. */
  take(key: string): Promise<LimitVerdict>;
  /** Gives back one request taken under `key` (it turned out not to count, e.g. a right password). */
  refund(key: string): Promise<void>;
  /** Forgets everything counted under `key`. */
  reset(key: string): Promise<void>;
}

export type HttpLimits = { readonly [K in HttpLimitName]: Limit };

export interface RateLimitStore {
  /** Counts in Redis, shared by every server process; without it, in this process. */
  redis?: RedisClient | undefined;
  /** The Redis key prefix of a limit (store/keys.ts). */
  keyPrefix: (limit: string) => string;
  logger: Logger;
  /** How long a check may wait for Redis before the request is let through (default 500 ms). */
  timeoutMs?: number;
}

/** How often a failing store is logged, per limit. */
const STORE_FAILURE_LOG_MS = 10_000;

class TimedOut extends Error {}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Builds one limit on the store. */
export function createLimit(store: RateLimitStore, name: string, rule: LimitRule): Limit {
  const timeoutMs = store.timeoutMs ?? 500;
  const make = (suffix: string, points: number, duration: number): RateLimiterAbstract => {
    const keyPrefix = store.keyPrefix(`${name}${suffix}`);
    return store.redis
      ? // rejectIfRedisNotReady: while the connection is down a check fails at once rather than queueing.
        new RateLimiterRedis({ storeClient: store.redis, useRedisPackage: true, rejectIfRedisNotReady: true, keyPrefix, points, duration })
      : new RateLimiterMemory({ keyPrefix, points, duration });
  };
  const steady = make('', rule.points, rule.durationSec);
  const burst = rule.burst ? make(':burst', rule.burst.points, rule.burst.durationSec) : undefined;
  const limiter = burst ? new BurstyRateLimiter(steady, burst) : steady;

  let lastLogged = 0;
  let letThrough = 0;
  const storeFailed = (err: unknown, what: string): void => {
    letThrough++;
    const now = Date.now();
    if (now - lastLogged < STORE_FAILURE_LOG_MS) return;
    store.logger.warn({ err: err instanceof Error ? err.message : String(err), limit: name, letThrough }, `rate limit store failed (${what}): requests let through`);
    lastLogged = now;
    letThrough = 0;
  };

  return {
    name,
    async take(key) {
      try {
        await within(limiter.consume(key), timeoutMs);
        return { ok: true };
      } catch (err) {
        if (err instanceof RateLimiterRes) return { ok: false, retryAfterSec: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
        // Fail open: when Redis is down or does not answer, the request goes on (and the failure is logged).
        // A limit exists to keep the hotline up; an outage of its counter must not lock every caller and
        // interpreter out of it.
        storeFailed(err, 'take');
        return { ok: true };
      }
    },
    async refund(key) {
      try {
        await within(steady.reward(key), timeoutMs);
      } catch (err) {
        storeFailed(err, 'refund');
      }
    },
    async reset(key) {
      try {
        await within(Promise.all([steady.delete(key), burst?.delete(key)]), timeoutMs);
      } catch (err) {
        storeFailed(err, 'reset');
      }
    },
  };
}

/** Every HTTP limit, with the default rules unless others are given (tests). */
export function httpLimits(store: RateLimitStore, rules: { readonly [K in HttpLimitName]: LimitRule } = HTTP_LIMITS): HttpLimits {
  const out = {} as Record<HttpLimitName, Limit>;
  for (const name of Object.keys(rules) as HttpLimitName[]) out[name] = createLimit(store, name, rules[name]);
  return out;
}

/** The client's address (`req.ip` after `trust proxy`), an IPv4-mapped IPv6 address as plain IPv4. */
export function clientAddress(req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

/** The network an address is counted under: its IPv4 /24 or its IPv6 /64 (any other string as itself). */
export function networkOf(address: string): string {
  const family = isIP(address);
  if (family === 4) return `${address.split('.').slice(0, 3).join('.')}.0/24`;
  return family === 6 ? ipv6Prefix64(address) : address;
}

/**
 * Takes one request from each limit in turn, stopping at the first that refuses: then the request is refused
 * as RATE_LIMITED with a Retry-After header, and the limits after it are not charged.
 */
export async function takeOrRefuse(res: Response, checks: readonly (readonly [Limit, string])[], message = 'Too many requests; wait a minute and try again.'): Promise<void> {
  for (const [limit, key] of checks) {
    const verdict = await limit.take(key);
    if (!verdict.ok) {
      res.set('Retry-After', String(verdict.retryAfterSec));
      throw new AppError('RATE_LIMITED', message);
    }
  }
}
