import type { Queryable } from './queryable.ts';

/** The two periods personal data is kept for (see the README's retention list). */
export interface RetentionCutoffs {
  /** Transcripts, interpreters' notes and unfinished case forms written before this are deleted. */
  transcripts: Date;
  /** Callers' contacts (name, phone, e-mail) given before this are erased, and what carried them deleted. */
  contacts: Date;
  /** Now (a message being sent at this moment is left alone). */
  now: Date;
}

/** What one purge removed, per table and kind. */
export interface RetentionCounts {
  chatMessages: number;
  /** Sessions never ended (a caller who vanished, a close that failed) deleted whole. */
  unendedChatSessions: number;
  chatSessionsCleared: number;
  callRecordsCleared: number;
  callbackRequests: number;
  caseDrafts: number;
  notifications: number;
}

/**
 * The retention of every table with a caller's data. Each statement is idempotent and several server processes
 * may run it at once. Kept: the rows reports count (calls, ended chats) without their content, and the cases
 * filed with the city, which are the city's records.
 */
export class RetentionRepository {
  constructor(private readonly db: Queryable) {}

  async purge(cut: RetentionCutoffs): Promise<RetentionCounts> {
    const count = async (sql: string, params: unknown[]) => (await this.db.query(sql, params)).rowCount ?? 0;
    // A session never ended by the cut-off will never be: its messages go with it (ON DELETE CASCADE).
    const unendedChatSessions = await count(`DELETE FROM chat_sessions WHERE ended_at IS NULL AND created_at < $1`, [cut.transcripts]);
    const chatMessages = await count(`DELETE FROM chat_messages WHERE created_at < $1`, [cut.transcripts]);
    const chatSessionsCleared = await count(
      `UPDATE chat_sessions
          SET callback_name = NULL, callback_phone = NULL, callback_email = NULL,
              wrap_up_notes = CASE WHEN ended_at < $1 THEN NULL ELSE wrap_up_notes END
        WHERE ((created_at < $2 OR ended_at < $1) AND (callback_name IS NOT NULL OR callback_phone IS NOT NULL OR callback_email IS NOT NULL))
           OR (ended_at < $1 AND wrap_up_notes IS NOT NULL)`,
      [cut.transcripts, cut.contacts],
    );
    const callRecordsCleared = await count(
      `UPDATE call_records
          SET callback_name = CASE WHEN queued_at < $2 THEN NULL ELSE callback_name END,
              callback_phone = CASE WHEN queued_at < $2 THEN NULL ELSE callback_phone END,
              callback_email = CASE WHEN queued_at < $2 THEN NULL ELSE callback_email END,
              wrap_up_notes = CASE WHEN coalesce(ended_at, abandoned_at, queued_at) < $1 THEN NULL ELSE wrap_up_notes END
        WHERE (queued_at < $2 AND (callback_name IS NOT NULL OR callback_phone IS NOT NULL OR callback_email IS NOT NULL))
           OR (coalesce(ended_at, abandoned_at, queued_at) < $1 AND wrap_up_notes IS NOT NULL)`,
      [cut.transcripts, cut.contacts],
    );
    // A request still open is work not yet done: it stays until it is done, then the same period runs.
    const callbackRequests = await count(`DELETE FROM callback_requests WHERE done_at < $1`, [cut.contacts]);
    const caseDrafts = await count(`DELETE FROM case_drafts WHERE updated_at < $1`, [cut.transcripts]);
    // Messages to callers (recipient, text): sent or given up on; never one being sent right now.
    const notifications = await count(`DELETE FROM notification_outbox WHERE created_at < $1 AND (claimed_until IS NULL OR claimed_until < $2)`, [
      cut.contacts,
      cut.now,
    ]);
    return { chatMessages, unendedChatSessions, chatSessionsCleared, callRecordsCleared, callbackRequests, caseDrafts, notifications };
  }
}
