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
  interpreterId: string;
  answeredAt: Date;
  endedAt: Date | null;
}

/**
 * The wallboard's reads from Postgres: the call-back requests open and the video calls of the last hours
 * (for signing without a break). SQL only here.
 */
export class WallboardRepository {
  /** Whether `callback_requests.claimed_by` exists yet (it comes with a later migration); checked until it does. */
  private hasClaimed = false;

  constructor(private readonly db: Queryable) {}

  async callbacks(overdueBefore: Date): Promise<CallbackFigures> {
    const claimed = await this.claimedColumn();
    const r = await this.db.query<{ open: string; claimed: string; overdue: string; oldest: Date | null }>(
      `SELECT count(*) AS open,
              ${claimed ? 'count(*) FILTER (WHERE claimed_by IS NOT NULL)' : '0'} AS claimed,
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

  private async claimedColumn(): Promise<boolean> {
    if (this.hasClaimed) return true;
    const r = await this.db.query(
      `SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'callback_requests' AND column_name = 'claimed_by'`,
    );
    this.hasClaimed = (r.rowCount ?? 0) > 0;
    return this.hasClaimed;
  }
}
