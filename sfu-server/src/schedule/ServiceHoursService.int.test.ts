import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../testing/freshDatabase.ts';
import { DEFAULT_SERVICE_HOURS, type ServiceHours, type UserId } from '@sign-relay/shared';
import { createLogger } from '../logger.ts';
import { createDatabase, type Database } from '../store/db.ts';
import { ServiceHoursRepository } from '../store/repositories/serviceHoursRepository.ts';
import { HOURS_CONFLICT_MESSAGE, ServiceHoursService } from './ServiceHoursService.ts';
import { asUserId } from '@sign-relay/shared/testing/ids.ts';

const logger = createLogger('silent');
const tpe = (local: string) => Date.parse(`${local}+08:00`);

function typhoonHours(): ServiceHours {
  const h = JSON.parse(JSON.stringify(DEFAULT_SERVICE_HOURS)) as ServiceHours;
  h.exceptions = [{ id: 'typhoon', date: '2026-09-01', services: ['video'], kind: 'closed', message: { 'zh-TW': '颱風停班，視訊暫停', en: 'Typhoon: video closed' } }];
  return h;
}

describe('ServiceHoursService on a real Postgres, two processes', () => {
  let fresh: FreshDatabase;
  let otherPool: Database;
  let admin: UserId;

  beforeAll(async () => {
    fresh = await freshDatabase();
    // A second pool is a second set of sessions, as another server process would have.
    otherPool = await createDatabase({ databaseUrl: fresh.url, logger });
    admin = asUserId(randomUUID());
    await fresh.db.pool.query("INSERT INTO users (id, username, display_name, role, password_hash) VALUES ($1, 'boss', 'Admin', 'admin', 'h')", [admin]);
  });
  afterAll(async () => {
    await otherPool?.close();
    await fresh?.drop();
  });

  it('a change saved through one process applies in the other once its copy is older than cacheMs', async () => {
    let t = tpe('2026-09-01T10:00');
    const now = () => t;
    const here = new ServiceHoursService({ store: new ServiceHoursRepository(fresh.db.pool), logger, now, cacheMs: 5_000 });
    const there = new ServiceHoursService({ store: new ServiceHoursRepository(otherPool.pool), logger, now, cacheMs: 5_000 });

    expect(await there.isVideoOpen()).toBe(true);
    expect((await there.status()).video.message).toBeNull();

    const { version } = await here.snapshot({ fresh: true });
    expect(version).toBeNull();
    expect(await here.update(typhoonHours(), version, admin)).toMatchObject({ version: 1, updatedBy: admin });
    expect(await here.isVideoOpen()).toBe(false);

    t += 4_999;
    expect(await there.isVideoOpen()).toBe(true);
    t += 1;
    expect(await there.isVideoOpen()).toBe(false);
    expect((await there.status()).video).toEqual({
      open: false,
      opensAt: tpe('2026-09-02T09:00'),
      closesAt: null,
      message: { 'zh-TW': '颱風停班，視訊暫停', en: 'Typhoon: video closed' },
      weekly: typhoonHours().video,
    });

    // The other process, still on version 1, saves; this one's save over version 1 is then refused.
    expect((await there.update(DEFAULT_SERVICE_HOURS, 1, admin)).version).toBe(2);
    await expect(here.update(typhoonHours(), 1, admin)).rejects.toMatchObject({ code: 'CONFLICT', message: HOURS_CONFLICT_MESSAGE });
    expect(await here.isVideoOpen()).toBe(true);
    expect((await here.snapshot()).version).toBe(2);
  });

  it('with the real clock, picks up the change within cacheMs', async () => {
    const here = new ServiceHoursService({ store: new ServiceHoursRepository(fresh.db.pool), logger, cacheMs: 200 });
    const there = new ServiceHoursService({ store: new ServiceHoursRepository(otherPool.pool), logger, cacheMs: 200 });
    const at = tpe('2026-09-01T10:00');
    const before = await there.isVideoOpen(at);
    const { version } = await here.snapshot({ fresh: true });
    await here.update(before ? typhoonHours() : DEFAULT_SERVICE_HOURS, version, admin);
    const deadline = Date.now() + 2_000;
    while ((await there.isVideoOpen(at)) === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await there.isVideoOpen(at)).toBe(!before);
  });
});
