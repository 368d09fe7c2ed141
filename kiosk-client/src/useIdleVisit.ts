import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { VisitHolds } from '@sign-relay/relay-web/src/surface/surface.ts';

export interface IdleVisit {
  /** Given to the caller screens: they hold the visit while the visitor is in line, in a call or in a chat. */
  holds: VisitHolds;
  /** Whether some screen holds the visit now. */
  held: boolean;
}

/**
 * Ends the visit (`onIdle`) after `idleMs` without a touch, a click or a key — unless a screen holds it.
 * A hold that ends starts the idle time afresh, so a visitor who just hung up gets the full time to read.
 */
export function useIdleVisit(idleMs: number, onIdle: () => void, now: () => number = Date.now): IdleVisit {
  const [count, setCount] = useState(0);
  const lastInput = useRef(now());
  // The latest callback, so a new function from each render does not restart the clock.
  const idle = useRef(onIdle);
  idle.current = onIdle;

  const hold = useCallback(() => {
    setCount((n) => n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      lastInput.current = now();
      setCount((n) => n - 1);
    };
  }, [now]);

  useEffect(() => {
    const touched = (): void => {
      lastInput.current = now();
    };
    const events = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, touched, { capture: true, passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, touched, { capture: true });
    };
  }, [now]);

  useEffect(() => {
    if (count > 0) return;
    const timer = setInterval(() => {
      if (now() - lastInput.current >= idleMs) idle.current();
    }, Math.min(1000, idleMs));
    return () => clearInterval(timer);
  }, [count, idleMs, now]);

  const holds = useMemo(() => ({ hold }), [hold]);
  return { holds, held: count > 0 };
}
