import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CALLER_CAMERAS, GENDERS, QUEUE_RULES, type BreakReason, type ErrorCode, type Gender, type GuestId } from '@sign-relay/shared';
import { ErrorReply } from 'redis';
import { AppError } from '../errors.ts';
import { keys as buildKeys, DEFAULT_KEY_PREFIX, type RedisKeys } from '../store/keys.ts';
import { answeredWithin, closeRedis, redisUnavailable, type RedisClient } from '../store/redis.ts';
import { NORMAL_SCORE_OFFSET, type Interpreter, type LineIds, type NewEntry, type Place, type PresenceTarget, type QueueEntry, type QueueEvent, type QueueSnapshot, type QueueStore } from './model.ts';

/** The rules of rules.ts in Lua: one script in two files, one atomic step per call (layout: state.lua's header). */
const SCRIPT = ['state.lua', 'rules.lua'].map((f) => readFileSync(new URL(`./lua/${f}`, import.meta.url), 'utf8')).join('\n');
const SCRIPT_SHA1 = createHash('sha1').update(SCRIPT).digest('hex');

type Operation = 'enqueue' | 'remove' | 'setConnection' | 'setPresence' | 'matchOne' | 'respond' | 'endCall' | 'requeueCaller' | 'offerTransfer' | 'tick';

/** Why the script refused a step, and the AppError the rules throw for it (same code, same message). */
const REFUSALS = {
  entry_not_found: ['NOT_FOUND', 'You are not in the queue.'],
  interpreter_not_found: ['NOT_FOUND', 'That interpreter is not signed in.'],
  offer_gone: ['NOT_FOUND', 'That call is no longer offered to you.'],
  call_in_progress: ['BAD_REQUEST', 'The call is in progress; hang up instead.'],
  finish_call: ['BAD_REQUEST', 'Finish the current call first.'],
  not_in_call: ['NOT_IN_CALL', 'You are not in a call.'],
  colleague_unavailable: ['UNAVAILABLE', 'That colleague is not available.'],
  transfer_ringing: ['BAD_REQUEST', 'A transfer is already ringing.'],
} as const satisfies Record<string, readonly [ErrorCode, string]>;

const REFUSED_PREFIX = 'QUEUE_REFUSED ';

/** Times are ms epochs: scores (1e13 + now) must stay below 1e14 to round-trip exactly through the script's JSON. */
const MAX_TIME = 9e13;

export interface RedisQueueStoreOptions {
  /** A connected client (store/redis.ts createRedis); it may be shared with other stores. */
  client: RedisClient;
  /** Key prefix (store/keys.ts). Every process sharing one queue uses the same prefix; tests use a fresh one. */
  prefix?: string;
  /**
   * Whether `close()` closes the client. Default false: the client usually belongs to the app, which closes
   * it once every store using it is done.
   */
  ownsClient?: boolean;
}

/**
 * The queue shared by several server processes through one Redis. Every mutating method is one EVALSHA of
 * the queue script, so it is atomic across processes: two processes can never offer the same caller twice or
 * ring one interpreter for two callers. Behaves exactly like MemoryQueueStore, except that `snapshot()` lists
 * entries and interpreters by id rather than in insertion order.
 *
 * Data (all under the prefix): entries and interpreters as JSON in two hashes, and indexes derived from them
 * by the script — the line and the waiting callers (ZSETs by score), ready callers per preferred gender
 * (waiting and connected), available interpreters overall and per gender (ZSETs by idleSince), the
 * deadlines tick applies (ZSET by time), the interpreter being rung per entry (hash) and each guest's entry (hash).
 */
export class RedisQueueStore<L extends LineIds> implements QueueStore<L> {
  private readonly client: RedisClient;
  private readonly keys: RedisKeys;
  private readonly ownsClient: boolean;
  private readonly scriptKeys: string[];
  private readonly guestsKey: string;
  private readonly constants: string[];
  private closed = false;

