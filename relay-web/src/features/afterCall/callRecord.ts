/**
 * What the caller keeps of a call once it is over, as pure rules: who ended it, how long it lasted, which cases
 * were filed while it went on. The screen gathers the facts (the call's peers, the caller's own hang-up, the
 * chat's messages, the receipts) in {@link useCallRecord}; nothing here is stored anywhere.
 */
import type { CallId, CaseReceipt, ChatMessage } from '@sign-relay/shared';
import type { CallerOutcome } from '../caller/callerFlow.ts';

/** What the call screen tells the summary while the call goes on. */
export interface CallFacts {
  /** The interpreters' display names, in the order they joined (a colleague taking over adds one). */
  interpreterNames: string[];
  /** The caller pressed "hang up" on this screen. */
  hungUpHere: boolean;
}

/** One call as the after-call screen shows it. */
export interface CallRecord extends CallFacts {
  callId: CallId;
  /** When the call began (this browser's clock; after a reload, the server's record of the call's chat). */
  startedAt: number | null;
  /** When the call screen closed (this browser's clock), or null while it goes on. */
  endedAt: number | null;
  /** The chat beside the call, oldest first (whatever the caller's screen has; the server's copy once it answers). */
  messages: readonly ChatMessage[];
  /** The server answered with the whole chat after the call. */
  complete: boolean;
  /** Receipt numbers this screen already had when the call began (they belong to something earlier). */
  receiptsBefore: readonly string[];
}

/** Who ended the call, in words a caller understands. */
export type EndedBy = 'caller' | 'interpreter' | 'connection' | 'service';

/** Who ended the call: the caller's own hang-up, the interpreter's, a lost connection, or the service stopping. */
export function endedBy(outcome: CallerOutcome, hungUpHere: boolean): EndedBy | null {
  switch (outcome.kind) {
    case 'left-queue':
      return null;
    case 'failed':
      return 'connection';
    case 'ended':
      switch (outcome.reason) {
        case 'hangup':
          // The server says `hangup` to everyone in the call, whoever pressed it.
          return hungUpHere ? 'caller' : 'interpreter';
        case 'left':
          return 'caller';
        case 'peer-left':
          return 'interpreter';
        case 'peer-lost':
        case 'media-failure':
        case 'requeued':
          return 'connection';
        case 'server-shutdown':
          return 'service';
      }
  }
}

/** Whole seconds the call lasted, or null when its start or end is not known. */
export function durationSec(record: Pick<CallRecord, 'startedAt' | 'endedAt'>): number | null {
  if (record.startedAt === null || record.endedAt === null) return null;
  return Math.max(0, Math.round((record.endedAt - record.startedAt) / 1000));
}

/** The receipts of cases filed since the call began (during it or in the interpreter's wrap-up), oldest first. */
export function receiptsOfCall(receipts: readonly CaseReceipt[], before: readonly string[]): CaseReceipt[] {
  return receipts.filter((r) => !before.includes(r.number)).sort((a, b) => a.filedAt - b.filedAt);
}

/** The interpreters' names, each once, in the order they joined. */
export function addNames(known: readonly string[], more: readonly string[]): string[] {
  const out = [...known];
  for (const n of more) if (n && !out.includes(n)) out.push(n);
  return out;
}
