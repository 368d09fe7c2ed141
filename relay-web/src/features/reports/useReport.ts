/**
 * The report of a period for the page: fetched through the declared route with the staff token (renewed once
 * when it expired), refetched when the period changes; an answer for a period no longer shown is dropped.
 */
import { useEffect, useState } from 'react';
import { caseRoutes } from '@sign-relay/shared';
import type { Report, ReportQuery } from '@sign-relay/shared';
import { callRoute, type TokenHolder } from '../../auth/routes.ts';
import { errorCodeOf } from '../../signaling/socket.ts';
import type { RequestErrorCode } from '../../signaling/socket.ts';

export interface ReportState {
  /** The last report that arrived (kept while the next period loads, so the page does not jump). */
  report: Report | null;
  loading: boolean;
  error: RequestErrorCode | null;
  reload(): void;
}

export function useReport(auth: TokenHolder, query: ReportQuery): ReportState {
  const [report, setReport] = useState<Report | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<RequestErrorCode | null>(null);
  const [attempt, setAttempt] = useState(0);
  const { period, date } = query;

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    callRoute(auth, caseRoutes.report, { query: { period, date } as ReportQuery }).then(
      (r) => {
        if (!current) return;
        setReport(r);
        setLoading(false);
      },
      (e: unknown) => {
        if (!current) return;
        setError(errorCodeOf(e));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [auth, period, date, attempt]);

  return { report, loading, error, reload: () => setAttempt((n) => n + 1) };
}
