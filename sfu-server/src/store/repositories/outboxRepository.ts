import { randomUUID } from 'node:crypto';
import type { Queryable } from './queryable.ts';

export type OutboxKind = 'case-filed' | 'case-status' | 'case-closed';
export type OutboxChannel = 'sms' | 'email';

/** What a caller is told, in both languages, with the case it is about. */
export interface OutboxBody {
  caseNumber: string;
  status: string;
  zh: string;
  en: string;
}

export interface NewOutboxMessage {
  caseId: string | null;
  kind: OutboxKind;
  channel: OutboxChannel;
  recipient: string;
  body: OutboxBody;
}

/**
 * Writes a message to the outbox. Call it with the transaction that changes the case (`db` is that
 * transaction's client), so the message exists exactly when the change does.
 */
export async function enqueueNotification(db: Queryable, m: NewOutboxMessage): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO notification_outbox (id, case_id, kind, channel, recipient, body) VALUES ($1, $2, $3, $4, $5, $6)`, [
    id,
    m.caseId,
    m.kind,
    m.channel,
    m.recipient,
    JSON.stringify(m.body),
  ]);
  return id;
}

/** A message a worker has claimed: the row, and the lease that says the claim is still its own. */
export interface ClaimedOutboxMessage extends NewOutboxMessage {
  id: string;
  /** Sends tried before this one. */
  attempts: number;
  /** Until when this claim holds; another worker may take the row after it. Millisecond-exact, so it can fence. */
  claimedUntil: Date;
}

/**
 * Claims up to `limit` due, unsent, unclaimed (or lease-expired) messages, oldest first, for `leaseMs`.
 * One statement in its own transaction: SKIP LOCKED lets workers in other processes claim other rows at the same
 * moment instead of waiting, and the lease keeps a row from a second worker until it runs out.
 */
export async function claimDueNotifications(db: Queryable, limit: number, leaseMs: number): Promise<ClaimedOutboxMessage[]> {
  // Truncated to milliseconds so the lease survives the round trip through a JS Date and can be compared later.
  const r = await db.query<ClaimedOutboxMessage>(
    `UPDATE notification_outbox SET claimed_until = date_trunc('milliseconds', now() + $2 * interval '1 millisecond')
      WHERE id IN (
        SELECT id FROM notification_outbox
         WHERE sent_at IS NULL AND next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
         ORDER BY created_at LIMIT $1
         FOR UPDATE SKIP LOCKED)
      RETURNING id, case_id AS "caseId", kind, channel, recipient, body, attempts, claimed_until AS "claimedUntil"`,
    [limit, leaseMs],
  );
  return r.rows;
}

/**
 * Records a delivery. Only the first one counts (a resend after a lost lease must not move `sent_at`); it is
 * recorded even when the lease has run out, because the message did go.
 */
export async function markNotificationSent(db: Queryable, id: string): Promise<boolean> {
  const r = await db.query(
    `UPDATE notification_outbox SET sent_at = now(), attempts = attempts + 1, claimed_until = NULL WHERE id = $1 AND sent_at IS NULL`,
    [id],
  );
  return r.rowCount === 1;
}

/**
 * Records a failed send and when to try again. Only while the claim is still `claimedUntil`: once the lease has
 * run out another worker may hold the row, and its schedule is no longer ours to move.
 */
export async function markNotificationFailed(db: Queryable, id: string, claimedUntil: Date, error: string, retryInMs: number): Promise<boolean> {
  const r = await db.query(
    `UPDATE notification_outbox
        SET attempts = attempts + 1, last_error = $3, next_attempt_at = now() + $4 * interval '1 millisecond', claimed_until = NULL
      WHERE id = $1 AND sent_at IS NULL AND claimed_until = $2`,
    [id, claimedUntil, error, retryInMs],
  );
  return r.rowCount === 1;
}
