import type { CallId, ChatMessage, ChatSender, ChatSessionId, ChatSessionInfo, EntryId, GuestId, UserId } from '@sign-relay/shared';
import type { Queryable } from './queryable.ts';

export interface ChatSessionRow {
  id: ChatSessionId;
  kind: 'text' | 'call';
  guestId: GuestId;
  channel: 'web' | 'kiosk';
  kioskId: string | null;
  topic: string | null;
  callId: CallId | null;
  /** The call record of a video call's chat: the id of the caller's place in line. */
  callRecordId: EntryId | null;
  interpreterId: UserId | null;
  interpreterName: string | null;
  /** The text chat a call's chat came from (chat → video). */
  previousSessionId: ChatSessionId | null;
  callbackName: string | null;
  callbackPhone: string | null;
  callbackEmail: string | null;
  createdAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
}

const SESSION = `s.id, s.kind, s.guest_id AS "guestId", s.channel, s.kiosk_id AS "kioskId", s.topic, s.call_id AS "callId",
  s.call_record_id AS "callRecordId", s.interpreter_id AS "interpreterId", u.display_name AS "interpreterName", s.previous_session_id AS "previousSessionId",
  s.callback_name AS "callbackName", s.callback_phone AS "callbackPhone", s.callback_email AS "callbackEmail",
  s.created_at AS "createdAt", s.answered_at AS "answeredAt", s.ended_at AS "endedAt"`;

interface MessageRow {
  id: string;
  sessionId: ChatSessionId;
  seq: number;
  from: ChatSender;
  senderName: string;
  body: string;
  clientKey: string;
  at: Date;
}
const MESSAGE = `id, session_id AS "sessionId", seq, sender_kind AS "from", sender_name AS "senderName", body, client_key AS "clientKey", created_at AS "at"`;
const toMessage = (r: MessageRow): ChatMessage => ({ ...r, at: r.at.getTime() });

export interface NewChatMessage {
  id: string;
  sessionId: ChatSessionId;
  from: ChatSender;
  /** The caller's guest id or the staff member's account; null for the system. */
  senderId: GuestId | UserId | null;
  senderName: string;
  clientKey: string;
  body: string;
}

export function sessionInfo(r: ChatSessionRow): ChatSessionInfo {
  return {
    sessionId: r.id,
    kind: r.kind,
    state: r.endedAt ? 'ended' : r.interpreterId || r.kind === 'call' ? 'active' : 'waiting',
    createdAt: r.createdAt.getTime(),
    interpreterName: r.interpreterName,
    channel: r.channel,
    kioskId: r.kioskId,
    topic: r.topic,
    callId: r.callId,
  };
}

/** Chat sessions and their messages. Every message is committed before the sender is told it was sent. */
export class ChatRepository {
  constructor(private readonly db: Queryable) {}

  async createText(r: { id: ChatSessionId; guestId: GuestId; channel: 'web' | 'kiosk'; kioskId: string | null; kioskVerified?: boolean | undefined; topic: string | null; contact?: { name?: string | undefined; phone?: string | undefined; email?: string | undefined } | undefined }): Promise<void> {
    await this.db.query(
      `INSERT INTO chat_sessions (id, kind, guest_id, channel, kiosk_id, topic, callback_name, callback_phone, callback_email, kiosk_verified)
       VALUES ($1, 'text', $2, $3, $4, $5, $6, $7, $8, $9)`,
      [r.id, r.guestId, r.channel, r.kioskId, r.topic, r.contact?.name ?? null, r.contact?.phone ?? null, r.contact?.email ?? null, r.kioskVerified === true],
    );
  }

  /** The chat of a video call, created on first use (idempotent per call). */
  async forCall(r: { id: ChatSessionId; callId: CallId; callRecordId: EntryId; guestId: GuestId; channel: 'web' | 'kiosk'; kioskId: string | null }): Promise<ChatSessionRow> {
    await this.db.query(
      `INSERT INTO chat_sessions (id, kind, guest_id, channel, kiosk_id, call_id, call_record_id) VALUES ($1, 'call', $2, $3, $4, $5, $6)
       ON CONFLICT (call_id) DO NOTHING`,
      [r.id, r.guestId, r.channel, r.kioskId, r.callId, r.callRecordId],
    );
    const row = await this.db.query<ChatSessionRow>(`SELECT ${SESSION} FROM chat_sessions s LEFT JOIN users u ON u.id = s.interpreter_id WHERE s.call_id = $1`, [r.callId]);
    return row.rows[0]!;
  }

