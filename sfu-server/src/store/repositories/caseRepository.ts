import type { CaseDraft, CaseFilter, CaseHistoryEntry, CaseStatus, ChatSessionId, EntryId, GuestId, ReadBack, ReadBackAnswer, UserId } from '@sign-relay/shared';
import type { CaseRow, DraftRow, KioskRow, NewCaseRow, RefKind, RefRow } from './caseRows.ts';
import type { Queryable } from './queryable.ts';

const CASE = `c.id, c.number, c.service, c.dispatch_item AS "dispatchItem", c.district, c.address, c.lat, c.lng, c.description, c.summary,
  c.agency, c.transfer_outcome AS "transferOutcome", c.caller_name AS "callerName", c.caller_phone AS "callerPhone", c.caller_email AS "callerEmail",
  c.status, c.status_note AS "statusNote", c.source, c.channel, c.kiosk_id AS "kioskId", c.guest_id AS "guestId", c.call_id AS "callId",
  c.call_record_id AS "callRecordId", c.chat_session_id AS "chatSessionId", c.interpreter_id AS "interpreterId", u.display_name AS "interpreterName",
  c.api_key_id AS "apiKeyId", c.readback_answer AS "readBackAnswer", c.readback_at AS "readBackAt", c.readback_skip_reason AS "readBackSkipReason",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.closed_at AS "closedAt", c.closed_by AS "closedBy", cu.display_name AS "closedByName",
  c.closing_note AS "closingNote"`;
const FROM = `FROM cases c LEFT JOIN users u ON u.id = c.interpreter_id LEFT JOIN users cu ON cu.id = c.closed_by`;

const DRAFT = `data, version, readback_id AS "readBackId", readback_digest AS "readBackDigest", readback_body AS "readBackBody",
  readback_sent_at AS "readBackSentAt", readback_answer AS "readBackAnswer", readback_answered_at AS "readBackAnsweredAt"`;

/** Taipei midnight of a `YYYY-MM-DD` day, as an instant. */
const dayStart = (day: string): Date => new Date(`${day}T00:00:00+08:00`);
const nextDayStart = (day: string): Date => new Date(dayStart(day).getTime() + 86_400_000);

