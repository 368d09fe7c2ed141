/**
 * Where the caller screens run: a caller's own browser, or one of the city's public kiosks (a shared device
 * in a district office, a library, an MRT station). The same screens serve both; a kiosk gets guest tokens
 * for its kiosk id, keeps nothing of a visitor beyond the visit, and shows no way into the staff screens.
 */
import { createContext, useContext, useEffect, useRef } from 'react';

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
 * A kiosk ends a visit (clears what the visitor left and starts over) after a while without a touch. While the
 * visitor is in a call it never does (the interpreter sees whether anyone is there). While they wait in line or
 * chat, it first asks whether they are still there, and only then gives up their place or ends their chat
 * (`abandon`), so their words do not stay on a public screen. Screens say what they hold with
 * {@link useVisitHold}; in a personal browser nobody listens.
 */
export interface VisitHold {
  kind: 'call' | 'line' | 'chat';
  /** What to do when the visitor has gone (leave the line, end the chat). */
  abandon?: () => Promise<unknown>;
}

export interface VisitHolds {
  /** Marks the visit as live until the returned release is called. */
  hold(what: VisitHold): () => void;
}

const VisitContext = createContext<VisitHolds>({ hold: () => () => undefined });

export const VisitHoldsProvider = VisitContext.Provider;

/** Holds the visit while `live` (waiting in line, in a call, in a chat that has not ended). */
export function useVisitHold(live: boolean, kind: VisitHold['kind'], abandon?: () => Promise<unknown>): void {
  const { hold } = useContext(VisitContext);
  // The latest abandon, without re-holding on every render.
  const latest = useRef(abandon);
  latest.current = abandon;
  useEffect(() => (live ? hold({ kind, abandon: () => latest.current?.() ?? Promise.resolve() }) : undefined), [live, kind, hold]);
}
