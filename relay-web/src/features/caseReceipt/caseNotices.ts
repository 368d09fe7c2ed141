/**
 * What the caller's screen knows about their cases, as pure rules: the read-back waiting for an answer (one at
 * a time: a new one replaces the old), and the receipts of the cases filed for them. Live events and the
 * `case:mine` answer after every (re)connection are merged here so that neither a reload nor a late answer
 * brings back something already replaced or filed.
 */
import type { CaseReceipt, ReadBack, ReadBackAnswer } from '@sign-relay/shared';
import type { RequestErrorCode } from '../../signaling/socket.ts';

/** A read-back on the caller's screen and what happened to their answer. */
export interface ReadBackView {
  readBack: ReadBack;
  /** Being sent. */
  sending: ReadBackAnswer | null;
  /** Sent and stored with the case form. */
  answer: ReadBackAnswer | null;
  /** The last try to answer failed. */
  error: RequestErrorCode | null;
}

export interface NoticesState {
  readBack: ReadBackView | null;
  /** Every receipt known on this screen, newest first (the screen shows those of this visit). */
  receipts: CaseReceipt[];
  /** Numbers of the receipts that arrived live (`case:filed`): filed during this visit, whatever the clocks say. */
  live: string[];
  /** When (this browser's clock) a live event last changed the read-back: older `case:mine` answers yield to it. */
  changedAt: number;
}

export type NoticesEvent =
  | { type: 'read-back'; readBack: ReadBack; at: number }
  | { type: 'filed'; receipt: CaseReceipt; at: number }
  /** The answer to `case:mine`, asked at `askedAt` (this browser's clock). */
  | { type: 'mine'; readBack: ReadBack | null; receipts: readonly CaseReceipt[]; askedAt: number }
  | { type: 'answering'; id: string; answer: ReadBackAnswer }
  | { type: 'answered'; id: string; answer: ReadBackAnswer }
  | { type: 'answer-failed'; id: string; code: RequestErrorCode };

export const INITIAL_NOTICES: NoticesState = { readBack: null, receipts: [], live: [], changedAt: 0 };

const fresh = (readBack: ReadBack): ReadBackView => ({ readBack, sending: null, answer: null, error: null });

/** Receipts by number (a later copy of a number wins), newest first. */
export function mergeReceipts(known: readonly CaseReceipt[], more: readonly CaseReceipt[]): CaseReceipt[] {
  const byNumber = new Map<string, CaseReceipt>();
  for (const r of [...known, ...more]) byNumber.set(r.number, r);
  return [...byNumber.values()].sort((a, b) => b.filedAt - a.filedAt || (a.number < b.number ? 1 : -1));
}

/** The read-back after `case:mine` said which one (if any) is still waiting for an answer. */
function mineReadBack(local: ReadBackView | null, server: ReadBack | null): ReadBackView | null {
  if (server === null) {
    // The server lists only unanswered ones: an answered (or being answered) card stays; an unanswered one was filed.
    return local && (local.answer !== null || local.sending !== null) ? local : null;
  }
  if (!local) return fresh(server);
  if (local.readBack.id === server.id) return local;
  return local.readBack.sentAt > server.sentAt ? local : fresh(server);
}

function onReadBack(s: NoticesState, id: string, f: (v: ReadBackView) => ReadBackView): NoticesState {
  return s.readBack && s.readBack.readBack.id === id ? { ...s, readBack: f(s.readBack) } : s;
}

export function noticesReducer(s: NoticesState, e: NoticesEvent): NoticesState {
  switch (e.type) {
    case 'read-back':
      // A resend of the same one keeps what the caller already answered.
      if (s.readBack?.readBack.id === e.readBack.id) return s;
      return { ...s, readBack: fresh(e.readBack), changedAt: e.at };
    case 'filed':
      // The filed case's read-back is used up: the interpreter's form starts again for the next case.
      return {
        ...s,
        readBack: null,
        receipts: mergeReceipts(s.receipts, [e.receipt]),
        live: s.live.includes(e.receipt.number) ? s.live : [...s.live, e.receipt.number],
        changedAt: e.at,
      };
    case 'mine': {
      const receipts = mergeReceipts(e.receipts, s.receipts);
      // A live event after the question was asked is newer than the answer.
      const readBack = s.changedAt > e.askedAt ? s.readBack : mineReadBack(s.readBack, e.readBack);
      return { ...s, readBack, receipts };
    }
    case 'answering':
      return onReadBack(s, e.id, (v) => ({ ...v, sending: e.answer, error: null }));
    case 'answered':
      return onReadBack(s, e.id, (v) => ({ ...v, sending: null, answer: e.answer, error: null }));
    case 'answer-failed':
      return onReadBack(s, e.id, (v) => ({ ...v, sending: null, error: e.code }));
  }
}

/** Whether the caller can answer the read-back now (not answered, not being sent). */
export function canAnswer(v: ReadBackView | null): v is ReadBackView {
  return v !== null && v.answer === null && v.sending === null;
}

/**
 * Where this visit's receipts begin: the newest receipt that was already there when the visit first asked
 * (`case:mine`), by the server's clock. A live receipt is never before it. 0 when there was none.
 */
export function visitFloor(firstAnswer: readonly CaseReceipt[], live: readonly string[]): number {
  return firstAnswer.filter((r) => !live.includes(r.number)).reduce((max, r) => Math.max(max, r.filedAt), 0);
}

/** The receipts of this visit: filed after the floor, or seen arriving live. */
export function visitReceipts(s: NoticesState, floor: number | null): CaseReceipt[] {
  if (floor === null) return s.receipts.filter((r) => s.live.includes(r.number));
  return s.receipts.filter((r) => r.filedAt > floor || s.live.includes(r.number));
}

/** A case number in its three groups (`1999`, the Taipei day, the day's sequence), for reading aloud or writing down. */
export function caseNumberGroups(number: string): string[] {
  return number.split('-').filter((g) => g.length > 0);
}
