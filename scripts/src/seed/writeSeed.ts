/**
 * Writes a generated year ({@link SeedData}) into a migrated database: interpreters, call records, text chats,
 * cases with their history, and the per-day case counters. One transaction (a failed seed leaves nothing),
 * rows sent in batches as arrays through `unnest(...)`, so each batch is one statement with a fixed number of
 * parameters whatever its size.
 */
import type pg from 'pg';
import { formatCaseNumber } from '@sign-relay/shared';
import type { Queryable } from '../../../sfu-server/src/store/repositories/queryable.ts';
import { caseHistory } from './seedCase.ts';
import type { SeedCase, SeedData } from './seedRecords.ts';

/** A column and its Postgres type, as `unnest` needs it. */
type Column = readonly [name: string, type: string];

export interface SeedWriteResult {
  users: number;
  calls: number;
  chats: number;
  cases: number;
  history: number;
  ms: number;
}

/** How many cases the database holds (a seed refuses to add to real ones unless forced). */
export async function countCases(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases`);
  return r.rows[0]?.n ?? 0;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Inserts rows in batches: one `INSERT … SELECT * FROM unnest($1::type[], …)` per batch. Names are constants. */
async function insertAll<T>(db: Queryable, table: string, columns: readonly Column[], rows: Iterable<T>, values: (row: T) => unknown[], opts: { batchSize: number; suffix?: string }): Promise<number> {
  const sql = `INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')})
    SELECT * FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')}) ${opts.suffix ?? ''}`;
  let arrays: unknown[][] = columns.map(() => []);
  let pending = 0;
  let written = 0;
  const flush = async () => {
    if (pending === 0) return;
    const r = await db.query(sql, arrays);
    written += r.rowCount ?? 0;
    arrays = columns.map(() => []);
    pending = 0;
  };
  for (const row of rows) {
    const v = values(row);
    for (let j = 0; j < v.length; j++) arrays[j]!.push(v[j]);
    if (++pending >= opts.batchSize) await flush();
  }
  await flush();
  return written;
}

const CALL_COLUMNS: readonly Column[] = [
  ['id', 'uuid'], ['call_id', 'uuid'], ['guest_id', 'uuid'], ['channel', 'text'], ['kiosk_id', 'text'], ['topic', 'text'],
  ['queued_at', 'timestamptz'], ['offered_at', 'timestamptz'], ['answered_at', 'timestamptz'], ['ended_at', 'timestamptz'], ['abandoned_at', 'timestamptz'],
  ['interpreter_id', 'uuid'], ['end_reason', 'text'], ['offer_count', 'int'], ['wrap_up_outcome', 'text'], ['wrap_up_at', 'timestamptz'],
];

const CHAT_COLUMNS: readonly Column[] = [
  ['id', 'uuid'], ['kind', 'text'], ['guest_id', 'uuid'], ['channel', 'text'], ['kiosk_id', 'text'], ['topic', 'text'], ['interpreter_id', 'uuid'],
  ['callback_name', 'text'], ['callback_phone', 'text'], ['created_at', 'timestamptz'], ['answered_at', 'timestamptz'], ['ended_at', 'timestamptz'],
  ['end_reason', 'text'], ['wrap_up_outcome', 'text'], ['wrap_up_at', 'timestamptz'],
];

const CASE_COLUMNS: readonly Column[] = [
  ['id', 'uuid'], ['number', 'text'], ['day', 'date'], ['seq', 'int'], ['service', 'text'], ['dispatch_item', 'text'], ['district', 'text'],
  ['address', 'text'], ['lat', 'float8'], ['lng', 'float8'], ['description', 'text'], ['summary', 'text'], ['agency', 'text'], ['transfer_outcome', 'text'],
  ['caller_name', 'text'], ['caller_phone', 'text'], ['caller_email', 'text'], ['status', 'text'], ['source', 'text'], ['channel', 'text'],
  ['kiosk_id', 'text'], ['guest_id', 'uuid'], ['call_id', 'uuid'], ['call_record_id', 'uuid'], ['chat_session_id', 'uuid'], ['interpreter_id', 'uuid'],
  ['device_id', 'text'], ['client_key', 'text'], ['readback_answer', 'text'], ['readback_at', 'timestamptz'],
  ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['closed_at', 'timestamptz'], ['closing_note', 'text'],
];

