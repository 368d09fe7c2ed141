/**
 * Where the caller screens run: a caller's own browser, or one of the city's public kiosks (a shared device
 * in a district office, a library, an MRT station). The same screens serve both; a kiosk gets guest tokens
 * for its kiosk id, keeps nothing of a visitor beyond the visit, and shows no way into the staff screens.
 */
import { createContext, useContext, useEffect } from 'react';

export type Surface = { kind: 'web' } | { kind: 'kiosk'; kioskId: string };

export const WEB: Surface = { kind: 'web' };

/** What the server accepts as a kiosk id (`/api/auth/guest`). */
export const KIOSK_ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

const SurfaceContext = createContext<Surface>(WEB);

export const SurfaceProvider = SurfaceContext.Provider;

export function useSurface(): Surface {
  return useContext(SurfaceContext);
}

/**
 * A kiosk ends a visit (clears what the visitor left and starts over) after a while without a touch — but
 * never while the visitor is in line, in a call or in a chat. Screens say so with {@link useVisitHold}; in a
 * personal browser nobody listens.
 */
export interface VisitHolds {
  /** Marks the visit as live until the returned release is called. */
  hold(): () => void;
}

const VisitContext = createContext<VisitHolds>({ hold: () => () => undefined });

export const VisitHoldsProvider = VisitContext.Provider;

/** Keeps the visit live while `live` is true (waiting in line, in a call, in a chat that has not ended). */
export function useVisitHold(live: boolean): void {
  const { hold } = useContext(VisitContext);
  useEffect(() => (live ? hold() : undefined), [live, hold]);
}
