import type { Logger } from '../logger.ts';
import type { RedisClient } from '../store/redis.ts';

/** One limit a connection counts against: who or where (`guest:<id>`, `address:<addr>`) and how many it may hold. */
export interface SlotClaim {
  scope: string;
  cap: number;
}

/**
 * Counts open connections against limits. `claim` counts a connection against every limit or against none,
 * naming the first limit that is full; `release` uncounts it (and may be called more than once).
 */
export interface ConnectionSlots {
  claim(connectionId: string, claims: readonly SlotClaim[]): Promise<SlotClaim | null>;
  release(connectionId: string, scopes: readonly string[]): Promise<void>;
  /** Stops background work (lease renewal); the counts it holds lapse on their own. */
  close(): void;
}

/** The connections of this process. */
export class MemoryConnectionSlots implements ConnectionSlots {
  private readonly held = new Map<string, Set<string>>();

  /** Synchronous underneath: a claim and the check before it cannot interleave with another. */
  claimNow(connectionId: string, claims: readonly SlotClaim[]): SlotClaim | null {
    const full = claims.find((c) => {
      const ids = this.held.get(c.scope);
      return ids !== undefined && !ids.has(connectionId) && ids.size >= c.cap;
    });
    if (full) return full;
    for (const c of claims) {
      let ids = this.held.get(c.scope);
      if (!ids) this.held.set(c.scope, (ids = new Set()));
      ids.add(connectionId);
    }
    return null;
  }

  releaseNow(connectionId: string, scopes: readonly string[]): void {
    for (const scope of scopes) {
      const ids = this.held.get(scope);
      if (!ids) continue;
      ids.delete(connectionId);
      if (ids.size === 0) this.held.delete(scope);
    }
  }

  async claim(connectionId: string, claims: readonly SlotClaim[]): Promise<SlotClaim | null> {
    return this.claimNow(connectionId, claims);
  }

  async release(connectionId: string, scopes: readonly string[]): Promise<void> {
    this.releaseNow(connectionId, scopes);
  }

  close(): void {}
}

/**
 * Checks every limit and counts the connection in all of them, or in none: one sorted set per scope, members
 * the connection ids, scored by when their lease ends. Expired leases (a process that died) are dropped first.
 * KEYS: the scopes' sets. ARGV: now, lease end, connection id, key TTL (ms), then each scope's cap. Returns the
 * 1-based index of the first full scope, or 0.
 */
const CLAIM_SCRIPT = `
local now, lease_end, member, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  if not redis.call('ZSCORE', key, member) and redis.call('ZCARD', key) >= tonumber(ARGV[4 + i]) then return i end
end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, lease_end, member)
  redis.call('PEXPIRE', key, ttl)
end
return 0`;

export interface RedisConnectionSlotsOptions {
  client: RedisClient;
  /** The deployment's key prefix (config REDIS_PREFIX); every process sharing the limits uses the same. */
  prefix: string;
  logger: Logger;
  /** How long a connection stays counted unless its process renews it (renewed every third of it). */
  leaseMs?: number;
}

/**
 * The connections of every server process sharing one Redis. Each process renews the leases of the connections
 * it holds, so the connections of a process that died stop counting within one lease.
 */
export class RedisConnectionSlots implements ConnectionSlots {
  private readonly held = new Map<string, readonly string[]>();
  private readonly leaseMs: number;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly opts: RedisConnectionSlotsOptions) {
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.timer = setInterval(() => void this.renew(), this.leaseMs / 3);
    this.timer.unref();
  }

  /** The Redis key of one scope's connections (a sorted set of connection ids, scored by lease end). */
  private key(scope: string): string {
    return `${this.opts.prefix}:signaling:connections:${scope}`;
  }

  async claim(connectionId: string, claims: readonly SlotClaim[]): Promise<SlotClaim | null> {
    if (claims.length === 0) return null;
    const now = Date.now();
    let reply: unknown;
    try {
      reply = await this.opts.client.eval(CLAIM_SCRIPT, {
        keys: claims.map((c) => this.key(c.scope)),
        arguments: [String(now), String(now + this.leaseMs), connectionId, String(this.leaseMs * 2), ...claims.map((c) => String(c.cap))],
      });
    } catch (err) {
      // Redis unreachable: the connection is let in uncounted rather than every caller being locked out (a
      // refused connection is not retried by the app) while the line is down anyway.
      this.opts.logger.warn({ err }, 'connection limits not checked: Redis unreachable');
      return null;
    }
    const full = Number(reply);
    if (full > 0) return claims[full - 1] ?? null;
    this.held.set(connectionId, claims.map((c) => c.scope));
    return null;
  }

  async release(connectionId: string, scopes: readonly string[]): Promise<void> {
    if (!this.held.delete(connectionId) || scopes.length === 0) return;
    const multi = this.opts.client.multi();
    for (const scope of scopes) multi.zRem(this.key(scope), connectionId);
    await multi.exec();
  }

  close(): void {
    clearInterval(this.timer);
  }

  private async renew(): Promise<void> {
    if (this.held.size === 0) return;
    const until = Date.now() + this.leaseMs;
    const multi = this.opts.client.multi();
    for (const [id, scopes] of this.held) {
      for (const scope of scopes) {
        multi.zAdd(this.key(scope), { score: until, value: id });
        multi.pExpire(this.key(scope), this.leaseMs * 2);
      }
    }
    try {
      await multi.exec();
    } catch (err) {
      this.opts.logger.warn({ err }, 'connection leases not renewed');
    }
  }
}
