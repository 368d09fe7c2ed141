/**
 * Loading for the API-key and audit screens through the declared routes: the keys (with issue and revoke)
 * and one page of the audit log. An answer is kept only if it still belongs to what is asked for now.
 */
import { useCallback, useEffect, useState } from 'react';
import { caseRoutes } from '@sign-relay/shared';
import type { ApiKeyInfo, AuditEntry } from '@sign-relay/shared';
import { callRoute } from '../../auth/routes.ts';
import type { TokenHolder } from '../../auth/routes.ts';
import { errorCodeOf } from '../../signaling/socket.ts';
import type { RequestErrorCode } from '../../signaling/socket.ts';

export interface Loaded<T> {
  data: T | null;
  loading: boolean;
  error: RequestErrorCode | null;
  reload(): void;
}

function useLoad<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; loading: boolean; error: RequestErrorCode | null }>({ data: null, loading: true, error: null });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => ({ data: s.data, loading: true, error: null }));
    load().then(
      (data) => current && setState({ data, loading: false, error: null }),
      (e: unknown) => current && setState((s) => ({ data: s.data, loading: false, error: errorCodeOf(e) })),
    );
    return () => {
      current = false;
    };
    // `load` is rebuilt every render; `key` names what it loads.
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

export interface ApiKeys extends Loaded<ApiKeyInfo[]> {
  /** Issues a key; the answer holds the key itself, the only time it is ever seen. */
  issue(k: { name: string; canPost: boolean; canUpdateStatus: boolean }): Promise<{ key: string; info: ApiKeyInfo }>;
  revoke(id: string): Promise<ApiKeyInfo>;
}

export function useApiKeys(auth: TokenHolder): ApiKeys {
  const loaded = useLoad('keys', () => callRoute(auth, caseRoutes.apiKeys, {}));
  const { reload } = loaded;
  const issue = useCallback(
    async (k: { name: string; canPost: boolean; canUpdateStatus: boolean }) => {
      const issued = await callRoute(auth, caseRoutes.issueApiKey, { body: k });
      reload();
      return issued;
    },
    [auth, reload],
  );
  const revoke = useCallback(
    async (id: string) => {
      const info = await callRoute(auth, caseRoutes.revokeApiKey, { params: { id } });
      reload();
      return info;
    },
    [auth, reload],
  );
  return { ...loaded, issue, revoke };
}

/** One page of the audit log, newest first: `limit` entries before the id `before` (or the newest). */
export function useAuditPage(auth: TokenHolder, before: number | undefined, limit: number): Loaded<AuditEntry[]> {
  return useLoad(`audit:${before ?? 'newest'}:${limit}`, () => callRoute(auth, caseRoutes.audit, { query: { limit, ...(before !== undefined ? { before } : {}) } }));
}
