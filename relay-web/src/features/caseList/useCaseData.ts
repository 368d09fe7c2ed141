/**
 * Loading for the cases screens: one page of the list for a query, and one case. Each answer is kept only
 * if it still belongs to what is asked for now (a quick second filter never shows the first one's rows).
 */
import { useCallback, useEffect, useState } from 'react';
import { caseRoutes } from '@sign-relay/shared';
import type { CaseDetail, CasePage } from '@sign-relay/shared';
import type { TokenHolder } from '../../auth/routes.ts';
import { callRoute } from '../../auth/routes.ts';
import { errorCodeOf } from '../../signaling/socket.ts';
import type { RequestErrorCode } from '../../signaling/socket.ts';
import type { CaseListQuery } from './caseFilters.ts';

export interface Loaded<T> {
  data: T | null;
  loading: boolean;
  error: RequestErrorCode | null;
  reload(): void;
}

/** Loads what `key` names; `keep` shows the previous answer while the next one loads (a list's pages). */
function useLoad<T>(key: string, load: () => Promise<T>, keep: boolean): Loaded<T> & { set(data: T): void } {
  const [state, setState] = useState<{ key: string; data: T | null; loading: boolean; error: RequestErrorCode | null }>({ key, data: null, loading: true, error: null });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    setState((s) => ({ key, data: keep || s.key === key ? s.data : null, loading: true, error: null }));
    load().then(
      (data) => current && setState({ key, data, loading: false, error: null }),
      (e: unknown) => current && setState((s) => ({ key, data: s.data, loading: false, error: errorCodeOf(e) })),
    );
    return () => {
      current = false;
    };
    // `load` is rebuilt every render; `key` names what it loads.
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const set = useCallback((data: T) => setState({ key, data, loading: false, error: null }), [key]);
  return { data: state.data, loading: state.loading, error: state.error, reload, set };
}

/** One page of the case list for `query` (the previous page stays shown while the next one loads). */
export function useCaseList(auth: TokenHolder, query: CaseListQuery, key: string): Loaded<CasePage> {
  return useLoad(key, () => callRoute(auth, caseRoutes.list, { query: { ...query.filter, page: query.page, pageSize: query.pageSize } }), true);
}

/** One case in full; `set` puts the answer of a status change in its place. */
export function useCaseDetail(auth: TokenHolder, id: string): Loaded<CaseDetail> & { set(detail: CaseDetail): void } {
  return useLoad(`case:${id}`, () => callRoute(auth, caseRoutes.detail, { params: { id } }), false);
}