  constructor(opts: RedisQueueStoreOptions) {
    this.client = opts.client;
    this.keys = buildKeys(opts.prefix ?? DEFAULT_KEY_PREFIX);
    this.ownsClient = opts.ownsClient ?? false;
    const k = this.keys;
    // HASH guestId → the id of their entry (one per guest per line), beside the entries it indexes.
    this.guestsKey = `${k.queueEntries()}:by-guest`;
    this.scriptKeys = [
      k.queueEntries(),
      k.interpreterStates(),
      k.queueLine(),
      k.queueWaiting(),
      k.interpretersAvailable(),
      k.queueDeadlines(),
      k.queueOffers(),
      k.queueReady(null),
      ...GENDERS.flatMap((g) => [k.queueReady(g), k.interpretersAvailableByGender(g)]),
      this.guestsKey,
    ];
    this.constants = [
      QUEUE_RULES.offerTimeoutMs,
      QUEUE_RULES.missedOffersForBreak,
      QUEUE_RULES.genderPreferenceMaxWaitMs,
      QUEUE_RULES.wrapUpMs,
      NORMAL_SCORE_OFFSET,
    ].map(String);
    this.constants.push(JSON.stringify(GENDERS));
  }

  async enqueue(entry: NewEntry<L>, now: number): Promise<QueueEvent<L>[]> {
    if (entry.preferredGender !== null && !(GENDERS as readonly string[]).includes(entry.preferredGender)) {
      throw new AppError('BAD_REQUEST', 'Unknown interpreter gender.');
    }
    if (entry.camera != null && !(CALLER_CAMERAS as readonly string[]).includes(entry.camera)) {
      throw new AppError('BAD_REQUEST', 'Unknown camera state.');
    }
    // Every field explicit, as in the memory store: an unknown camera is stored as null, not left out.
    return this.step('enqueue', now, { entry: { ...entry, camera: entry.camera ?? null } });
  }
  async remove(entryId: L['entry'], why: 'left' | 'lost', now: number): Promise<QueueEvent<L>[]> {
    return this.step('remove', now, { entryId, why });
  }
  async setConnection(entryId: L['entry'], until: number | null, now: number): Promise<QueueEvent<L>[]> {
    if (until !== null) checkTime(until);
    return this.step('setConnection', now, { entryId, disconnectedUntil: until });
  }
  async setPresence(interpreterId: L['interpreter'], to: PresenceTarget, opts: { gender?: Gender | null; reason?: BreakReason | null }, now: number): Promise<QueueEvent<L>[]> {
    const hasGender = opts.gender !== undefined;
    return this.step('setPresence', now, { interpreterId, to, hasGender, gender: opts.gender ?? null, reason: opts.reason ?? null });
  }
  async matchOne(now: number): Promise<QueueEvent<L>[]> {
    return this.step('matchOne', now, {});
  }
  async respond(interpreterId: L['interpreter'], entryId: L['entry'], answer: 'accept' | 'decline' | 'timeout', now: number, transferWrapUpMs?: number): Promise<QueueEvent<L>[]> {
    if (transferWrapUpMs !== undefined) checkTime(transferWrapUpMs);
    return this.step('respond', now, { interpreterId, entryId, answer, ...(transferWrapUpMs !== undefined ? { wrapUpMs: transferWrapUpMs } : {}) });
  }
  async endCall(interpreterId: L['interpreter'], wrapUpMs: number, now: number): Promise<QueueEvent<L>[]> {
    checkTime(wrapUpMs);
    return this.step('endCall', now, { interpreterId, wrapUpMs });
  }
  async requeueCaller(interpreterId: L['interpreter'], now: number): Promise<QueueEvent<L>[]> {
    return this.step('requeueCaller', now, { interpreterId });
  }
  async offerTransfer(fromId: L['interpreter'], toId: L['interpreter'], now: number): Promise<QueueEvent<L>[]> {
    return this.step('offerTransfer', now, { fromId, toId });
  }
  async tick(now: number): Promise<QueueEvent<L>[]> {
    return this.step('tick', now, {});
  }

  async entryOfGuest(guestId: GuestId): Promise<QueueEntry<L> | undefined> {
    const id = await this.read(() => this.client.hGet(this.guestsKey, guestId));
    if (typeof id !== 'string') return undefined;
    const raw = await this.read(() => this.client.hGet(this.keys.queueEntries(), id));
    const entry = typeof raw === 'string' ? (JSON.parse(raw) as QueueEntry<L>) : undefined;
    return entry?.guestId === guestId ? entry : undefined;
  }

