import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_HOURS, type ServiceHours } from '@sign-relay/shared';
import { AppError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { MemoryServiceHoursStore } from './MemoryServiceHoursStore.ts';
import { HOURS_CONFLICT_MESSAGE, ServiceHoursService, type ServiceHoursStore } from './ServiceHoursService.ts';
import { asUserId } from '@sign-relay/shared/testing/ids.ts';

const logger = createLogger('silent');
const tpe = (local: string) => Date.parse(`${local}+08:00`);
const ADMIN = asUserId('00000000-0000-4000-8000-000000000001');

/** A clock the test moves by hand. */
function clock(start = tpe('2026-09-01T10:00')) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

function typhoonHours(): ServiceHours {
  const h = JSON.parse(JSON.stringify(DEFAULT_SERVICE_HOURS)) as ServiceHours;
  h.exceptions = [{ id: 'typhoon', date: '2026-09-01', services: ['video'], kind: 'closed', message: { 'zh-TW': '颱風停班', en: 'Typhoon: video closed' } }];
  return h;
}

async function appError(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('ServiceHoursService', () => {
  it('serves the default hours until something is saved', async () => {
    const c = clock();
    const svc = new ServiceHoursService({ store: new MemoryServiceHoursStore(), logger, now: c.now });
    expect(await svc.current()).toEqual(DEFAULT_SERVICE_HOURS);
    expect(await svc.snapshot()).toMatchObject({ version: null, updatedBy: null });
    expect(await svc.isVideoOpen()).toBe(true);
    expect(await svc.isVideoOpen(tpe('2026-09-01T18:00'))).toBe(false);
    const status = await svc.status();
    expect(status).toMatchObject({ at: c.now(), timeZone: 'Asia/Taipei', video: { open: true, closesAt: tpe('2026-09-01T18:00'), message: null }, text: { open: true } });
  });

  it('reads the store once per cacheMs, and concurrent checks share one read', async () => {
    const c = clock();
    const store = new MemoryServiceHoursStore();
    const svc = new ServiceHoursService({ store, logger, now: c.now, cacheMs: 5_000 });
    await Promise.all([svc.current(), svc.isVideoOpen(), svc.status()]);
    expect(store.reads).toBe(1);
    c.advance(4_999);
    await svc.current();
    expect(store.reads).toBe(1);
    c.advance(1);
    await svc.current();
    expect(store.reads).toBe(2);
    await svc.snapshot({ fresh: true });
    expect(store.reads).toBe(3);
  });

  it('applies its own change at once and another process\'s change after cacheMs', async () => {
    const c = clock();
    const store = new MemoryServiceHoursStore();
    const here = new ServiceHoursService({ store, logger, now: c.now, cacheMs: 5_000 });
    const there = new ServiceHoursService({ store, logger, now: c.now, cacheMs: 5_000 });
    expect(await there.isVideoOpen()).toBe(true);

    const saved = await here.update(typhoonHours(), null, ADMIN);
    expect(saved).toMatchObject({ version: 1, updatedBy: ADMIN });
    expect(await here.isVideoOpen()).toBe(false);
    expect((await here.status()).video).toMatchObject({ open: false, opensAt: tpe('2026-09-02T09:00'), message: { en: 'Typhoon: video closed' } });

    c.advance(4_000);
    expect(await there.isVideoOpen()).toBe(true);
    c.advance(1_000);
    expect(await there.isVideoOpen()).toBe(false);
    expect((await there.snapshot()).version).toBe(1);
  });

  it('refuses invalid hours with a readable message and stores nothing', async () => {
    const store = new MemoryServiceHoursStore();
    const svc = new ServiceHoursService({ store, logger });
    const bad = typhoonHours();
    bad.video[1] = [{ open: '18:00', close: '09:00' }];
    const err = await appError(svc.update(bad, null, ADMIN));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toBe('Invalid service hours: video Monday range 1 close: close must be later than open');
    expect(await store.get()).toBeUndefined();
    expect((await appError(svc.update('nonsense', null, ADMIN))).code).toBe('BAD_REQUEST');
  });

  it('refuses a save over a newer change and then reads the newer hours', async () => {
    const c = clock();
    const store = new MemoryServiceHoursStore();
    const a = new ServiceHoursService({ store, logger, now: c.now });
    const b = new ServiceHoursService({ store, logger, now: c.now });
    await a.update(DEFAULT_SERVICE_HOURS, null, ADMIN);
    expect((await b.snapshot()).version).toBe(1);
    await a.update(typhoonHours(), 1, ADMIN);
    // b still holds version 1 (within cacheMs) and saves over it: refused.
    const err = await appError(b.update(DEFAULT_SERVICE_HOURS, 1, ADMIN));
    expect(err).toMatchObject({ code: 'CONFLICT', message: HOURS_CONFLICT_MESSAGE });
    expect((await appError(b.update(DEFAULT_SERVICE_HOURS, null, ADMIN))).message).toBe(HOURS_CONFLICT_MESSAGE);
    // The refusal makes b read again straight away, without waiting for cacheMs.
    expect((await b.snapshot()).version).toBe(2);
    expect(await b.isVideoOpen()).toBe(false);
  });

  it('hands out frozen hours', async () => {
    const svc = new ServiceHoursService({ store: new MemoryServiceHoursStore(), logger });
    await svc.update(typhoonHours(), null, ADMIN);
    const hours = await svc.current();
    expect(Object.isFrozen(hours.exceptions[0]?.message)).toBe(true);
    expect(() => hours.video[1].push({ open: '20:00', close: '21:00' })).toThrow(TypeError);
  });

  it('keeps the last known hours while the store is unreachable, and fails when it never read them', async () => {
    const c = clock();
    const memory = new MemoryServiceHoursStore();
    await memory.put(typhoonHours(), null, ADMIN);
    let down = false;
    let reads = 0;
    const store: ServiceHoursStore = {
      get: async () => {
        reads++;
        if (down) throw new Error('connection refused');
        return memory.get();
      },
      put: (h, v, u) => memory.put(h, v, u),
    };
    const svc = new ServiceHoursService({ store, logger, now: c.now, cacheMs: 1_000 });
    expect(await svc.isVideoOpen()).toBe(false);
    down = true;
    c.advance(1_000);
    expect(await svc.isVideoOpen()).toBe(false);
    expect(reads).toBe(2);
    // It waits cacheMs again before the next try.
    c.advance(500);
    await svc.current();
    expect(reads).toBe(2);

    const cold = new ServiceHoursService({ store, logger, now: c.now });
    await expect(cold.current()).rejects.toThrow('connection refused');
  });

  it('falls back to the defaults when the stored hours are invalid, keeping their version for the next save', async () => {
    const memory = new MemoryServiceHoursStore();
    const broken = { ...typhoonHours(), timeZone: 'Nowhere/Atlantis' };
    await memory.put(broken, null, ADMIN);
    const svc = new ServiceHoursService({ store: memory, logger });
    expect(await svc.snapshot()).toMatchObject({ hours: DEFAULT_SERVICE_HOURS, version: 1 });
    expect((await svc.update(typhoonHours(), 1, ADMIN)).version).toBe(2);
  });

  it('gives the same status within a minute, with its own instant', async () => {
    const svc = new ServiceHoursService({ store: new MemoryServiceHoursStore(), logger });
    const a = await svc.status(tpe('2026-09-01T17:59:00'));
    const b = await svc.status(tpe('2026-09-01T17:59:59'));
    expect(b).toEqual({ ...a, at: tpe('2026-09-01T17:59:59') });
    expect((await svc.status(tpe('2026-09-01T18:00:00'))).video.open).toBe(false);
  });
});
