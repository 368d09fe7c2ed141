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
