/**
 * Creating a call for a caller: asks the server for a new call id, then opens the call screen at
 * /call/<id>, where the caller joins it.
 */
import { useCallback, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorCodeOf, getSocket, request } from '../signaling/socket.ts';
import type { RequestErrorCode } from '../signaling/socket.ts';

export interface CreateCall {
  create(): void;
  busy: boolean;
  error: RequestErrorCode | null;
}

export function useCreateCall(): CreateCall {
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestErrorCode | null>(null);
  // A second tap while the first is on its way must not create a second call.
  const inFlight = useRef(false);

  const create = useCallback(() => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    request(getSocket(), 'call:create', {})
      .then(({ callId }) => navigate(`/call/${callId}`, { replace: true }))
      .catch((e: unknown) => setError(errorCodeOf(e)))
      .finally(() => {
        inFlight.current = false;
        setBusy(false);
      });
  }, [navigate]);

  return { create, busy, error };
}
