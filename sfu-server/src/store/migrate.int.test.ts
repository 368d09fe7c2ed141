import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { freshDatabase, type FreshDatabase } from '../testing/freshDatabase.ts';
import { createLogger } from '../logger.ts';
import { createDatabase, IN_MEMORY_DATA_DIR, type Database } from './db.ts';
import { migrate } from './migrate.ts';

const logger = createLogger('silent');
const TABLES = [
  'api_keys',
  'audit_log',
  'call_records',
  'callback_day_counters',
  'callback_requests',
  'case_day_counters',
  'case_drafts',
  'case_history',
  'cases',
  'chat_messages',
  'chat_seat_choices',
  'chat_sessions',
  'kiosks',
  'notification_outbox',
  'pgmigrations',
  'refresh_tokens',
  'service_settings',
  'users',
];
/** Every migration, in order: each must apply once and only once. */
const MIGRATIONS = ['0001_accounts_calls', '0002_callback_contact', '0003_service_hours', '0004_chat', '0005_callback_requests', '0006_chat_earlier', '0007_cases', '0008_case_drafts_pending', '0009_chat_seat_choice', '0010_callback_work', '0011_kiosk_verified', '0012_sessions_valid_after'];

async function tables(db: Database): Promise<string[]> {
  const { rows } = await db.pool.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((r) => r.table_name);
}

/** The schema's rules, checked the same way on both databases. */
async function expectSchemaRules(db: Database): Promise<void> {
  const insertUser = (username: string, role = 'interpreter') =>
    db.pool.query("INSERT INTO users (id, username, display_name, role, password_hash) VALUES ($1, $2, 'x', $3, 'h')", [randomUUID(), username, role]);
  await insertUser('Mei.Lin');
  await expect(insertUser('mei.lin')).rejects.toThrow(/users_username_lower_key/);
  await expect(insertUser('someone', 'caller')).rejects.toThrow(/check constraint/);
  const { rows } = await db.pool.query<{ id: string; disabled: boolean; created_at: Date }>('SELECT id, disabled, created_at FROM users');
  expect(rows).toHaveLength(1);
  expect(rows[0]?.disabled).toBe(false);
  expect(rows[0]?.created_at).toBeInstanceOf(Date);

  const userId = rows[0]!.id;
  await db.pool.query("INSERT INTO refresh_tokens (id, user_id, token_hash, expires_at) VALUES ($1, $2, 'th', now() + interval '1 day')", [randomUUID(), userId]);
  const entry = randomUUID();
  await db.pool.query("INSERT INTO call_records (id, guest_id, channel, queued_at, interpreter_id) VALUES ($1, $2, 'kiosk', now(), $3)", [entry, randomUUID(), userId]);
  await expect(db.pool.query("INSERT INTO call_records (id, guest_id, channel, queued_at) VALUES ($1, $2, 'phone', now())", [randomUUID(), randomUUID()])).rejects.toThrow(/check constraint/);
  const record = await db.pool.query<{ offer_count: number; requeued_count: number }>('SELECT offer_count, requeued_count FROM call_records WHERE id = $1', [entry]);
  expect(record.rows[0]).toEqual({ offer_count: 0, requeued_count: 0 });

  // Deleting a user takes their refresh tokens with it; call records keep a reference, so that user stays.
  await db.pool.query('DELETE FROM call_records');
  await db.pool.query('DELETE FROM users WHERE id = $1', [userId]);
  expect((await db.pool.query('SELECT count(*)::int AS n FROM refresh_tokens')).rows[0]).toEqual({ n: 0 });
}

describe('migrations on a real Postgres server', () => {
  let fresh: FreshDatabase;

  beforeAll(async () => {
    fresh = await freshDatabase({ migrate: false });
  });
  afterAll(async () => {
    await fresh?.drop();
  });

  it('create the tables, then find nothing to do on a second run', async () => {
    expect(await tables(fresh.db)).toEqual([]);
    expect(await migrate(fresh.db.pool, logger)).toEqual(MIGRATIONS);
    expect(await tables(fresh.db)).toEqual(TABLES);
    expect(await migrate(fresh.db.pool, logger)).toEqual([]);
    const { rows } = await fresh.db.pool.query('SELECT name FROM pgmigrations');
    expect(rows).toEqual(MIGRATIONS.map((name) => ({ name })));
    await expectSchemaRules(fresh.db);
  });

  it('apply once when several servers start at the same moment', async () => {
    const other = await freshDatabase({ migrate: false });
    // Separate pools are separate sessions, as separate server processes would be.
    const servers = await Promise.all(Array.from({ length: 4 }, () => createDatabase({ databaseUrl: other.url, logger })));
    try {
      const results = await Promise.all(servers.map((s) => migrate(s.pool, logger)));
      expect(results.flat()).toEqual(MIGRATIONS);
      expect(await tables(other.db)).toEqual(TABLES);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
      await other.drop();
    }
  });

  it('accept a connected client as well as a pool', async () => {
    const client = await fresh.db.pool.connect();
    try {
      expect(await migrate(client, logger)).toEqual([]);
    } finally {
      client.release();
    }
  });
});

describe('migrations on embedded PGlite', () => {
  let db: Database;

  beforeAll(async () => {
    db = await createDatabase({ embeddedDataDir: IN_MEMORY_DATA_DIR, logger });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('create the same tables, then find nothing to do on a second run', async () => {
    expect(db.kind).toBe('embedded');
    expect(await migrate(db.pool, logger)).toEqual(MIGRATIONS);
    expect(await tables(db)).toEqual(TABLES);
    expect(await migrate(db.pool, logger)).toEqual([]);
    await expectSchemaRules(db);
  });

  it('queue concurrent runs on the single connection instead of failing', async () => {
    const results = await Promise.all([migrate(db.pool, logger), migrate(db.pool, logger)]);
    expect(results).toEqual([[], []]);
  });
});
