import type { CallAbandonReason, CallEndReason, CallId, Channel, EntryId, Gender, GuestId, ServiceTopic, UserId } from '@sign-relay/shared';
import type { Queryable } from './queryable.ts';

/** What a caller may leave for a call-back. */
export interface CallbackContact {
  name?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
}

export interface CallRecordRow {
  /** The queue entry the record is of. */
  id: EntryId;
  callId: CallId | null;
  guestId: GuestId;
  channel: Channel;
  kioskId: string | null;
  /** Whether the kiosk proved it is that kiosk when the caller joined. */
  kioskVerified: boolean;
  topic: ServiceTopic | null;
  preferredGender: Gender | null;
  queuedAt: Date;
  offeredAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  abandonedAt: Date | null;
  interpreterId: UserId | null;
  transferredFrom: UserId | null;
  endReason: string | null;
  offerCount: number;
  requeuedCount: number;
  callbackName: string | null;
  callbackPhone: string | null;
  callbackEmail: string | null;
}

const COLUMNS = `id, call_id AS "callId", guest_id AS "guestId", channel, kiosk_id AS "kioskId", kiosk_verified AS "kioskVerified", topic, preferred_gender AS "preferredGender",
  queued_at AS "queuedAt", offered_at AS "offeredAt", answered_at AS "answeredAt", ended_at AS "endedAt", abandoned_at AS "abandonedAt",
  interpreter_id AS "interpreterId", transferred_from AS "transferredFrom", end_reason AS "endReason", offer_count AS "offerCount", requeued_count AS "requeuedCount",
  callback_name AS "callbackName", callback_phone AS "callbackPhone", callback_email AS "callbackEmail"`;

/** Service-level figures over a period. */
export interface ServiceLevel {
  answered: number;
  abandoned: number;
  answeredWithinTarget: number;
  /** Share of finished calls (answered or abandoned) answered within the target; null when there were none. */
  serviceLevel: number | null;
  abandonRate: number | null;
  averageHandleSec: number | null;
  averageSpeedOfAnswerSec: number | null;
}

/** One row per queue entry: every timestamp of a call's life, for records and service levels. */
export class CallRecordRepository {
  constructor(private readonly db: Queryable) {}

  async queued(r: {
    id: EntryId;
    guestId: GuestId;
    channel: Channel;
    kioskId: string | null;
    kioskVerified?: boolean | undefined;
    topic: ServiceTopic | null;
    preferredGender: Gender | null;
    queuedAt: Date;
    contact?: CallbackContact | undefined;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO call_records (id, guest_id, channel, kiosk_id, topic, preferred_gender, queued_at, callback_name, callback_phone, callback_email, kiosk_verified)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (id) DO NOTHING`,
      [r.id, r.guestId, r.channel, r.kioskId, r.topic, r.preferredGender, r.queuedAt, r.contact?.name ?? null, r.contact?.phone ?? null, r.contact?.email ?? null, r.kioskVerified === true],
    );
  }

  async offered(id: EntryId, at: Date): Promise<void> {
    await this.db.query(`UPDATE call_records SET offered_at = COALESCE(offered_at, $2), offer_count = offer_count + 1 WHERE id = $1`, [id, at]);
  }

  async answered(id: EntryId, r: { callId: CallId; interpreterId: UserId; transferredFrom: UserId | null; at: Date }): Promise<void> {
    await this.db.query(
      `UPDATE call_records SET answered_at = COALESCE(answered_at, $2), call_id = $3, interpreter_id = $4,
         transferred_from = COALESCE($5, transferred_from) WHERE id = $1`,
      [id, r.at, r.callId, r.interpreterId, r.transferredFrom],
    );
  }

  async requeued(id: EntryId): Promise<void> {
    await this.db.query(`UPDATE call_records SET requeued_count = requeued_count + 1 WHERE id = $1`, [id]);
  }

  async ended(id: EntryId, r: { at: Date; reason: CallEndReason }): Promise<void> {
    await this.db.query(`UPDATE call_records SET ended_at = COALESCE(ended_at, $2), end_reason = COALESCE(end_reason, $3) WHERE id = $1`, [id, r.at, r.reason]);
  }

  async abandoned(id: EntryId, r: { at: Date; reason: CallAbandonReason }): Promise<void> {
    await this.db.query(`UPDATE call_records SET abandoned_at = COALESCE(abandoned_at, $2), end_reason = COALESCE(end_reason, $3) WHERE id = $1`, [id, r.at, r.reason]);
  }

  async byId(id: EntryId): Promise<CallRecordRow | undefined> {
    const r = await this.db.query<CallRecordRow>(`SELECT ${COLUMNS} FROM call_records WHERE id = $1`, [id]);
    return r.rows[0];
  }

  /** An interpreter's calls since a time, newest first. */
  async forInterpreterSince(interpreterId: UserId, since: Date): Promise<CallRecordRow[]> {
    const r = await this.db.query<CallRecordRow>(
      `SELECT ${COLUMNS} FROM call_records WHERE interpreter_id = $1 AND answered_at >= $2 ORDER BY answered_at DESC LIMIT 200`,
      [interpreterId, since],
    );
    return r.rows;
  }

  /** Talk times (answer → end) of the most recent ended calls, in seconds. */
  async recentHandleSeconds(limit: number): Promise<number[]> {
    const r = await this.db.query<{ s: string }>(
      `SELECT EXTRACT(EPOCH FROM (ended_at - answered_at)) AS s FROM call_records
       WHERE ended_at IS NOT NULL AND answered_at IS NOT NULL ORDER BY ended_at DESC LIMIT $1`,
      [limit],
    );
    return r.rows.map((x) => Number(x.s));
  }

  async serviceLevel(since: Date, targetSec: number): Promise<ServiceLevel> {
    const r = await this.db.query<{ answered: string; abandoned: string; within: string; aht: string | null; asa: string | null }>(
      `SELECT
         count(*) FILTER (WHERE answered_at IS NOT NULL) AS answered,
         count(*) FILTER (WHERE answered_at IS NULL AND abandoned_at IS NOT NULL) AS abandoned,
         count(*) FILTER (WHERE answered_at IS NOT NULL AND answered_at - queued_at <= make_interval(secs => $2)) AS within,
         avg(EXTRACT(EPOCH FROM (ended_at - answered_at))) FILTER (WHERE ended_at IS NOT NULL AND answered_at IS NOT NULL) AS aht,
         avg(EXTRACT(EPOCH FROM (answered_at - queued_at))) FILTER (WHERE answered_at IS NOT NULL) AS asa
       FROM call_records WHERE queued_at >= $1`,
      [since, targetSec],
    );
    const row = r.rows[0]!;
    const answered = Number(row.answered);
    const abandoned = Number(row.abandoned);
    const within = Number(row.within);
    const finished = answered + abandoned;
    return {
      answered,
      abandoned,
      answeredWithinTarget: within,
      serviceLevel: finished ? within / finished : null,
      abandonRate: finished ? abandoned / finished : null,
      averageHandleSec: row.aht === null ? null : Number(row.aht),
      averageSpeedOfAnswerSec: row.asa === null ? null : Number(row.asa),
    };
  }
}