  /** Links a call's chat to the text chat it came from, once; true when this call linked it. */
  async linkPrevious(id: ChatSessionId, previousId: ChatSessionId): Promise<boolean> {
    const r = await this.db.query(`UPDATE chat_sessions SET previous_session_id = $2 WHERE id = $1 AND kind = 'call' AND previous_session_id IS NULL`, [id, previousId]);
    return r.rowCount === 1;
  }

  async byId(id: ChatSessionId): Promise<ChatSessionRow | undefined> {
    const r = await this.db.query<ChatSessionRow>(`SELECT ${SESSION} FROM chat_sessions s LEFT JOIN users u ON u.id = s.interpreter_id WHERE s.id = $1`, [id]);
    return r.rows[0];
  }

  /** Assigns the interpreter; false when the session is already answered or over. */
  async answer(id: ChatSessionId, interpreterId: UserId, at: Date): Promise<boolean> {
    const r = await this.db.query(`UPDATE chat_sessions SET interpreter_id = $2, answered_at = $3 WHERE id = $1 AND interpreter_id IS NULL AND ended_at IS NULL`, [id, interpreterId, at]);
    return r.rowCount === 1;
  }

  /** Ends a session once; true for the call that ended it. */
  async end(id: ChatSessionId, reason: string, at: Date): Promise<boolean> {
    const r = await this.db.query(`UPDATE chat_sessions SET ended_at = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL`, [id, at, reason]);
    return r.rowCount === 1;
  }

  async endForCall(callId: CallId, at: Date): Promise<void> {
    await this.db.query(`UPDATE chat_sessions SET ended_at = $2, end_reason = 'call-ended' WHERE call_id = $1 AND ended_at IS NULL`, [callId, at]);
  }

  /** Text chats an interpreter is carrying now. */
  async activeFor(interpreterId: UserId): Promise<ChatSessionRow[]> {
    const r = await this.db.query<ChatSessionRow>(
      `SELECT ${SESSION} FROM chat_sessions s LEFT JOIN users u ON u.id = s.interpreter_id
       WHERE s.interpreter_id = $1 AND s.ended_at IS NULL AND s.kind = 'text' ORDER BY s.created_at`,
      [interpreterId],
    );
    return r.rows;
  }

  /** Text chats still waiting for an interpreter, oldest first (to rebuild the line after a restart). */
  async waiting(): Promise<ChatSessionRow[]> {
    const r = await this.db.query<ChatSessionRow>(
      `SELECT ${SESSION} FROM chat_sessions s LEFT JOIN users u ON u.id = s.interpreter_id
       WHERE s.kind = 'text' AND s.interpreter_id IS NULL AND s.ended_at IS NULL ORDER BY s.created_at`,
    );
    return r.rows;
  }

  async byClientKey(sessionId: ChatSessionId, from: ChatSender, clientKey: string): Promise<ChatMessage | undefined> {
    const r = await this.db.query<MessageRow>(`SELECT ${MESSAGE} FROM chat_messages WHERE session_id = $1 AND sender_kind = $2 AND client_key = $3`, [sessionId, from, clientKey]);
    return r.rows[0] ? toMessage(r.rows[0]) : undefined;
  }

