/**
 * Messages written here and not yet acknowledged by the server. Each gets a client key once, and keeps it
 * for every resend, so the server stores it once however often it is sent (after a drop, a timeout, a
 * reload). The outbox is kept in sessionStorage until each message is acknowledged. Pure functions over an
 * immutable list, in the order the messages were written.
 */
import type { ChatMessage, ChatSender } from '@sign-relay/shared';
import type { SafeStorage } from '../auth/TokenSource.ts';
import type { RequestErrorCode } from '../signaling/socket.ts';

export interface OutboxEntry {
  clientKey: string;
  body: string;
  /** When it was written (this browser's clock). */
  createdAt: number;
  /** `sending`: not yet tried, or on its way; `failed`: the last try failed. */
  state: 'sending' | 'failed';
  attempts: number;
  /** Why the last try failed (`OFFLINE`: there was no connection). */
  error: RequestErrorCode | 'OFFLINE' | null;
}

export type Outbox = readonly OutboxEntry[];

/** What the server accepts as a client key. */
export const CLIENT_KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A fresh random client key: 22 characters of [A-Za-z0-9_-] (132 bits). */
export function newClientKey(random: (count: number) => Uint8Array = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n))): string {
  const bytes = random(22);
  let key = '';
  for (const b of bytes) key += KEY_ALPHABET[b & 63];
  return key;
}

/** Adds a message at the end. */
export function addToOutbox(outbox: Outbox, body: string, clientKey: string, now: number): Outbox {
  return [...outbox, { clientKey, body, createdAt: now, state: 'sending', attempts: 0, error: null }];
}

/** The entry is being sent (again). */
export function markSending(outbox: Outbox, clientKey: string): Outbox {
  return outbox.map((e) => (e.clientKey === clientKey ? { ...e, state: 'sending', attempts: e.attempts + 1, error: null } : e));
}

/** The entry's last try failed. */
export function markFailed(outbox: Outbox, clientKey: string, error: OutboxEntry['error']): Outbox {
  return outbox.map((e) => (e.clientKey === clientKey ? { ...e, state: 'failed', error } : e));
}

/** Drops entries the server has stored: one of `stored` from this side carries their key. */
export function settle(outbox: Outbox, stored: readonly ChatMessage[], me: Exclude<ChatSender, 'system'>): Outbox {
  if (outbox.length === 0) return outbox;
  const keys = new Set(stored.filter((m) => m.from === me).map((m) => m.clientKey));
  if (keys.size === 0) return outbox;
  const kept = outbox.filter((e) => !keys.has(e.clientKey));
  return kept.length === outbox.length ? outbox : kept;
}

/** Removes one entry (the person gave up on a message the server refuses). */
export function discard(outbox: Outbox, clientKey: string): Outbox {
  return outbox.filter((e) => e.clientKey !== clientKey);
}

/**
 * Whether sending again can succeed. A missing answer, a busy or restarting server and a rate limit pass;
 * a refusal of the message itself (too long, not your chat, chat over) does not.
 */
export function isRetryable(error: OutboxEntry['error']): boolean {
  switch (error) {
    case null:
    case 'OFFLINE':
    case 'TIMEOUT':
    case 'UNAVAILABLE':
    case 'RATE_LIMITED':
    case 'INTERNAL':
    case 'UNAUTHENTICATED':
      return true;
    case 'BAD_REQUEST':
    case 'UNKNOWN_EVENT':
    case 'NOT_FOUND':
    case 'FORBIDDEN':
    case 'CALL_FULL':
    case 'CALL_ENDED':
    case 'NOT_IN_CALL':
    case 'ALREADY_IN_CALL':
    case 'MEDIA_ERROR':
    case 'CONFLICT':
    case 'CASE_INCOMPLETE':
    case 'READBACK_REQUIRED':
      return false;
    // A code this build does not know (a newer server) is not retried.
    default:
      return false;
  }
}

/** The next entry to send, in written order: the first one that can still succeed. */
export function nextToSend(outbox: Outbox): OutboxEntry | undefined {
  return outbox.find((e) => isRetryable(e.error));
}

/** How long to wait before trying a failed entry again: 1 s, 2 s, 4 s … at most 15 s. */
export function retryDelayMs(attempts: number): number {
  return Math.min(15_000, 1_000 * 2 ** Math.max(0, attempts - 1));
}

const storageKey = (sessionId: string) => `sign-relay.chatOutbox.${sessionId}`;

/** The outbox kept for a session (after a reload); entries read back count as not yet tried. */
export function loadOutbox(storage: SafeStorage, sessionId: string): Outbox {
  const raw = storage.get(storageKey(sessionId));
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((e): e is { clientKey: string; body: string; createdAt: number } => {
        const o = e as Partial<OutboxEntry> | null;
        return typeof o?.clientKey === 'string' && CLIENT_KEY_PATTERN.test(o.clientKey) && typeof o.body === 'string' && typeof o.createdAt === 'number';
      })
      .map((e) => ({ clientKey: e.clientKey, body: e.body, createdAt: e.createdAt, state: 'sending', attempts: 0, error: null }));
  } catch {
    return [];
  }
}

/** Keeps the outbox for a reload of this tab (removed when empty). */
export function saveOutbox(storage: SafeStorage, sessionId: string, outbox: Outbox): void {
  if (outbox.length === 0) storage.remove(storageKey(sessionId));
  else storage.set(storageKey(sessionId), JSON.stringify(outbox.map(({ clientKey, body, createdAt }) => ({ clientKey, body, createdAt }))));
}
