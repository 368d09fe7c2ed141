/**
 * The caller's read-back and receipts on one signaling connection: `case:readBack` (a new one replaces the old,
 * and the phone vibrates), `case:filed` (the receipt), and `case:mine` on every (re)connection, so a reload or a
 * dropped connection shows the pending read-back and this visit's receipts again. Nothing of a case is stored
 * in the browser; only where this visit's receipts begin (a time) is kept in the tab's sessionStorage, which a
 * kiosk clears with the visit.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { CaseReceipt, ReadBack, ReadBackAnswer } from '@sign-relay/shared';
import { session } from '../../auth/TokenSource.ts';
import type { SafeStorage } from '../../auth/TokenSource.ts';
import { errorCodeOf, request } from '../../signaling/socket.ts';
import type { RequestErrorCode, SignalingSocket } from '../../signaling/socket.ts';
import { vibrate } from '../../util/vibrate.ts';
import type { VibrateTarget } from '../../util/vibrate.ts';
import { canAnswer, INITIAL_NOTICES, noticesReducer, visitFloor, visitReceipts } from './caseNotices.ts';
import type { NoticesState, ReadBackView } from './caseNotices.ts';

/** Where this tab's visit begins among the caller's receipts (the server's clock, ms). */
export const VISIT_FLOOR_KEY = 'sign-relay.caseVisitFloor';
/** A read-back waits for the caller: felt in a pocket, and unlike a chat message. */
export const READ_BACK_VIBRATION = [300, 120, 300, 120, 600] as const;
/** How long to wait before asking `case:mine` again after it failed for a passing reason. */
export const MINE_RETRY_MS = 3_000;

const PASSING: ReadonlySet<RequestErrorCode> = new Set<RequestErrorCode>(['TIMEOUT', 'UNAVAILABLE', 'INTERNAL', 'RATE_LIMITED']);

export interface CaseNotices {
  /** The read-back on screen (pending, being sent, or answered), or null. */
  readBack: ReadBackView | null;
  /** This visit's receipts, newest first. */
  receipts: CaseReceipt[];
  /** The number of the case filed most recently while this screen was open (it arrived live), or null. */
  justFiled: string | null;
  /** Answers the read-back on screen; a second press (or one while sending) sends nothing. */
  answer(answer: ReadBackAnswer): void;
}

export interface CaseNoticesOptions {
  storage?: SafeStorage;
  vibrateTarget?: VibrateTarget;
  now?: () => number;
}

function readFloor(storage: SafeStorage): number | null {
  const raw = storage.get(VISIT_FLOOR_KEY);
  const n = raw === null ? NaN : Number(raw);
  return Number.isFinite(n) ? n : null;
}

export function useCaseNotices(socket: SignalingSocket | null, options: CaseNoticesOptions = {}): CaseNotices {
  const { storage = session, vibrateTarget, now = Date.now } = options;
  const [state, dispatch] = useReducer(noticesReducer, INITIAL_NOTICES);
  const [floor, setFloor] = useState<number | null>(() => readFloor(storage));
  // The state as of the last event, for guards that must hold between renders (a double press).
  const current = useRef<NoticesState>(state);
  current.current = state;
  const clock = useRef(now);
  clock.current = now;

  // Live: a read-back to confirm, a case filed.
  useEffect(() => {
    if (!socket) return;
    const onReadBack = (readBack: ReadBack): void => dispatch({ type: 'read-back', readBack, at: clock.current() });
    const onFiled = (receipt: CaseReceipt): void => dispatch({ type: 'filed', receipt, at: clock.current() });
    socket.on('case:readBack', onReadBack);
    socket.on('case:filed', onFiled);
    return () => {
      socket.off('case:readBack', onReadBack);
      socket.off('case:filed', onFiled);
    };
  }, [socket]);

  // On every (re)connection: what is pending and what was filed (a reload, or events missed while offline).
  useEffect(() => {
    if (!socket) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = (): void => {
      clearTimeout(timer);
      if (!socket.connected) return;
      const askedAt = clock.current();
      request(socket, 'case:mine', {}).then(
        (mine) => {
          if (cancelled) return;
          dispatch({ type: 'mine', readBack: mine.readBack, receipts: mine.receipts, askedAt });
          if (readFloor(storage) === null) {
            // The first answer of this visit: whatever was filed before it belongs to an earlier visit.
            const f = visitFloor(mine.receipts, current.current.live);
            storage.set(VISIT_FLOOR_KEY, String(f));
            setFloor(f);
          }
        },
        (error: unknown) => {
          if (!cancelled && PASSING.has(errorCodeOf(error))) timer = setTimeout(ask, MINE_RETRY_MS);
        },
      );
    };
    socket.on('connect', ask);
    ask();
    return () => {
      cancelled = true;
      clearTimeout(timer);
      socket.off('connect', ask);
    };
  }, [socket, storage]);

  // A new read-back is felt on a phone, once per read-back.
  const pendingId = state.readBack && state.readBack.answer === null ? state.readBack.readBack.id : null;
  const felt = useRef<string | null>(null);
  useEffect(() => {
    if (pendingId === null || felt.current === pendingId) return;
    felt.current = pendingId;
    vibrate(READ_BACK_VIBRATION, vibrateTarget);
  }, [pendingId, vibrateTarget]);

  const answer = useCallback(
    (choice: ReadBackAnswer): void => {
      const view = current.current.readBack;
      if (!socket || !canAnswer(view)) return;
      const id = view.readBack.id;
      const sending = { type: 'answering', id, answer: choice } as const;
      current.current = noticesReducer(current.current, sending);
      dispatch(sending);
      request(socket, 'case:readBackAnswer', { readBackId: id, answer: choice }).then(
        () => dispatch({ type: 'answered', id, answer: choice }),
        (error: unknown) => dispatch({ type: 'answer-failed', id, code: errorCodeOf(error) }),
      );
    },
    [socket],
  );

  return { readBack: state.readBack, receipts: visitReceipts(state, floor), justFiled: state.live.at(-1) ?? null, answer };
}
