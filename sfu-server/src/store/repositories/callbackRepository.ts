import type { CallbackMethod, CallbackOutcome, GuestId, ServiceTopic, UserId } from '@sign-relay/shared';
import type { Queryable } from './queryable.ts';

/** A call-back request as stored (contact in full), with the names of who claimed and closed it. */
export interface CallbackRow {
  id: string;
  guestId: GuestId;
  reference: string;
  method: CallbackMethod;
  channel: 'web' | 'kiosk';
  kioskId: string | null;
  topic: ServiceTopic | null;
  name: string;
  phone: string | null;
  email: string | null;
  note: string | null;
  createdAt: Date;
  claimedBy: UserId | null;
  claimedByName: string | null;
  claimedAt: Date | null;
  outcome: CallbackOutcome | null;
  outcomeNote: string | null;
  doneBy: UserId | null;
  doneByName: string | null;
  doneAt: Date | null;
  caseId: string | null;
  caseNumber: string | null;
}

export interface NewCallbackRow {
  id: string;
  guestId: GuestId;
  channel: 'web' | 'kiosk';
  kioskId: string | null;
  method: CallbackMethod;
  topic: string | null;
  name: string;
  phone: string | null;
  email: string | null;
  note: string | null;
  day: string;
  seq: number;
  reference: string;
  at: Date;
}

const COLUMNS = `r.id, r.guest_id AS "guestId", r.reference, r.contact_method AS method, r.channel, r.kiosk_id AS "kioskId", r.topic, r.name, r.phone,
  r.email, r.note, r.created_at AS "createdAt", r.claimed_by AS "claimedBy", cu.display_name AS "claimedByName", r.claimed_at AS "claimedAt",
  r.outcome, r.outcome_note AS "outcomeNote", r.done_by AS "doneBy", du.display_name AS "doneByName", r.done_at AS "doneAt",
  r.case_id AS "caseId", c.number AS "caseNumber"`;
const FROM = `FROM callback_requests r LEFT JOIN users cu ON cu.id = r.claimed_by LEFT JOIN users du ON du.id = r.done_by LEFT JOIN cases c ON c.id = r.case_id`;

/** Call-back requests: stored with their reference, claimed by one person, closed with an outcome. SQL only here. */
export class CallbackRepository {
  constructor(private readonly db: Queryable) {}

  /** Takes the next reference number of a Taipei day; the row lock serialises concurrent requests of that day. */
  async nextSeq(day: string): Promise<number> {
    const r = await this.db.query<{ last: number }>(
      `INSERT INTO callback_day_counters (day, last) VALUES ($1, 1) ON CONFLICT (day) DO UPDATE SET last = callback_day_counters.last + 1 RETURNING last`,
      [day],
    );
    return r.rows[0]!.last;
  }

  async insert(r: NewCallbackRow): Promise<void> {
    await this.db.query(
      `INSERT INTO callback_requests (id, guest_id, channel, kiosk_id, contact_method, topic, name, phone, email, note, day, seq, reference, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [r.id, r.guestId, r.channel, r.kioskId, r.method, r.topic, r.name, r.phone, r.email, r.note, r.day, r.seq, r.reference, r.at],
    );
  }

  async byId(id: string, opts: { lock?: boolean } = {}): Promise<CallbackRow | undefined> {
    // FOR UPDATE OF r: only the request's row is locked (the joined rows are read as they are).
    const r = await this.db.query<CallbackRow>(`SELECT ${COLUMNS} ${FROM} WHERE r.id = $1${opts.lock ? ' FOR UPDATE OF r' : ''}`, [id]);
    return r.rows[0];
  }

  /**
   * A page of the open requests for one reader: theirs first, then those nobody has taken, then those others
   * hold; newest first within each. With the count of all open requests.
   */
  async openPage(readerId: UserId, page: { limit: number; offset: number }): Promise<{ rows: CallbackRow[]; total: number }> {
    const r = await this.db.query<CallbackRow>(
      `SELECT ${COLUMNS} ${FROM} WHERE r.done_at IS NULL
       ORDER BY CASE WHEN r.claimed_by = $1 THEN 0 WHEN r.claimed_by IS NULL THEN 1 ELSE 2 END, r.created_at DESC, r.day DESC, r.seq DESC
       LIMIT $2 OFFSET $3`,
      [readerId, page.limit, page.offset],
    );
    const n = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM callback_requests WHERE done_at IS NULL`);
    return { rows: r.rows, total: Number(n.rows[0]!.n) };
  }

  /** How many requests one caller left on a Taipei day that are still open. */
  async openCountOfGuest(guestId: GuestId, day: string): Promise<number> {
    const r = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM callback_requests WHERE guest_id = $1 AND day = $2 AND done_at IS NULL`, [guestId, day]);
    return Number(r.rows[0]!.n);
  }

  /** Requests closed since a time, newest first. */
  async closedSince(since: Date, limit = 100): Promise<CallbackRow[]> {
    const r = await this.db.query<CallbackRow>(`SELECT ${COLUMNS} ${FROM} WHERE r.done_at >= $1 ORDER BY r.done_at DESC LIMIT $2`, [since, limit]);
    return r.rows;
  }

  /**
   * Claims an open, unclaimed request for a user in one statement, so of two claims at once exactly one
   * changes the row. False when it is closed, claimed already, or unknown.
   */
  async claim(id: string, userId: UserId, at: Date): Promise<boolean> {
    const r = await this.db.query(`UPDATE callback_requests SET claimed_by = $2, claimed_at = $3 WHERE id = $1 AND done_at IS NULL AND claimed_by IS NULL`, [id, userId, at]);
    return r.rowCount === 1;
  }

  async release(id: string): Promise<void> {
    await this.db.query(`UPDATE callback_requests SET claimed_by = NULL, claimed_at = NULL WHERE id = $1 AND done_at IS NULL`, [id]);
  }

  async close(id: string, c: { outcome: CallbackOutcome; note: string | null; userId: UserId; at: Date; caseId: string | null }): Promise<void> {
    await this.db.query(
      `UPDATE callback_requests SET outcome = $2, outcome_note = $3, done_by = $4, done_at = $5, case_id = COALESCE($6, case_id) WHERE id = $1 AND done_at IS NULL`,
      [id, c.outcome, c.note, c.userId, c.at, c.caseId],
    );
  }
}
