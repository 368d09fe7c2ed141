import type { OutboxBody, OutboxChannel, OutboxKind } from '../store/repositories/outboxRepository.ts';

/** One message from the outbox on its way to a caller. */
export interface OutboxMessage {
  /**
   * The outbox row's id. A message can be handed to a notifier more than once (a worker that stops between the
   * send and recording it), always with the same id, so the far side can use it to drop the repeat.
   */
  id: string;
  /** The case it is about (null for a message about no stored case). */
  caseId: string | null;
  kind: OutboxKind;
  channel: OutboxChannel;
  /** Phone number or e-mail address, as the caller gave it. */
  recipient: string;
  body: OutboxBody;
}

/** Delivers outbox messages to callers (an SMS / e-mail gateway, or the log where none is reachable). */
export interface Notifier {
  /** Resolves once the message was accepted; throws (preferably a {@link NotificationError}) when it was not. */
  send(message: OutboxMessage): Promise<void>;
}

/** Why a send failed, as a closed list. */
export type NotificationErrorCode = 'REJECTED' | 'TIMEOUT' | 'UNREACHABLE';

/**
 * A failed send whose code and message are safe to store with the outbox row (`last_error`): they never carry the
 * recipient, the message text, the gateway's address or its secret.
 */
export class NotificationError extends Error {
  constructor(
    readonly code: NotificationErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'NotificationError';
  }
}
