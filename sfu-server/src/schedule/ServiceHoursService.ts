import { DEFAULT_SERVICE_HOURS, isOpen, serviceStatus, type ServiceHours, type ServiceStatus, type UserId } from '@sign-relay/shared';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { ServiceHoursRepository } from '../store/repositories/serviceHoursRepository.ts';
import { parseServiceHours } from './hoursSchema.ts';

/** Where the hours are kept: the Postgres repository, or {@link MemoryServiceHoursStore} in unit tests. */
export type ServiceHoursStore = Pick<ServiceHoursRepository, 'get' | 'put'>;

/** Said when an admin saves over a change someone else made after they loaded the hours. */
export const HOURS_CONFLICT_MESSAGE = 'Someone else changed the hours; reload and try again.';

/** The hours in force and what an editor needs to save over them. */
export interface HoursSnapshot {
  hours: ServiceHours;
  /** Null while nothing has been saved (the defaults apply); send it back with the next save. */
  version: number | null;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export interface ServiceHoursServiceOptions {
  store: ServiceHoursStore;
  logger: Logger;
  /** The clock (epoch ms). */
  now?: () => number;
  /** How long the hours read from the store are trusted before reading again; a change made through another
   *  process applies here within this long. Default 5,000. */
  cacheMs?: number;
}

const DEFAULTS: HoursSnapshot = { hours: DEFAULT_SERVICE_HOURS, version: null, updatedAt: null, updatedBy: null };

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Service hours for this process: reads them from the store (defaults when none were saved), keeps them for
 * `cacheMs` so every check is cheap, and validates and saves an admin's change. Several processes share one
 * store; each picks up the others' changes when its copy is older than `cacheMs`.
 */
export class ServiceHoursService {
  private readonly store: ServiceHoursStore;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly cacheMs: number;
  private cached: { snapshot: HoursSnapshot; fetchedAt: number } | undefined;
  private loading: Promise<HoursSnapshot> | undefined;
  /** The last status, by minute: it only changes from one minute to the next (and `at`). */
  private lastStatus: { hours: ServiceHours; minute: number; status: ServiceStatus } | undefined;

  constructor(opts: ServiceHoursServiceOptions) {
    this.store = opts.store;
    this.log = opts.logger.child({ component: 'service-hours' });
    this.now = opts.now ?? Date.now;
    this.cacheMs = opts.cacheMs ?? 5_000;
  }

  /** The hours in force (frozen), read again from the store when the cached copy is older than `cacheMs` at `now`. */
  async current(now = this.now()): Promise<ServiceHours> {
    return (await this.snapshot({ now })).hours;
  }

  /** The hours with their version; `fresh` reads the store whatever the cache's age (for an editor). */
  async snapshot(opts: { fresh?: boolean; now?: number } = {}): Promise<HoursSnapshot> {
    const now = opts.now ?? this.now();
    const c = this.cached;
    if (!opts.fresh && c && now - c.fetchedAt < this.cacheMs) return c.snapshot;
    return this.load(now);
  }

  /** What is open at `now`, when video next opens, and the public messages in force. The cache ages by the clock. */
  async status(now = this.now()): Promise<ServiceStatus> {
    const hours = await this.current();
    const minute = Math.floor(now / 60_000);
    const last = this.lastStatus;
    if (last && last.hours === hours && last.minute === minute) return { ...last.status, at: now };
    const status = serviceStatus(hours, now);
    this.lastStatus = { hours, minute, status };
    return status;
  }

  /** Whether sign-language video is open at `now` (for the queue). The cache ages by the clock. */
  async isVideoOpen(now = this.now()): Promise<boolean> {
    return isOpen(await this.current(), 'video', now).open;
  }

  /**
   * Validates and saves new hours over `expectedVersion` (null when nothing was saved yet) and applies them in
   * this process at once. Throws BAD_REQUEST with a readable message for invalid hours, and CONFLICT (409)
   * with {@link HOURS_CONFLICT_MESSAGE} when someone else saved in between.
   */
  async update(hours: unknown, expectedVersion: number | null, userId: UserId | null): Promise<HoursSnapshot> {
    const parsed = parseServiceHours(hours);
    if (!parsed.ok) throw new AppError('BAD_REQUEST', parsed.message);
    const result = await this.store.put(parsed.hours, expectedVersion, userId);
    if (result === 'conflict') {
      // The store holds something newer than this process may know: read it on the next check.
      if (this.cached) this.cached.fetchedAt = Number.NEGATIVE_INFINITY;
      this.log.info({ expectedVersion, userId }, 'service hours change refused: version conflict');
      throw new AppError('CONFLICT', HOURS_CONFLICT_MESSAGE);
    }
    const now = this.now();
    const snapshot: HoursSnapshot = { hours: deepFreeze(parsed.hours), version: result.version, updatedAt: new Date(now), updatedBy: userId };
    this.cached = { snapshot, fetchedAt: now };
    this.log.info({ version: result.version, userId, exceptions: parsed.hours.exceptions.length }, 'service hours changed');
    return snapshot;
  }

  /** One read at a time; concurrent callers share it. */
  private load(now: number): Promise<HoursSnapshot> {
    if (this.loading) return this.loading;
    const p = this.fetch(now);
    this.loading = p;
    const clear = () => {
      if (this.loading === p) this.loading = undefined;
    };
    p.then(clear, clear);
    return p;
  }

  private async fetch(now: number): Promise<HoursSnapshot> {
    let row: Awaited<ReturnType<ServiceHoursStore['get']>>;
    try {
      row = await this.store.get();
    } catch (err) {
      const c = this.cached;
      if (!c) throw err;
      // Keep serving the last hours known (and try again after cacheMs) rather than fail every check.
      this.log.warn({ err }, 'service hours could not be read; keeping the last known hours');
      c.fetchedAt = now;
      return c.snapshot;
    }
    const c = this.cached;
    const version = row?.version ?? null;
    if (c && c.snapshot.version === version) {
      // Unchanged: keep the same object (the status memo stays valid).
      c.fetchedAt = now;
      return c.snapshot;
    }
    // A save made here while this read was under way is newer than what the read returned.
    if (c && (c.snapshot.version ?? 0) > (version ?? 0)) return c.snapshot;
    const snapshot = row ? this.validated(row) : DEFAULTS;
    if (c) this.log.info({ version }, 'service hours reloaded');
    this.cached = { snapshot, fetchedAt: now };
    return snapshot;
  }

  /** Stored hours are checked again: a hand-edited row must not break every check. */
  private validated(row: { hours: unknown; version: number; updatedAt: Date; updatedBy: string | null }): HoursSnapshot {
    const parsed = parseServiceHours(row.hours);
    if (!parsed.ok) {
      this.log.error({ version: row.version, problem: parsed.message }, 'stored service hours are invalid; using the defaults until an admin saves new ones');
      return { ...DEFAULTS, version: row.version, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
    }
    return { hours: deepFreeze(parsed.hours), version: row.version, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
  }
}

/** Refuses a service that is closed now, saying when it opens again (Taipei time) and why. */
export async function assertOpen(hours: ServiceHoursService, kind: 'video' | 'text'): Promise<void> {
  const status = (await hours.status())[kind];
  if (status.open) return;
  const what = kind === 'video' ? 'Sign-language video' : 'Text chat';
  const when = status.opensAt === null ? '' : ` It opens again ${new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Taipei', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false }).format(status.opensAt)} (Taipei time).`;
  throw new AppError('UNAVAILABLE', `${what} is closed now.${when}${status.message ? ` ${status.message.en}` : ''}`.slice(0, 300));
}
