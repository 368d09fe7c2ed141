/**
 * Every Redis key the server uses is built here and nowhere else, so the whole keyspace can be read in one
 * place and several deployments (or test runs) can share one Redis under different prefixes. Keys are
 * `<prefix>:<domain>:<name>[:<id>]`; add new ones beside their domain's, with a comment saying the type.
 */
export interface RedisKeys {
  readonly prefix: string;
  // The call queue of RedisQueueStore (queue/RedisQueueStore.ts); every queue script touches only these keys.
  /** HASH entry id → queue entry as JSON (waiting, offered and in-call callers). */
  queueEntries(): string;
  /** ZSET of waiting and offered entry ids, scored by entry score: the line, for places. */
  queueLine(): string;
  /** ZSET of waiting entry ids, scored by entry score (callers sent back to the head first, then by arrival). */
  queueWaiting(): string;
  /** ZSET of waiting, connected entry ids with one preferred interpreter gender (null = none), scored by entry score. */
  queueReady(preferredGender: string | null): string;
  /** ZSET of deadlines: `i:<interpreterId>` (ring-out or wrap-up end) and `e:<entryId>` (reconnect grace end), scored by time. */
  queueDeadlines(): string;
  /** HASH entry id → interpreter id being rung for it (ordinary offer or transfer). */
  queueOffers(): string;
  /** HASH interpreter id → interpreter presence as JSON. */
  interpreterStates(): string;
  /** ZSET of available interpreter ids, scored by when they became available (longest idle first). */
  interpretersAvailable(): string;
  /** ZSET of available interpreter ids of one gender, scored like interpretersAvailable. */
  interpretersAvailableByGender(gender: string): string;
  // HTTP rate limits (http/rateLimits.ts, rate-limiter-flexible).
  /** Prefix of one limit's counters: rate-limiter-flexible adds `:<key>` (a STRING counter with the window as TTL). */
  rateLimit(limit: string): string;
}

/** The prefix used when none is configured. */
export const DEFAULT_KEY_PREFIX = 'sign-relay';

/** Builds the key set for one prefix (no spaces, no `:` at either end). */
export function keys(prefix: string = DEFAULT_KEY_PREFIX): RedisKeys {
  if (!/^[A-Za-z0-9_.-]+(?::[A-Za-z0-9_.-]+)*$/.test(prefix)) {
    throw new Error(`Invalid Redis key prefix ${JSON.stringify(prefix)}: letters, digits, _ . - and inner ':' only`);
  }
  const id = (value: string, what: string): string => {
    if (value.length === 0) throw new Error(`Empty ${what} in a Redis key`);
    return value;
  };
  return Object.freeze({
    prefix,
    queueEntries: () => `${prefix}:queue:entries`,
    queueLine: () => `${prefix}:queue:line`,
    queueWaiting: () => `${prefix}:queue:waiting`,
    queueReady: (preferredGender: string | null) => `${prefix}:queue:ready:${preferredGender === null ? 'any' : id(preferredGender, 'gender')}`,
    queueDeadlines: () => `${prefix}:queue:deadlines`,
    queueOffers: () => `${prefix}:queue:offers`,
    interpreterStates: () => `${prefix}:interpreters:state`,
    interpretersAvailable: () => `${prefix}:interpreters:available`,
    interpretersAvailableByGender: (gender: string) => `${prefix}:interpreters:available:${id(gender, 'gender')}`,
    rateLimit: (limit: string) => `${prefix}:ratelimit:${id(limit, 'limit name')}`,
  });
}
