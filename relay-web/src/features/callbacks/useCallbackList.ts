/**
 * The open call-back requests for the desk, over HTTP: fetched at once, again every few seconds (so a colleague's
 * claim or a new request shows within that time), when the tab comes back into view, and right after this desk
 * changed one. Claim, release and close answer with the request as it now is.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { callbackRoutes, type CallbackItem, type CallbackOutcome } from '@sign-relay/shared';
import { callRoute, type TokenHolder } from '../../auth/routes.ts';
import { errorCodeOf, type RequestErrorCode } from '../../signaling/socket.ts';

/** How often the list is fetched again. */
export const CALLBACK_POLL_MS = 5_000;

export interface CallbackList {
  /** Null until the first answer. */
  items: CallbackItem[] | null;
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

export function useCallbackList(auth: TokenHolder | null, pollMs = CALLBACK_POLL_MS): CallbackList {
  const [items, setItems] = useState<CallbackItem[] | null>(null);
  const [loadError, setLoadError] = useState<RequestErrorCode | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<CallbackList['actionError']>(null);
  const seq = useRef(0);

  const refresh = useCallback(() => {
    if (!auth) return;
    // Only the newest answer counts: a slow one must not overwrite a later one.
    const mine = ++seq.current;
    callRoute(auth, callbackRoutes.open, {}).then(
      (list) => {
        if (mine !== seq.current) return;
        setItems(list);
        setLoadError(null);
      },
      (error: unknown) => {
        if (mine === seq.current) setLoadError(errorCodeOf(error));
      },
    );
  }, [auth]);

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
        setItems((list) => (list ?? []).flatMap((i) => (i.id !== id ? [i] : item.doneAt === null ? [item] : [])));
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

  return {
    items,
    loadError,
    busy,
    actionError,
    refresh,
    claim: (id) => act(id, () => callRoute(auth, callbackRoutes.claim, { params: { id } })),
    release: (id) => act(id, () => callRoute(auth, callbackRoutes.release, { params: { id } })),
    close: (id, outcome, note) => act(id, () => callRoute(auth, callbackRoutes.close, { params: { id }, body: { outcome, ...(note.trim() ? { note: note.trim() } : {}) } })),
  };
}
