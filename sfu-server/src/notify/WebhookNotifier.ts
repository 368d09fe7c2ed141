import { NotificationError, type Notifier, type OutboxMessage } from './Notifier.ts';

export interface WebhookNotifierOptions {
  /** Where to POST each message (the SMS / e-mail gateway). */
  url: string;
  /** Sent as `Authorization: Bearer <secret>` when given. */
  secret?: string | undefined;
  /** A send that has not been answered by then is a failure; default 10 s (well inside the worker's 30 s lease). */
  timeoutMs?: number;
}

/** How long a gateway may take to answer by default. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * Hands each message to a gateway over HTTP: a JSON POST, answered 2xx when accepted. Anything else — another
 * status, a redirect, no connection, no answer within the timeout — is a failure the outbox retries.
 */
export class WebhookNotifier implements Notifier {
  private readonly timeoutMs: number;

  constructor(private readonly opts: WebhookNotifierOptions) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  }

  async send(m: OutboxMessage): Promise<void> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      // The outbox id: a message resent after a lost acknowledgement carries the same key, so the gateway can
      // tell a repeat from a second message.
      'Idempotency-Key': m.id,
    };
    if (this.opts.secret) headers.Authorization = `Bearer ${this.opts.secret}`;
    const payload = { id: m.id, caseId: m.caseId, kind: m.kind, channel: m.channel, recipient: m.recipient, body: m.body };

    let res: Response;
    try {
      res = await fetch(this.opts.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(payload),
        // Following a redirect would hand the caller's number to an address nobody configured.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw toNotificationError(err, this.timeoutMs);
    }
    // The answer's body is of no use; dropping it frees the connection for the next send.
    await res.body?.cancel().catch(() => undefined);
    if (res.status < 200 || res.status > 299) throw new NotificationError('REJECTED', `gateway answered ${res.status}`);
  }
}

/** fetch's errors name the URL in places; only the kind of failure (and a system error code) is kept. */
function toNotificationError(err: unknown, timeoutMs: number): NotificationError {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return new NotificationError('TIMEOUT', `gateway did not answer within ${timeoutMs} ms`, { cause: err });
  }
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' && /^[A-Z_]+$/.test(cause.code) ? ` (${cause.code})` : '';
  return new NotificationError('UNREACHABLE', `gateway unreachable${code}`, { cause: err });
}
