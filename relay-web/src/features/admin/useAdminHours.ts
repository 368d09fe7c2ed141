/**
 * The service hours for the admins' editor: GET /api/admin/service-hours (always fresh), and a save with the
 * version that was read (PUT), which the server refuses when someone else saved in between. A refused token
 * is renewed once before giving up.
 */
import { useCallback, useEffect, useState } from 'react';
import { scheduleRoutes, type HoursDocument, type ServiceHours } from '@sign-relay/shared';
import { callRoute } from '../../auth/routes.ts';
import type { StaffAuth } from '../../auth/StaffAuth.ts';
import { errorCodeOf } from '../../signaling/socket.ts';
import type { RequestErrorCode } from '../../signaling/socket.ts';

export interface AdminHours {
  doc: HoursDocument | null;
  loading: boolean;
  loadError: RequestErrorCode | null;
  /** Counts loads (not saves): an editor keyed by it starts afresh after a reload. */
  generation: number;
  reload(): void;
  /** Saves; resolves with the stored document, or rejects with a coded error whose message the server wrote. */
  save(hours: ServiceHours, version: number | null): Promise<HoursDocument>;
}

export function useAdminHours(auth: StaffAuth): AdminHours {
  const [doc, setDoc] = useState<HoursDocument | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<RequestErrorCode | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setLoadError(null);
    callRoute(auth, scheduleRoutes.hours, {}).then(
      (d) => {
        if (cancelled) return;
        setDoc(d);
        setGeneration((n) => n + 1);
        setLoading(false);
      },
      (error: unknown) => {
        if (cancelled) return;
        setLoadError(errorCodeOf(error));
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [auth, attempt]);

  const save = useCallback(
    async (hours: ServiceHours, version: number | null): Promise<HoursDocument> => {
      const saved = await callRoute(auth, scheduleRoutes.saveHours, { body: { hours, version } });
      setDoc(saved);
      return saved;
    },
    [auth],
  );

  return { doc, loading, loadError, generation, reload: () => setAttempt((n) => n + 1), save };
}