/** WHERE clauses for the list filters; every value is a parameter. */
function filterSql(f: CaseFilter, params: unknown[]): string {
  const where: string[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.from) add('c.created_at >= ?', dayStart(f.from));
  if (f.to) add('c.created_at < ?', nextDayStart(f.to));
  if (f.service) add('c.service = ?', f.service);
  if (f.item) add('c.dispatch_item = ?', f.item);
  if (f.district) add('c.district = ?', f.district);
  if (f.status) add('c.status = ?', f.status);
  if (f.interpreter) add('c.interpreter_id = ?', f.interpreter);
  if (f.channel) add('c.channel = ?', f.channel);
  if (f.kiosk) add('c.kiosk_id = ?', f.kiosk);
  if (f.number) add('c.number LIKE ?', `%${f.number}`);
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

/** Cases, their history, drafts and read-backs. SQL only here; callers pass a transaction's client where it matters. */
export class CaseRepository {
  constructor(private readonly db: Queryable) {}

  /** The video call's record (the latest queue entry of the call) and its chat. */
  async callRef(callId: string): Promise<RefRow | undefined> {
    const r = await this.db.query<RefRow>(
      `SELECT cr.guest_id AS "guestId", cr.channel, cr.kiosk_id AS "kioskId", cr.kiosk_verified AS "kioskVerified", cr.topic, cr.interpreter_id AS "interpreterId", cr.call_id AS "callId",
         cr.id AS "callRecordId", cs.id AS "chatSessionId", cr.callback_name AS "callbackName", cr.callback_phone AS "callbackPhone", cr.callback_email AS "callbackEmail"
       FROM call_records cr LEFT JOIN chat_sessions cs ON cs.call_id = cr.call_id
       WHERE cr.call_id = $1 ORDER BY cr.queued_at DESC LIMIT 1`,
      [callId],
    );
    return r.rows[0];
  }

  /** A 24-hour text chat. */
  async chatRef(sessionId: string): Promise<RefRow | undefined> {
    const r = await this.db.query<RefRow>(
      `SELECT guest_id AS "guestId", channel, kiosk_id AS "kioskId", kiosk_verified AS "kioskVerified", topic, interpreter_id AS "interpreterId", NULL AS "callId",
         NULL AS "callRecordId", id AS "chatSessionId", callback_name AS "callbackName", callback_phone AS "callbackPhone", callback_email AS "callbackEmail"
       FROM chat_sessions WHERE id = $1 AND kind = 'text'`,
      [sessionId],
    );
    return r.rows[0];
  }

  /** A call-back request (its form is the claimer's). */
  async callbackRef(callbackId: string): Promise<RefRow | undefined> {
    const r = await this.db.query<RefRow>(
      `SELECT guest_id AS "guestId", channel, kiosk_id AS "kioskId", false AS "kioskVerified", topic, claimed_by AS "interpreterId", NULL AS "callId", NULL AS "callRecordId",
         NULL AS "chatSessionId", name AS "callbackName", phone AS "callbackPhone", email AS "callbackEmail", note AS "callbackNote", done_at IS NOT NULL AS closed
       FROM callback_requests WHERE id = $1`,
      [callbackId],
    );
    return r.rows[0];
  }

  async kiosk(id: string): Promise<KioskRow | undefined> {
    const r = await this.db.query<KioskRow>(`SELECT id, name_zh AS "nameZh", name_en AS "nameEn", district, address, lat, lng FROM kiosks WHERE id = $1`, [id]);
    return r.rows[0];
  }

  async draft(kind: RefKind, refId: string): Promise<DraftRow | undefined> {
    const r = await this.db.query<DraftRow>(`SELECT ${DRAFT} FROM case_drafts WHERE ref_kind = $1 AND ref_id = $2`, [kind, refId]);
    return r.rows[0];
  }

  /** Creates the draft with its first content unless it exists; returns the draft as stored. */
  async ensureDraft(kind: RefKind, refId: string, initial: CaseDraft): Promise<DraftRow> {
    await this.db.query(`INSERT INTO case_drafts (ref_kind, ref_id, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [kind, refId, JSON.stringify(initial)]);
    return (await this.draft(kind, refId))!;
  }

  /** Saves a draft made on `baseVersion`; undefined when it has moved on since (someone else saved). */
  async saveDraft(kind: RefKind, refId: string, data: CaseDraft, baseVersion: number, userId: UserId): Promise<DraftRow | undefined> {
    const r = await this.db.query<DraftRow>(
      `UPDATE case_drafts SET data = $3, version = version + 1, updated_by = $5, updated_at = now()
       WHERE ref_kind = $1 AND ref_id = $2 AND version = $4 RETURNING ${DRAFT}`,
      [kind, refId, JSON.stringify(data), baseVersion, userId],
    );
    return r.rows[0];
  }

  async setReadBack(kind: RefKind, refId: string, r: { id: string; digest: string; body: ReadBack; at: Date }): Promise<void> {
    await this.db.query(
      `UPDATE case_drafts SET readback_id = $3, readback_digest = $4, readback_body = $5, readback_sent_at = $6, readback_answer = NULL, readback_answered_at = NULL
       WHERE ref_kind = $1 AND ref_id = $2`,
      [kind, refId, r.id, r.digest, JSON.stringify(r.body), r.at],
    );
  }

  /** Records the caller's answer to a read-back; the draft it belongs to, or undefined for an unknown one. */
  async answerReadBack(readBackId: string, answer: ReadBackAnswer, at: Date): Promise<{ kind: RefKind; refId: string; draft: DraftRow } | undefined> {
    const r = await this.db.query<DraftRow & { kind: RefKind; refId: string }>(
      `UPDATE case_drafts SET readback_answer = $2, readback_answered_at = $3 WHERE readback_id = $1
       RETURNING ref_kind AS kind, ref_id AS "refId", ${DRAFT}`,
      [readBackId, answer, at],
    );
    const row = r.rows[0];
    if (!row) return undefined;
    const { kind, refId, ...draft } = row;
    return { kind, refId, draft };
  }

  async readBackOwner(readBackId: string): Promise<{ kind: RefKind; refId: string } | undefined> {
    const r = await this.db.query<{ kind: RefKind; refId: string }>(`SELECT ref_kind AS kind, ref_id AS "refId" FROM case_drafts WHERE readback_id = $1`, [readBackId]);
    return r.rows[0];
  }

  /** After filing: the form starts empty again (for another case in the same call), its read-back gone. */
  async resetDraft(kind: RefKind, refId: string, next: CaseDraft, userId: UserId | null): Promise<void> {
    await this.db.query(
      `UPDATE case_drafts SET data = $3, version = version + 1, filed_version = version + 1, updated_by = $4, updated_at = now(), readback_id = NULL, readback_digest = NULL,
         readback_body = NULL, readback_sent_at = NULL, readback_answer = NULL, readback_answered_at = NULL
       WHERE ref_kind = $1 AND ref_id = $2`,
      [kind, refId, JSON.stringify(next), userId],
    );
  }

  /** Takes the next number of a Taipei day; the row lock serialises concurrent filings of that day. */
  async nextSeq(day: string): Promise<number> {
    const r = await this.db.query<{ last: number }>(
      `INSERT INTO case_day_counters (day, last) VALUES ($1, 1) ON CONFLICT (day) DO UPDATE SET last = case_day_counters.last + 1 RETURNING last`,
      [day],
    );
    return r.rows[0]!.last;
  }

  async insert(c: NewCaseRow, number: string, seq: number): Promise<void> {
    const d = c.content;
    await this.db.query(
      `INSERT INTO cases (id, number, day, seq, service, dispatch_item, district, address, lat, lng, description, summary, agency, transfer_outcome,
         caller_name, caller_phone, caller_email, source, channel, kiosk_id, guest_id, call_id, call_record_id, chat_session_id, interpreter_id,
         api_key_id, device_id, media_url, client_key, readback_answer, readback_at, readback_skip_reason, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $33)`,
      [
        c.id, number, c.day, seq, c.service, d.dispatchItem ?? null, d.district ?? null, d.address ?? null, d.lat ?? null, d.lng ?? null,
        d.description ?? null, d.summary ?? null, d.agency ?? null, d.transferOutcome ?? null, d.callerName ?? null, d.callerPhone ?? null,
        d.callerEmail ?? null, c.source, c.channel, c.kioskId, c.guestId, c.callId, c.callRecordId, c.chatSessionId, c.interpreterId, c.apiKeyId,
        c.deviceId, c.mediaUrl, c.clientKey, c.readBackAnswer, c.readBackAt, c.readBackSkipReason, c.at,
      ],
    );
  }

  async byId(id: string, opts: { lock?: boolean } = {}): Promise<CaseRow | undefined> {
    // FOR UPDATE OF c: only the case row is locked (the joined users rows are read as they are).
    const r = await this.db.query<CaseRow>(`SELECT ${CASE} ${FROM} WHERE c.id = $1${opts.lock ? ' FOR UPDATE OF c' : ''}`, [id]);
    return r.rows[0];
  }

  async byClientKey(clientKey: string): Promise<CaseRow | undefined> {
    const r = await this.db.query<CaseRow>(`SELECT ${CASE} ${FROM} WHERE c.client_key = $1`, [clientKey]);
    return r.rows[0];
  }

  async byNumber(number: string): Promise<CaseRow | undefined> {
    const r = await this.db.query<CaseRow>(`SELECT ${CASE} ${FROM} WHERE c.number = $1`, [number]);
    return r.rows[0];
  }

  /** Cases filed from one call, chat or call-back request, oldest first. */
  async forRef(kind: RefKind, refId: string): Promise<CaseRow[]> {
    if (kind === 'callback') {
      const r = await this.db.query<CaseRow>(`SELECT ${CASE} ${FROM} WHERE c.id IN (SELECT case_id FROM callback_requests WHERE id = $1) AND c.source = 'callback'`, [refId]);
      return r.rows;
    }
    const col = kind === 'call' ? 'c.call_id' : 'c.chat_session_id';
    const r = await this.db.query<CaseRow>(`SELECT ${CASE} ${FROM} WHERE ${col} = $1 AND c.source = $2 ORDER BY c.created_at`, [refId, kind]);
    return r.rows;
  }

  /** Earlier cases of this caller (their browser or kiosk visit) or of this kiosk, newest first. */
  async earlier(guestId: GuestId, kioskId: string | null, limit = 10): Promise<CaseRow[]> {
    const r = await this.db.query<CaseRow>(
      `SELECT ${CASE} ${FROM} WHERE c.guest_id = $1 OR ($2::text IS NOT NULL AND c.kiosk_id = $2) ORDER BY c.created_at DESC LIMIT $3`,
      [guestId, kioskId, limit],
    );
    return r.rows;
  }

  /** A caller's own cases since a time (their receipts). */
  async forGuestSince(guestId: GuestId, since: Date): Promise<CaseRow[]> {
    const r = await this.db.query<CaseRow>(`SELECT ${CASE} ${FROM} WHERE c.guest_id = $1 AND c.created_at >= $2 ORDER BY c.created_at`, [guestId, since]);
    return r.rows;
  }

  async search(f: CaseFilter, page: number, pageSize: number): Promise<{ rows: CaseRow[]; total: number }> {
    const params: unknown[] = [];
    const where = filterSql(f, params);
    const total = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM cases c ${where}`, params);
    const r = await this.db.query<CaseRow>(
      `SELECT ${CASE} ${FROM} ${where} ORDER BY c.created_at DESC, c.number DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { rows: r.rows, total: Number(total.rows[0]!.n) };
  }

  /** Every case matching the filters, oldest first, for the CSV export (bounded). */
  async exportRows(f: CaseFilter, max: number): Promise<CaseRow[]> {
    const params: unknown[] = [];
    const where = filterSql(f, params);
    const r = await this.db.query<CaseRow>(`SELECT ${CASE} ${FROM} ${where} ORDER BY c.created_at LIMIT $${params.length + 1}`, [...params, max]);
    return r.rows;
  }

  async setStatus(id: string, s: { status: CaseStatus; at: Date; closedBy: string | null; closingNote: string | null; statusNote: string | null }): Promise<void> {
    await this.db.query(
      `UPDATE cases SET status = $2::text, updated_at = $3::timestamptz,
         closed_at = CASE WHEN $2::text = 'closed' THEN $3::timestamptz ELSE NULL END,
         closed_by = CASE WHEN $2::text = 'closed' THEN $4::uuid ELSE NULL END,
         closing_note = CASE WHEN $2::text = 'closed' THEN $5::text ELSE closing_note END,
         status_note = COALESCE($6::text, status_note)
       WHERE id = $1`,
      [id, s.status, s.at, s.closedBy, s.closingNote, s.statusNote],
    );
  }

  async addHistory(h: { caseId: string; at: Date; actorKind: 'staff' | 'api' | 'system'; actorId: string | null; actorName: string; action: CaseHistoryEntry['action']; from: CaseStatus | null; to: CaseStatus | null; note: string | null }): Promise<void> {
    await this.db.query(
      `INSERT INTO case_history (case_id, at, actor_kind, actor_id, actor_name, action, from_status, to_status, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [h.caseId, h.at, h.actorKind, h.actorId, h.actorName, h.action, h.from, h.to, h.note],
    );
  }

  async history(caseId: string): Promise<CaseHistoryEntry[]> {
    const r = await this.db.query<{ at: Date; actor: string; action: CaseHistoryEntry['action']; from: CaseStatus | null; to: CaseStatus | null; note: string | null }>(
      `SELECT at, actor_name AS actor, action, from_status AS "from", to_status AS "to", note FROM case_history WHERE case_id = $1 ORDER BY id`,
      [caseId],
    );
    return r.rows.map((h) => ({ ...h, at: h.at.getTime() }));
  }

  /** The read-back a caller has not answered yet (newest), from their calls or chats. */
  async pendingReadBackFor(guestId: GuestId, since: Date): Promise<ReadBack | undefined> {
    const r = await this.db.query<{ body: ReadBack }>(
      `SELECT d.readback_body AS body FROM case_drafts d
       WHERE d.readback_id IS NOT NULL AND d.readback_answer IS NULL AND d.readback_sent_at >= $2
         AND ((d.ref_kind = 'call' AND d.ref_id IN (SELECT call_id FROM call_records WHERE guest_id = $1 AND call_id IS NOT NULL))
           OR (d.ref_kind = 'chat' AND d.ref_id IN (SELECT id FROM chat_sessions WHERE guest_id = $1)))
       ORDER BY d.readback_sent_at DESC LIMIT 1`,
      [guestId, since],
    );
    return r.rows[0]?.body;
  }

  /**
   * This interpreter's drafts typed into since a time and not filed, of calls and chats that have ended and were
   * theirs at the end; newest first. (A call or chat still going has its form on the desk already.)
   */
  async pendingDrafts(userId: UserId, since: Date, limit = 20): Promise<{ kind: 'call' | 'chat'; refId: string; data: CaseDraft; updatedAt: Date }[]> {
    const r = await this.db.query<{ kind: 'call' | 'chat'; refId: string; data: CaseDraft; updatedAt: Date }>(
      `SELECT d.ref_kind AS kind, d.ref_id AS "refId", d.data, d.updated_at AS "updatedAt" FROM case_drafts d
       WHERE d.updated_by = $1 AND d.version > d.filed_version AND d.updated_at >= $2
         AND ((d.ref_kind = 'call' AND EXISTS (SELECT 1 FROM call_records cr WHERE cr.call_id = d.ref_id AND cr.interpreter_id = $1 AND cr.ended_at IS NOT NULL))
           OR (d.ref_kind = 'chat' AND EXISTS (SELECT 1 FROM chat_sessions cs WHERE cs.id = d.ref_id AND cs.interpreter_id = $1 AND cs.ended_at IS NOT NULL)))
       ORDER BY d.updated_at DESC LIMIT $3`,
      [userId, since, limit],
    );
    return r.rows;
  }

  /** Whether this interpreter answered the call before handing it to a colleague. */
  async wasInterpreterOf(callId: string, userId: UserId): Promise<boolean> {
    const r = await this.db.query(`SELECT 1 FROM call_records WHERE call_id = $1 AND (interpreter_id = $2 OR transferred_from = $2) LIMIT 1`, [callId, userId]);
    return (r.rowCount ?? 0) > 0;
  }

  async wrapUpCall(callRecordId: EntryId, outcome: string, notes: string | null, at: Date): Promise<void> {
    await this.db.query(`UPDATE call_records SET wrap_up_outcome = $2, wrap_up_notes = $3, wrap_up_at = $4 WHERE id = $1`, [callRecordId, outcome, notes, at]);
  }

  async wrapUpChat(sessionId: ChatSessionId, outcome: string, notes: string | null, at: Date): Promise<void> {
    await this.db.query(`UPDATE chat_sessions SET wrap_up_outcome = $2, wrap_up_notes = $3, wrap_up_at = $4 WHERE id = $1`, [sessionId, outcome, notes, at]);
  }
}
