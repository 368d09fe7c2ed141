/**
 * The caller's connection: a guest token (reused from this browser when still fresh) and one socket,
 * opened the first time it is needed and kept for the page's life (so "call again" is immediate).
 */
import { useEffect, useState } from 'react';
import { GuestAuth } from '../../auth/GuestAuth.ts';
import { errorCodeOf } from '../../signaling/socket.ts';
import type { RequestErrorCode } from '../../signaling/socket.ts';
import { useSignaling } from '../../signaling/useSignaling.ts';
import { useSurface } from '../../surface/surface.ts';
import type { Signaling } from '../../signaling/useSignaling.ts';

export interface GuestSignaling extends Signaling {
  /** Getting a guest token failed (rate limit, server unreachable). */
  tokenError: RequestErrorCode | null;
  retry(): void;
}

export function useGuestSignaling(needed: boolean): GuestSignaling {
  const surface = useSurface();
  const [auth, setAuth] = useState<GuestAuth | null>(null);
  const [tokenError, setTokenError] = useState<RequestErrorCode | null>(null);
  const [attempt, setAttempt] = useState(0);
  const wanted = needed || auth !== null;

  useEffect(() => {
    if (!wanted || auth) return;
    const candidate = new GuestAuth({ surface });
    let cancelled = false;
    setTokenError(null);
    candidate.ensure().then(
      () => {
        if (cancelled) candidate.dispose();
        else setAuth(candidate);
      },
      (error: unknown) => {
        candidate.dispose();
        if (!cancelled) setTokenError(errorCodeOf(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [wanted, auth, attempt, surface]);

  useEffect(() => () => auth?.dispose(), [auth]);

  const signaling = useSignaling(auth);
  return { ...signaling, tokenError, retry: () => setAttempt((n) => n + 1) };
}
