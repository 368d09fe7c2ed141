import type { UserId } from '@sign-relay/shared';
import type { Queryable } from '../store/repositories/queryable.ts';

/** Call-back requests as the wallboard counts them. */
export interface CallbackFigures {
  open: number;
  claimed: number;
  /** Open requests older than the overdue threshold. */
  overdue: number;
  oldestCreatedAt: Date | null;
}

/** A video call an interpreter answered. */
export interface AnsweredCall {
  interpreterId: UserId;
  answeredAt: Date;
  endedAt: Date | null;
}

/**
 * The wallboard's reads from Postgres: the call-back requests open and the video calls of the last hours
 * (for signing without a break). SQL only here.
 */
export class WallboardRepository {
  constructor(private readonly db: Queryable) {}

  async callbacks(overdueBefore: Date): Promise<CallbackFigures> {
    const r = await this.db.query<{ open: string; claimed: string; overdue: string; oldest: Date | null }>(
      `SELECT count(*) AS open,
              count(*) FILTER (WHERE claimed_by IS NOT NULL) AS claimed,
              count(*) FILTER (WHERE created_at < $1) AS overdue,
              min(created_at) AS oldest
         FROM callback_requests WHERE done_at IS NULL`,
      [overdueBefore],
    );
    const row = r.rows[0];
    return { open: Number(row?.open ?? 0), claimed: Number(row?.claimed ?? 0), overdue: Number(row?.overdue ?? 0), oldestCreatedAt: row?.oldest ?? null };
  }

  /** Video calls answered since `since` (by when they were queued, which the index covers), oldest first. */
  async answeredSince(since: Date): Promise<AnsweredCall[]> {
    const r = await this.db.query<AnsweredCall>(
      `SELECT interpreter_id AS "interpreterId", answered_at AS "answeredAt", ended_at AS "endedAt"
         FROM call_records
        WHERE queued_at >= $1 AND answered_at IS NOT NULL AND interpreter_id IS NOT NULL
        ORDER BY answered_at`,
      [since],
    );
    return r.rows;
  }
}
