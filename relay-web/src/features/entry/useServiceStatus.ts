/**
 * What is open now (GET /api/service/status, public): fetched on mount, again every minute (sooner when an
 * opening or closing is due), when the tab comes back into view, and on demand.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { scheduleRoutes, type ServiceStatus } from '@sign-relay/shared';
import { sendRoute } from '../../auth/routes.ts';
import { errorCodeOf } from '../../signaling/socket.ts';
import type { RequestErrorCode } from '../../signaling/socket.ts';
import { nextRefreshMs } from './serviceTimes.ts';

export interface ServiceStatusState {
  status: ServiceStatus | null;
  /** When the status arrived (this browser's clock): the server's "now" moves on from `status.at` since then. */
  receivedAt: number;
  /** The last fetch failed (the last status, if any, is kept). */
  error: RequestErrorCode | null;
  refresh(): void;
}

/** The server's clock now, from a status and when it arrived. */
export function serverNow(s: Pick<ServiceStatusState, 'status' | 'receivedAt'>, now = Date.now()): number {
  return s.status ? s.status.at + Math.max(0, now - s.receivedAt) : now;
}

export function useServiceStatus(): ServiceStatusState {
  const [state, setState] = useState<Omit<ServiceStatusState, 'refresh'>>({ status: null, receivedAt: Date.now(), error: null });
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    clearTimeout(timer.current);
    sendRoute(null, scheduleRoutes.status, {}).then(
      (status) => {
        if (cancelled) return;
        setState({ status, receivedAt: Date.now(), error: null });
        timer.current = setTimeout(refresh, nextRefreshMs(status));
      },
      (error: unknown) => {
        if (cancelled) return;
        setState((s) => ({ ...s, error: errorCodeOf(error) }));
        timer.current = setTimeout(refresh, 15_000);
      },
    );
    return () => {
      cancelled = true;
      clearTimeout(timer.current);
    };
  }, [tick, refresh]);

  useEffect(() => {
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [refresh]);

  return { ...state, refresh };
}
