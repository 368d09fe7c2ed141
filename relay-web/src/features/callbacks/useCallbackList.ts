/**
 * The open call-back requests for the desk, a page at a time over HTTP: fetched at once, again every few seconds
 * (so a colleague's claim or a new request shows within that time), when the tab comes back into view, right
 * after this desk changed one, and when the desk turns the page. The server orders them: this desk's own first,
 * then those nobody has taken, then colleagues'; newest first within each. Claim, release and close answer with
 * the request as it now is.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { callbackRoutes, type CallbackItem, type CallbackOutcome, type CallbackPage } from '@sign-relay/shared';
import { callRoute, type TokenHolder } from '../../auth/routes.ts';
import { errorCodeOf, type RequestErrorCode } from '../../signaling/socket.ts';

/** How often the list is fetched again. */
export const CALLBACK_POLL_MS = 5_000;

/** Requests on one page of the desk's list. */
export const CALLBACK_PAGE_SIZE = 20;

export interface CallbackList {
  /** The requests on the page shown; null until the first answer. */
  items: CallbackItem[] | null;
  /** Every open request, on all pages; null until the first answer. */
  total: number | null;
  /** The page shown (from 1) and how many there are (at least 1). */
  page: number;
  pages: number;
  /** Shows another page (clamped to the pages there are). */
  goToPage(page: number): void;
  /** The last fetch failed (the last list, if any, is kept). */
  loadError: RequestErrorCode | null;
  /** The request an action is under way for. */
  busy: string | null;
  /** What the last action on a request was refused for, by request id. */
  actionError: { id: string; code: RequestErrorCode } | null;
  claim(id: string): Promise<boolean>;
  release(id: string): Promise<boolean>;
  close(id: string, outcome: Exclude<CallbackOutcome, 'case-filed'>, note: string): Promise<boolean>;
  refresh(): void;
}

/** How many pages `total` requests fill (one, even when there are none). */
export function pagesOf(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

export function useCallbackList(auth: TokenHolder | null, pollMs = CALLBACK_POLL_MS, pageSize = CALLBACK_PAGE_SIZE): CallbackList {
  const [answer, setAnswer] = useState<CallbackPage | null>(null);
  const [page, setPage] = useState(1);
  const [loadError, setLoadError] = useState<RequestErrorCode | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<CallbackList['actionError']>(null);
  const seq = useRef(0);

  const refresh = useCallback(() => {
    if (!auth) return;
    // Only the newest answer counts: a slow one (or one for the page before) must not overwrite a later one.
    const mine = ++seq.current;
    callRoute(auth, callbackRoutes.open, { query: { page, pageSize } }).then(
      (got) => {
        if (mine !== seq.current) return;
        setAnswer(got);
        setLoadError(null);
        // Requests closed meanwhile can leave this page past the end: show the last page there is.
        const last = pagesOf(got.total, got.pageSize);
        if (page > last) setPage(last);
      },
      (error: unknown) => {
        if (mine === seq.current) setLoadError(errorCodeOf(error));
      },
    );
  }, [auth, page, pageSize]);

  useEffect(() => {
    refresh();
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') refresh();
    }, pollMs);
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      seq.current++;
    };
  }, [refresh, pollMs]);

  const act = useCallback(
    async (id: string, run: () => Promise<CallbackItem>): Promise<boolean> => {
      setBusy(id);
      setActionError(null);
      try {
        const item = await run();
        seq.current++; // an older fetch under way no longer counts
        setAnswer((a) => {
          if (!a) return a;
          const closed = item.doneAt !== null && a.items.some((i) => i.id === id);
          return { ...a, items: a.items.flatMap((i) => (i.id !== id ? [i] : item.doneAt === null ? [item] : [])), total: closed ? a.total - 1 : a.total };
        });
        return true;
      } catch (error) {
        setActionError({ id, code: errorCodeOf(error) });
        return false;
      } finally {
        setBusy(null);
        refresh();
      }
    },
    [refresh],
  );

  const pages = answer ? pagesOf(answer.total, answer.pageSize) : 1;
  return {
    items: answer?.items ?? null,
    total: answer?.total ?? null,
    page,
    pages,
    goToPage: (n) => setPage(Math.min(Math.max(1, Math.trunc(n) || 1), pages)),
    loadError,
    busy,
    actionError,
    refresh,
    // What this desk takes goes to the top of the first page (its own first): the list follows it there.
    claim: async (id) => {
      const ok = await act(id, () => callRoute(auth, callbackRoutes.claim, { params: { id } }));
      if (ok) setPage(1);
      return ok;
    },
    release: (id) => act(id, () => callRoute(auth, callbackRoutes.release, { params: { id } })),
    close: (id, outcome, note) => act(id, () => callRoute(auth, callbackRoutes.close, { params: { id }, body: { outcome, ...(note.trim() ? { note: note.trim() } : {}) } })),
  };
}
