/**
 * The messages of one chat as the screens hold them: each message at most once (by id), in the server's order
 * (seq). Pure, so merging live messages, a resumed history and a sync after a gap is tested without a server.
 */
import type { ChatMessage, ChatSender } from '@sign-relay/shared';

/**
 * `current` with `incoming` added: every id at most once, ordered by seq. Returns `current` itself when
 * nothing new arrived, so a re-render can be skipped.
 */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): readonly ChatMessage[] {
  if (incoming.length === 0) return current;
  const byId = new Map(current.map((m) => [m.id, m]));
  let changed = false;
  for (const m of incoming) {
    if (byId.has(m.id)) continue;
    byId.set(m.id, m);
    changed = true;
  }
  if (!changed) return current;
  return [...byId.values()].sort((a, b) => a.seq - b.seq || a.at - b.at);
}

/** The highest seq held (0 when none). */
export function lastSeq(messages: readonly ChatMessage[]): number {
  let max = 0;
  for (const m of messages) if (m.seq > max) max = m.seq;
  return max;
}

/** Whether a live message shows that some before it never arrived here (ask the server for the gap). */
export function leavesGap(messages: readonly ChatMessage[], arrived: ChatMessage): boolean {
  return arrived.seq > lastSeq(messages) + 1;
}

/**
 * Since when the caller has waited for an answer: the time of the caller's first message after the
 * interpreter's last one, or null when the interpreter spoke last (or nobody has written yet). The oldest
 * unanswered message is used, not the newest: "are you there?" after two minutes must not reset the clock.
 */
export function waitingSince(messages: readonly ChatMessage[]): number | null {
  let since: number | null = null;
  for (const m of messages) {
    if (m.from === 'guest') since ??= m.at;
    else if (m.from === 'staff') since = null;
  }
  return since;
}

/** Messages from the other side newer than `seenSeq`. */
export function unreadCount(messages: readonly ChatMessage[], me: Exclude<ChatSender, 'system'>, seenSeq: number): number {
  let n = 0;
  for (const m of messages) if (m.seq > seenSeq && m.from !== me && m.from !== 'system') n++;
  return n;
}
