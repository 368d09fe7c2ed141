import type { Logger } from '../logger.ts';
import type { OutboxBody, OutboxChannel, OutboxKind } from '../store/repositories/outboxRepository.ts';
import type { Notifier, OutboxMessage } from './Notifier.ts';

/** A message the log notifier delivered, as ops screens and tests read it back (recipient unmasked). */
export interface SentNotification {
  outboxId: string;
  caseId: string | null;
  kind: OutboxKind;
  channel: OutboxChannel;
  recipient: string;
  body: OutboxBody;
  at: Date;
}

/** How many delivered messages {@link LogNotifier.recent} keeps by default. */
export const DEFAULT_RECENT_LIMIT = 200;

/**
 * The notifier used when no gateway is configured (no SMS gateway is reachable from these machines): each
 * message goes to the log, with the recipient masked because logs travel further than the database, and the
 * last few are kept in memory as they were, so an ops check or a test can see what a caller would have received.
 */
export class LogNotifier implements Notifier {
  private readonly sent: SentNotification[] = [];

  constructor(
    private readonly logger: Logger,
    private readonly limit: number = DEFAULT_RECENT_LIMIT,
  ) {}

  async send(m: OutboxMessage): Promise<void> {
    this.logger.info(
      {
        outboxId: m.id,
        caseId: m.caseId,
        kind: m.kind,
        channel: m.channel,
        recipient: maskRecipient(m.recipient),
        caseNumber: m.body.caseNumber,
        status: m.body.status,
        text: { zh: m.body.zh, en: m.body.en },
      },
      'notification sent',
    );
    this.sent.push({ outboxId: m.id, caseId: m.caseId, kind: m.kind, channel: m.channel, recipient: m.recipient, body: m.body, at: new Date() });
    if (this.sent.length > this.limit) this.sent.splice(0, this.sent.length - this.limit);
  }

  /** The last delivered messages, oldest first, at most the limit given at construction. A copy. */
  recent(): readonly SentNotification[] {
    return this.sent.slice();
  }
}

/**
 * Hides all but the last 3 characters (`0912345678` → `*******678`): enough to tell two callers apart in a log,
 * not enough to reach one. Three characters or fewer are hidden entirely.
 */
export function maskRecipient(recipient: string): string {
  const chars = [...recipient];
  const shown = chars.length > 3 ? 3 : 0;
  return '*'.repeat(chars.length - shown) + chars.slice(chars.length - shown).join('');
}