  /**
   * Stores a message with the session's next sequence number, in one statement. Undefined when nothing was
   * stored: a message with that client key is already there, or the session has ended.
   */
  async insert(m: NewChatMessage): Promise<ChatMessage | undefined> {
    const r = await this.db.query<MessageRow>(
      `WITH s AS (UPDATE chat_sessions SET last_seq = last_seq + 1 WHERE id = $2 AND ended_at IS NULL RETURNING last_seq)
       INSERT INTO chat_messages (id, session_id, seq, sender_kind, sender_id, sender_name, client_key, body)
       SELECT $1, $2, s.last_seq, $3, $4, $5, $6, $7 FROM s
       ON CONFLICT (session_id, sender_kind, client_key) DO NOTHING
       RETURNING ${MESSAGE}`,
      [m.id, m.sessionId, m.from, m.senderId, m.senderName, m.clientKey, m.body],
    );
    return r.rows[0] ? toMessage(r.rows[0]) : undefined;
  }

  /**
   * Stores a batch of messages in one statement, each with its session's next sequence number, in the order
   * given. Returns the stored rows by message id; a message is missing from the result when a message with its
   * client key is already stored (or comes earlier in the batch), or when its session has ended. Run it inside
   * a transaction that first took {@link lockSessions} for the batch's sessions.
   */
  async insertMany(batch: readonly NewChatMessage[]): Promise<Map<string, ChatMessage>> {
    const r = await this.db.query<MessageRow>(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY
           AS t(id, session_id, sender_kind, sender_id, sender_name, client_key, body, ord)
       ),
       fresh AS (
         SELECT DISTINCT ON (i.session_id, i.sender_kind, i.client_key) i.*
         FROM input i JOIN chat_sessions s ON s.id = i.session_id AND s.ended_at IS NULL
         WHERE NOT EXISTS (SELECT 1 FROM chat_messages m WHERE m.session_id = i.session_id AND m.sender_kind = i.sender_kind AND m.client_key = i.client_key)
         ORDER BY i.session_id, i.sender_kind, i.client_key, i.ord
       ),
       numbered AS (SELECT f.*, row_number() OVER (PARTITION BY f.session_id ORDER BY f.ord) AS n FROM fresh f),
       bumped AS (
         UPDATE chat_sessions s SET last_seq = s.last_seq + c.count
         FROM (SELECT session_id, count(*)::int AS count FROM numbered GROUP BY session_id) c
         WHERE s.id = c.session_id
         RETURNING s.id, s.last_seq - c.count AS base
       )
       INSERT INTO chat_messages (id, session_id, seq, sender_kind, sender_id, sender_name, client_key, body)
       SELECT n.id, n.session_id, b.base + n.n, n.sender_kind, n.sender_id, n.sender_name, n.client_key, n.body
       FROM numbered n JOIN bumped b ON b.id = n.session_id
       ORDER BY n.ord
       ON CONFLICT (session_id, sender_kind, client_key) DO NOTHING
       RETURNING ${MESSAGE}`,
      [
        batch.map((m) => m.id),
        batch.map((m) => m.sessionId),
        batch.map((m) => m.from),
        batch.map((m) => m.senderId),
        batch.map((m) => m.senderName),
        batch.map((m) => m.clientKey),
        batch.map((m) => m.body),
      ],
    );
    return new Map(r.rows.map((row) => [row.id, toMessage(row)]));
  }

  /**
   * Locks the sessions' rows in one fixed order (by id) until the transaction ends. Writers that lock before
   * they write queue behind each other instead of deadlocking, whichever process they run in.
   */
  async lockSessions(sessionIds: readonly ChatSessionId[]): Promise<void> {
    await this.db.query(`SELECT 1 FROM chat_sessions WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [[...new Set(sessionIds)]]);
  }

  /**
   * Stores a message (one round trip when it is new). A message whose client key was already stored is not
   * stored again: the stored one is returned (`duplicate: true`). Undefined when the session has ended.
   */
  async append(m: NewChatMessage): Promise<{ message: ChatMessage; duplicate: boolean } | undefined> {
    const inserted = await this.insert(m);
    if (inserted) return { message: inserted, duplicate: false };
    const earlier = await this.byClientKey(m.sessionId, m.from, m.clientKey);
    return earlier ? { message: earlier, duplicate: true } : undefined;
  }

  async messagesAfter(sessionId: ChatSessionId, afterSeq: number, limit = 500): Promise<ChatMessage[]> {
    const r = await this.db.query<MessageRow>(`SELECT ${MESSAGE} FROM chat_messages WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`, [sessionId, afterSeq, limit]);
    return r.rows.map(toMessage);
  }

  /** Transcripts of a video call record (its in-call chat). */
  async transcriptForCallRecord(callRecordId: EntryId): Promise<ChatMessage[]> {
    const r = await this.db.query<MessageRow>(
      `SELECT m.id, m.session_id AS "sessionId", m.seq, m.sender_kind AS "from", m.sender_name AS "senderName", m.body, m.client_key AS "clientKey", m.created_at AS "at"
       FROM chat_messages m JOIN chat_sessions s ON s.id = m.session_id WHERE s.call_record_id = $1 ORDER BY m.created_at, m.seq`,
      [callRecordId],
    );
    return r.rows.map(toMessage);
  }

  /** The chat of a video call, if one was opened. */
  async sessionIdForCall(callId: CallId): Promise<ChatSessionId | undefined> {
    const r = await this.db.query<{ id: ChatSessionId }>(`SELECT id FROM chat_sessions WHERE call_id = $1`, [callId]);
    return r.rows[0]?.id;
  }

  /**
   * A session's messages by its id, in order (at most `limit`), with the text chat it came from and how many
   * messages it ever stored: the retention deletes messages but not that count, so a transcript deleted after
   * the retention period can be told from one where nothing was written. Undefined for an unknown session.
   */
  async transcript(sessionId: ChatSessionId, limit: number): Promise<{ messages: ChatMessage[]; written: number; previousSessionId: ChatSessionId | null } | undefined> {
    const s = await this.db.query<{ written: number; previousSessionId: ChatSessionId | null }>(
      `SELECT last_seq AS written, previous_session_id AS "previousSessionId" FROM chat_sessions WHERE id = $1`,
      [sessionId],
    );
    const session = s.rows[0];
    if (!session) return undefined;
    const m = await this.db.query<MessageRow>(`SELECT ${MESSAGE} FROM chat_messages WHERE session_id = $1 ORDER BY seq LIMIT $2`, [sessionId, limit]);
    return { messages: m.rows.map(toMessage), written: session.written, previousSessionId: session.previousSessionId };
  }

  /**
   * Applies the retention: deletes messages older than the cut-off (the transcript) and clears what the caller
   * left about themselves (call-back name, phone, e-mail) and the interpreter's free-text notes on sessions that
   * ended before it. The session rows stay — kind, times, channel, outcome — so the monthly reports keep a year's
   * chat counts after the content is gone. `sessions` counts the sessions cleared by this run (a cleared one is
   * not touched again).
   */
  async purgeOlderThan(cutoff: Date): Promise<{ messages: number; sessions: number }> {
    const m = await this.db.query(`DELETE FROM chat_messages WHERE created_at < $1`, [cutoff]);
    const s = await this.db.query(
      `UPDATE chat_sessions SET callback_name = NULL, callback_phone = NULL, callback_email = NULL, wrap_up_notes = NULL
       WHERE ended_at IS NOT NULL AND ended_at < $1
         AND (callback_name IS NOT NULL OR callback_phone IS NOT NULL OR callback_email IS NOT NULL OR wrap_up_notes IS NOT NULL)`,
      [cutoff],
    );
    return { messages: m.rowCount ?? 0, sessions: s.rowCount ?? 0 };
  }

  /** Records whether the interpreter takes text chats (their last choice). */
  async chooseSeats(userId: UserId, open: boolean): Promise<void> {
    await this.db.query(
      `INSERT INTO chat_seat_choices (user_id, open, chosen_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id) DO UPDATE SET open = EXCLUDED.open, chosen_at = EXCLUDED.chosen_at`,
      [userId, open],
    );
  }

  /** Whether the interpreter last chose to take text chats (false when they never did). */
  async seatsOpen(userId: UserId): Promise<boolean> {
    const r = await this.db.query<{ open: boolean }>(`SELECT open FROM chat_seat_choices WHERE user_id = $1`, [userId]);
    return r.rows[0]?.open ?? false;
  }
}
