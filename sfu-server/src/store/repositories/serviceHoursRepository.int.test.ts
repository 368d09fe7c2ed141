import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../../testing/freshDatabase.ts';
import { DEFAULT_SERVICE_HOURS, type ServiceHours, type UserId } from '@sign-relay/shared';
import { createLogger } from '../../logger.ts';
import { createDatabase, IN_MEMORY_DATA_DIR, type Database } from '../db.ts';
import { migrate } from '../migrate.ts';
import { ServiceHoursRepository } from './serviceHoursRepository.ts';
import { asUserId } from '@sign-relay/shared/testing/ids.ts';

const logger = createLogger('silent');

function typhoonHours(): ServiceHours {
  const h = JSON.parse(JSON.stringify(DEFAULT_SERVICE_HOURS)) as ServiceHours;
  h.video[0] = [];
  h.exceptions = [
    { id: 'typhoon', date: '2026-09-01', services: ['video', 'text'], kind: 'closed', message: { 'zh-TW': '颱風停班停課，服務暫停', en: 'Typhoon: closed' } },
    { id: 'special', date: '2026-07-19', services: ['video'], kind: 'open', ranges: [{ open: '10:00', close: '14:00' }], message: { 'zh-TW': '特別開放', en: 'Special opening' } },
  ];
  return h;
}

async function insertAdmin(db: Database): Promise<UserId> {
  const id = asUserId(randomUUID());
  await db.pool.query("INSERT INTO users (id, username, display_name, role, password_hash) VALUES ($1, $2, 'Admin', 'admin', 'h')", [id, `admin-${id.slice(0, 8)}`]);
  return id;
}

/** The repository's rules, checked the same way on both databases. */
async function expectRepositoryRules(db: Database): Promise<void> {
  const repo = new ServiceHoursRepository(db.pool);
  const admin = await insertAdmin(db);
  expect(await repo.get()).toBeUndefined();

  // First save: over "nothing saved" only.
  expect(await repo.put(DEFAULT_SERVICE_HOURS, null, admin)).toEqual({ version: 1 });
  expect(await repo.put(DEFAULT_SERVICE_HOURS, null, admin)).toBe('conflict');
  const first = await repo.get();
  expect(first).toMatchObject({ hours: DEFAULT_SERVICE_HOURS, version: 1, updatedBy: admin });
  expect(first?.updatedAt).toBeInstanceOf(Date);

  // Round trip of a document with exceptions, Chinese text and an empty day.
  expect(await repo.put(typhoonHours(), 1, null)).toEqual({ version: 2 });
  expect(await repo.get()).toMatchObject({ hours: typhoonHours(), version: 2, updatedBy: null });

  // Saving over an older version (someone else saved in between) is refused and changes nothing.
  expect(await repo.put(DEFAULT_SERVICE_HOURS, 1, admin)).toBe('conflict');
  expect(await repo.put(DEFAULT_SERVICE_HOURS, 3, admin)).toBe('conflict');
  expect(await repo.get()).toMatchObject({ hours: typhoonHours(), version: 2 });

  // Deleting the admin who saved keeps the hours.
  expect(await repo.put(DEFAULT_SERVICE_HOURS, 2, admin)).toEqual({ version: 3 });
  await db.pool.query('DELETE FROM users WHERE id = $1', [admin]);
  expect(await repo.get()).toMatchObject({ hours: DEFAULT_SERVICE_HOURS, version: 3, updatedBy: null });
}

describe('ServiceHoursRepository on a real Postgres server', () => {
  let fresh: FreshDatabase;

  beforeAll(async () => {
    fresh = await freshDatabase();
  });
  afterAll(async () => {
    await fresh?.drop();
  });

  it('round-trips the hours and refuses a save over a version that is not the stored one', async () => {
    await expectRepositoryRules(fresh.db);
  });

  it('lets exactly one of several concurrent saves over the same version through (separate sessions)', async () => {
    const repo = new ServiceHoursRepository(fresh.db.pool);
    const base = (await repo.get())?.version ?? null;
    const sessions = await Promise.all(Array.from({ length: 6 }, () => createDatabase({ databaseUrl: fresh.url, logger })));
    try {
      const results = await Promise.all(sessions.map((s, i) => new ServiceHoursRepository(s.pool).put({ ...typhoonHours(), timeZone: i % 2 ? 'Asia/Taipei' : 'UTC' }, base, null)));
      const won = results.filter((r) => r !== 'conflict');
      expect(won).toEqual([{ version: (base ?? 0) + 1 }]);
      expect(results.filter((r) => r === 'conflict')).toHaveLength(5);
    } finally {
      await Promise.all(sessions.map((s) => s.close()));
    }
  });

  it('lets exactly one of several concurrent first saves through', async () => {
    const other = await freshDatabase();
    const sessions = await Promise.all(Array.from({ length: 4 }, () => createDatabase({ databaseUrl: other.url, logger })));
    try {
      const results = await Promise.all(sessions.map((s) => new ServiceHoursRepository(s.pool).put(DEFAULT_SERVICE_HOURS, null, null)));
      expect(results.filter((r) => r !== 'conflict')).toEqual([{ version: 1 }]);
    } finally {
      await Promise.all(sessions.map((s) => s.close()));
      await other.drop();
    }
  });

  it('refuses an updated_by that is not a user', async () => {
    const other = await freshDatabase();
    try {
      await expect(new ServiceHoursRepository(other.db.pool).put(DEFAULT_SERVICE_HOURS, null, asUserId(randomUUID()))).rejects.toThrow(/foreign key/);
    } finally {
      await other.drop();
    }
  });
});

describe('ServiceHoursRepository on embedded PGlite', () => {
  let db: Database;

  beforeAll(async () => {
    db = await createDatabase({ embeddedDataDir: IN_MEMORY_DATA_DIR, logger });
    await migrate(db.pool, logger);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('follows the same rules', async () => {
    await expectRepositoryRules(db);
  });
});