  async place(entryId: L['entry']): Promise<Place<L> | undefined> {
    const [raw, rank] = await this.read(() => this.client.multi().hGet(this.keys.queueEntries(), entryId).zRank(this.keys.queueLine(), entryId).exec());
    if (typeof raw !== 'string') return undefined;
    const entry = JSON.parse(raw) as QueueEntry<L>;
    if (entry.state !== 'in-call' && typeof rank === 'number') return { entry, position: rank + 1 };
    return undefined;
  }

  /** One MULTI (the line's ids, every entry) rather than a script: about 3× less Redis time at 10,000 callers. */
  async places(): Promise<Place<L>[]> {
    const [ids, raws] = await this.read(() => this.client.multi().zRange(this.keys.queueLine(), 0, -1).hVals(this.keys.queueEntries()).exec());
    const byId = new Map(strings(raws).map((raw) => {
      const entry = JSON.parse(raw) as QueueEntry<L>;
      return [entry.id, entry];
    }));
    return strings(ids).map((id, index) => {
      const entry = byId.get(id);
      if (!entry) throw new Error(`Queue line holds ${id}, which has no entry`);
      return { entry, position: index + 1 };
    });
  }

  async interpreter(interpreterId: L['interpreter']): Promise<Interpreter<L> | undefined> {
    const raw = await this.read(() => this.client.hGet(this.keys.interpreterStates(), interpreterId));
    return typeof raw === 'string' ? (JSON.parse(raw) as Interpreter<L>) : undefined;
  }

  async snapshot(): Promise<QueueSnapshot<L>> {
    const [entries, interpreters] = await this.read(() => this.client.multi().hVals(this.keys.queueEntries()).hVals(this.keys.interpreterStates()).exec());
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return {
      entries: strings(entries).map((s) => JSON.parse(s) as QueueEntry<L>).sort(byId),
      interpreters: strings(interpreters).map((s) => JSON.parse(s) as Interpreter<L>).sort(byId),
    };
  }

  /** Closes the client only when this store owns it (see RedisQueueStoreOptions.ownsClient); idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsClient) await closeRedis(this.client);
  }

  private async step(op: Operation, now: number, args: object): Promise<QueueEvent<L>[]> {
    return (await this.run(op, now, args)).map((raw) => JSON.parse(raw) as QueueEvent<L>);
  }

  /**
   * Runs the script by its SHA1, loading it once into a Redis that doesn't have it (new or restarted). A Redis
   * that cannot answer in time gives UNAVAILABLE; the step may still be applied when it answers again.
   */
  private async run(op: Operation, now: number, args: object): Promise<string[]> {
    checkTime(now);
    const options = { keys: this.scriptKeys, arguments: [op, String(now), ...this.constants, JSON.stringify(args)] };
    try {
      let reply;
      try {
        reply = await answeredWithin(this.client.evalSha(SCRIPT_SHA1, options));
      } catch (err) {
        if (!(err instanceof ErrorReply && err.message.startsWith('NOSCRIPT'))) throw err;
        await answeredWithin(this.client.scriptLoad(SCRIPT));
        reply = await answeredWithin(this.client.evalSha(SCRIPT_SHA1, options));
      }
      return strings(reply);
    } catch (err) {
      throw refusal(err) ?? redisUnavailable(err) ?? err;
    }
  }

  /** A read: a Redis that does not answer in time gives UNAVAILABLE, like a step. */
  private async read<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await answeredWithin(fn());
    } catch (err) {
      throw redisUnavailable(err) ?? err;
    }
  }
}

function refusal(err: unknown): AppError | undefined {
  if (!(err instanceof ErrorReply) || !err.message.startsWith(REFUSED_PREFIX)) return undefined;
  const reason = err.message.slice(REFUSED_PREFIX.length).trim();
  if (!Object.hasOwn(REFUSALS, reason)) return undefined;
  const [code, message] = REFUSALS[reason as keyof typeof REFUSALS];
  return new AppError(code, message);
}

function checkTime(ms: number): void {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > MAX_TIME) throw new RangeError(`Queue times are whole milliseconds in [0, ${MAX_TIME}]: got ${ms}`);
}

function strings(reply: unknown): string[] {
  if (!Array.isArray(reply) || !reply.every((x): x is string => typeof x === 'string')) {
    throw new Error('Unexpected reply from the queue script');
  }
  return reply;
}