const HISTORY_COLUMNS: readonly Column[] = [
  ['case_id', 'uuid'], ['at', 'timestamptz'], ['actor_kind', 'text'], ['actor_id', 'text'], ['actor_name', 'text'], ['action', 'text'], ['from_status', 'text'], ['to_status', 'text'],
];

function* historyOf(cases: readonly SeedCase[]) {
  for (const c of cases) yield* caseHistory(c);
}

/**
 * Writes the data. When the database already has cases on some of the window's days (a forced seed), the
 * seeded cases of a day take the numbers after the ones it has, as a case filed then would have.
 * Interpreters that already exist (same id or username) are kept as they are.
 */
export async function writeSeed(pool: pg.Pool, data: SeedData, opts: { batchSize?: number } = {}): Promise<SeedWriteResult> {
  const started = performance.now();
  const batch = { batchSize: opts.batchSize ?? 5_000 };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const days = data.counters.map((c) => c.day);
    const existing = await client.query<{ day: string; last: number }>(`SELECT day::text AS day, last FROM case_day_counters WHERE day = ANY($1::date[]) FOR UPDATE`, [days]);
    const offset = new Map(existing.rows.map((r) => [r.day, r.last]));

    const users = await insertAll(
      client,
      'users',
      [['id', 'uuid'], ['username', 'text'], ['display_name', 'text'], ['role', 'text'], ['gender', 'text'], ['password_hash', 'text']],
      data.users,
      // No password: a seeded interpreter cannot sign in until an admin sets one.
      (u) => [u.id, u.username, u.displayName, 'interpreter', u.gender, '!seeded-without-password'],
      { ...batch, suffix: 'ON CONFLICT DO NOTHING' },
    );
    const calls = await insertAll(client, 'call_records', CALL_COLUMNS, data.calls, (c) => [
      c.id, c.callId, c.guestId, c.channel, c.kioskId, c.topic, iso(c.queuedAt), iso(c.offeredAt), iso(c.answeredAt), iso(c.endedAt), iso(c.abandonedAt),
      c.interpreterId, c.endReason, c.offerCount, c.wrapUpOutcome, iso(c.wrapUpAt),
    ], batch);
    const chats = await insertAll(client, 'chat_sessions', CHAT_COLUMNS, data.chats, (c) => [
      c.id, 'text', c.guestId, c.channel, c.kioskId, c.topic, c.interpreterId, c.callbackName, c.callbackPhone, iso(c.createdAt), iso(c.answeredAt), iso(c.endedAt),
      c.endReason, c.wrapUpOutcome, iso(c.wrapUpAt),
    ], batch);
    const cases = await insertAll(client, 'cases', CASE_COLUMNS, data.cases, (c) => {
      const seq = c.seq + (offset.get(c.day) ?? 0);
      return [
        c.id, formatCaseNumber(c.day, seq), c.day, seq, c.service, c.dispatchItem, c.district, c.address, c.lat, c.lng, c.description, c.summary, c.agency, c.transferOutcome,
        c.callerName, c.callerPhone, c.callerEmail, c.status, c.source, c.channel, c.kioskId, c.guestId, c.callId, c.callRecordId, c.chatSessionId, c.interpreterId,
        c.deviceId, c.clientKey, c.readbackAt === null ? null : 'correct', iso(c.readbackAt), iso(c.createdAt), iso(c.updatedAt), iso(c.closedAt), c.closingNote,
      ];
    }, batch);
    const history = await insertAll(client, 'case_history', HISTORY_COLUMNS, historyOf(data.cases), (h) => [
      h.caseId, iso(h.at), h.actorKind, h.actorId, h.actorName, h.action, h.fromStatus, h.toStatus,
    ], batch);
    await client.query(
      `INSERT INTO case_day_counters (day, last) SELECT * FROM unnest($1::date[], $2::int[])
       ON CONFLICT (day) DO UPDATE SET last = case_day_counters.last + EXCLUDED.last`,
      [days, data.counters.map((c) => c.last)],
    );
    await client.query('COMMIT');
    return { users, calls, chats, cases, history, ms: performance.now() - started };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
