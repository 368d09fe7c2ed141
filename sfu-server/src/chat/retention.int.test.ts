import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpired } from './retention.ts';
import { freshDatabase, type FreshDatabase } from '../testing/freshDatabase.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T02:00:00Z');
const CHAT_DAYS = 90;
const CONTACT_DAYS = 30;
const daysAgo = (d: number) => new Date(NOW - d * DAY);

/**
 * Rows at three ages: past both periods (100 days), past the contact period only (40 days), and recent
 * (2 days). Every column that can hold a caller's words or contact is filled.
 */
describe('retention covers every table with personal data (review #16)', () => {
  let fresh: FreshDatabase;
  const q = (sql: string, params: unknown[] = []) => fresh.db.pool.query(sql, params);
  const ids = {
    sessions: {} as Record<string, string>,
    records: {} as Record<string, string>,
    callbacks: {} as Record<string, string>,
    drafts: {} as Record<string, string>,
    outbox: {} as Record<string, string>,
    tokens: {} as Record<string, string>,
  };
  let interpreterId: string;

  const session = async (name: string, createdDaysAgo: number, endedDaysAgo: number | null) => {
    const id = randomUUID();
    ids.sessions[name] = id;
    await q(
      `INSERT INTO chat_sessions (id, kind, guest_id, channel, callback_name, callback_phone, callback_email, created_at, answered_at, ended_at, end_reason, wrap_up_notes, interpreter_id)
       VALUES ($1, 'text', $2, 'web', '王小明', '0912345678', 'ming@example.tw', $3, $3, $4, $5, '住在中山區民生東路', $6)`,
      [id, randomUUID(), daysAgo(createdDaysAgo), endedDaysAgo === null ? null : daysAgo(endedDaysAgo), endedDaysAgo === null ? null : 'hangup', interpreterId],
    );
    await q(
      `INSERT INTO chat_messages (id, session_id, seq, sender_kind, sender_name, client_key, body, created_at) VALUES ($1, $2, 1, 'guest', '訪客', $3, '我的地址是民生東路', $4)`,
      [randomUUID(), id, randomUUID(), daysAgo(createdDaysAgo)],
    );
  };
  const record = async (name: string, queuedDaysAgo: number) => {
    const id = randomUUID();
    ids.records[name] = id;
    await q(
      `INSERT INTO call_records (id, call_id, guest_id, channel, queued_at, answered_at, ended_at, interpreter_id, end_reason, callback_name, callback_phone, callback_email, wrap_up_notes)
       VALUES ($1, $2, $3, 'kiosk', $4, $4, $4, $5, 'hangup', '王小明', '0912345678', 'ming@example.tw', '來電者的身分證字號')`,
      [id, randomUUID(), randomUUID(), daysAgo(queuedDaysAgo), interpreterId],
    );
  };
  let seq = 0;
  const callback = async (name: string, createdDaysAgo: number, doneDaysAgo: number | null) => {
    const id = randomUUID();
    ids.callbacks[name] = id;
    seq++;
    await q(
      `INSERT INTO callback_requests (id, guest_id, channel, name, phone, email, note, created_at, done_at, done_by, contact_method, day, seq, reference, outcome)
       VALUES ($1, $2, 'web', '王小明', '0912345678', 'ming@example.tw', '請下午打來', $3, $4, $5, 'sms', '2026-01-01', $6, $7, $8)`,
      [id, randomUUID(), daysAgo(createdDaysAgo), doneDaysAgo === null ? null : daysAgo(doneDaysAgo), doneDaysAgo === null ? null : interpreterId, seq, `CB-0101-${String(seq).padStart(3, '0')}`, doneDaysAgo === null ? null : 'reached'],
    );
  };
  const draft = async (name: string, updatedDaysAgo: number) => {
    const id = randomUUID();
    ids.drafts[name] = id;
    await q(`INSERT INTO case_drafts (ref_kind, ref_id, data, updated_at) VALUES ('call', $1, $2, $3)`, [id, JSON.stringify({ callerName: '王小明', address: '民生東路' }), daysAgo(updatedDaysAgo)]);
  };
  const outbox = async (name: string, createdDaysAgo: number, sent: boolean) => {
    const id = randomUUID();
    ids.outbox[name] = id;
    await q(`INSERT INTO notification_outbox (id, kind, channel, recipient, body, created_at, sent_at) VALUES ($1, 'case-filed', 'sms', '0912345678', $2, $3, $4)`, [
      id,
      JSON.stringify({ text: '王小明您好' }),
      daysAgo(createdDaysAgo),
      sent ? daysAgo(createdDaysAgo) : null,
    ]);
  };
  const token = async (name: string, expiresDaysFromNow: number) => {
    const id = randomUUID();
    ids.tokens[name] = id;
    await q(`INSERT INTO refresh_tokens (id, user_id, token_hash, expires_at) VALUES ($1, $2, 'hash', $3)`, [id, interpreterId, new Date(NOW + expiresDaysFromNow * DAY)]);
  };

  beforeAll(async () => {
    fresh = await freshDatabase();
    interpreterId = randomUUID();
    await q(`INSERT INTO users (id, username, display_name, role, password_hash) VALUES ($1, 'interp', 'Interp', 'interpreter', 'h')`, [interpreterId]);
    await session('oldUnended', 100, null);
    await session('oldEnded', 100, 100);
    await session('midEnded', 40, 40);
    await session('midUnended', 40, null);
    await session('recentEnded', 2, 2);
    await session('recentUnended', 2, null);
    await record('old', 100);
    await record('mid', 40);
    await record('recent', 2);
    await callback('oldDone', 100, 100);
    await callback('midDone', 40, 40);
    await callback('oldOpen', 100, null);
    await callback('recentDone', 5, 2);
    await draft('old', 100);
    await draft('recent', 2);
    await outbox('oldSent', 40, true);
    await outbox('oldUnsent', 40, false);
    await outbox('recentSent', 2, true);
    await token('expired', -1);
    await token('valid', 10);
  });
  afterAll(async () => {
    await fresh?.drop();
  });

  it('after a purge no personal data older than its cut-off remains, and recent rows are untouched (review #16)', async () => {
    const removed = await purgeExpired({ db: fresh.db.pool, chatDays: CHAT_DAYS, contactDays: CONTACT_DAYS, now: () => NOW });
    expect(removed).toEqual({
      unendedChatSessions: 1,
      chatMessages: 1,
      // oldEnded (contacts and notes), midEnded and midUnended (contacts).
      chatSessionsCleared: 3,
      // old (contacts and notes), mid (contacts).
      callRecordsCleared: 2,
      callbackRequests: 2,
      caseDrafts: 1,
      notifications: 2,
      refreshTokens: 1,
    });
    const transcriptCut = daysAgo(CHAT_DAYS);
    const contactCut = daysAgo(CONTACT_DAYS);

    // Nothing past its period, in any table.
    const left = async (sql: string, params: unknown[]) => Number((await q(sql, params)).rows[0].n);
    expect(await left(`SELECT count(*) AS n FROM chat_messages WHERE created_at < $1`, [transcriptCut])).toBe(0);
    expect(await left(`SELECT count(*) AS n FROM chat_sessions WHERE ended_at IS NULL AND created_at < $1`, [transcriptCut])).toBe(0);
    expect(await left(`SELECT count(*) AS n FROM chat_sessions WHERE created_at < $1 AND (callback_name IS NOT NULL OR callback_phone IS NOT NULL OR callback_email IS NOT NULL)`, [contactCut])).toBe(0);
    expect(await left(`SELECT count(*) AS n FROM chat_sessions WHERE ended_at < $1 AND wrap_up_notes IS NOT NULL`, [transcriptCut])).toBe(0);
    expect(await left(`SELECT count(*) AS n FROM call_records WHERE queued_at < $1 AND (callback_name IS NOT NULL OR callback_phone IS NOT NULL OR callback_email IS NOT NULL)`, [contactCut])).toBe(0);
    expect(await left(`SELECT count(*) AS n FROM call_records WHERE ended_at < $1 AND wrap_up_notes IS NOT NULL`, [transcriptCut])).toBe(0);
    expect(await left(`SELECT count(*) AS n FROM callback_requests WHERE done_at < $1`, [contactCut])).toBe(0);
    expect(await left(`SELECT count(*) AS n FROM case_drafts WHERE updated_at < $1`, [transcriptCut])).toBe(0);
    expect(await left(`SELECT count(*) AS n FROM notification_outbox WHERE created_at < $1`, [contactCut])).toBe(0);
    expect(await left(`SELECT count(*) AS n FROM refresh_tokens WHERE expires_at < $1`, [new Date(NOW)])).toBe(0);

    // What reports count stays, without its content.
    const sessions = new Map((await q(`SELECT id, callback_phone, wrap_up_notes, ended_at FROM chat_sessions`)).rows.map((r) => [r.id as string, r]));
    expect(sessions.has(ids.sessions.oldUnended!)).toBe(false);
    expect(sessions.get(ids.sessions.oldEnded!)).toMatchObject({ callback_phone: null, wrap_up_notes: null });
    expect(sessions.get(ids.sessions.midEnded!)).toMatchObject({ callback_phone: null, wrap_up_notes: '住在中山區民生東路' });
    expect(sessions.get(ids.sessions.midUnended!)).toMatchObject({ callback_phone: null, ended_at: null });
    const records = new Map((await q(`SELECT id, callback_name, callback_phone, callback_email, wrap_up_notes, end_reason FROM call_records`)).rows.map((r) => [r.id as string, r]));
    expect(records.get(ids.records.old!)).toMatchObject({ callback_name: null, callback_phone: null, callback_email: null, wrap_up_notes: null, end_reason: 'hangup' });
    expect(records.get(ids.records.mid!)).toMatchObject({ callback_name: null, callback_phone: null, callback_email: null, wrap_up_notes: '來電者的身分證字號' });
    const callbacks = new Set((await q(`SELECT id FROM callback_requests`)).rows.map((r) => r.id as string));
    expect(callbacks).toEqual(new Set([ids.callbacks.oldOpen, ids.callbacks.recentDone]));

    // Recent rows exactly as written.
    expect(sessions.get(ids.sessions.recentEnded!)).toMatchObject({ callback_phone: '0912345678', wrap_up_notes: '住在中山區民生東路' });
    expect(sessions.get(ids.sessions.recentUnended!)).toMatchObject({ callback_phone: '0912345678', ended_at: null });
    expect(await left(`SELECT count(*) AS n FROM chat_messages WHERE session_id = ANY($1)`, [[ids.sessions.recentEnded, ids.sessions.recentUnended, ids.sessions.midEnded, ids.sessions.midUnended]])).toBe(4);
    expect(records.get(ids.records.recent!)).toMatchObject({ callback_name: '王小明', callback_phone: '0912345678', callback_email: 'ming@example.tw', wrap_up_notes: '來電者的身分證字號' });
    expect((await q(`SELECT ref_id FROM case_drafts`)).rows.map((r) => r.ref_id)).toEqual([ids.drafts.recent]);
    expect((await q(`SELECT id FROM notification_outbox`)).rows.map((r) => r.id)).toEqual([ids.outbox.recentSent]);
    expect((await q(`SELECT id FROM refresh_tokens`)).rows.map((r) => r.id)).toEqual([ids.tokens.valid]);

    // A second run finds nothing left to do.
    expect(Object.values(await purgeExpired({ db: fresh.db.pool, chatDays: CHAT_DAYS, contactDays: CONTACT_DAYS, now: () => NOW })).every((n) => n === 0)).toBe(true);
  });
});
