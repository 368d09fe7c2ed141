import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { VisitHold, VisitHolds } from '@sign-relay/relay-web/surface';

/** How long "are you still there?" waits for a touch: 30 s, or half the idle time if that is shorter. */
export function askForMs(idleMs: number): number {
  return Math.min(30_000, Math.floor(idleMs / 2));
}

/**
 * How long a visitor may wait in line or in a chat without touching the screen before being asked: waiting is
 * not idleness (waits of several minutes are normal, and a Deaf visitor looks around the hall, not at the
 * screen), so only a wait far beyond any real one — the line closed for the night, nobody ever answering — asks
 * and then gives the place up, so the kiosk does not stay someone's forever. At least the idle time.
 */
export const WAITING_CEILING_MS = 30 * 60_000;

export function waitingCeilingMs(idleMs: number): number {
  return Math.max(WAITING_CEILING_MS, idleMs);
}

/** How long the visit's screens get to give up a place in line or end a chat before the kiosk starts over. */
export const ABANDON_TIMEOUT_MS = 3_000;

export interface IdleVisit {
  /** Given to the caller screens: they hold the visit while the visitor is in line, in a call or in a chat. */
  holds: VisitHolds;
  /** Whether some screen holds the visit now. */
  held: boolean;
  /** "Are you still there?" is showing: when the visit ends unless someone touches the screen. */
  askingUntil: number | null;
  /** The visitor answered "I'm still here". */
  stillHere(): void;
}

/**
 * The end of a kiosk visit (`onIdle`) when nobody is using the screen:
 * - nothing held (the first screens, the summary after a call): after `idleMs` without a touch, a click or a
 *   key, "are you still there?" is asked for {@link askForMs}; unanswered, the visit ends;
 * - held by a call: never (the interpreter sees whether anyone is there and hangs up; the visit then ends as
 *   above, from the summary screen);
 * - held by the line or a chat: waiting is not idleness, so not after `idleMs`; only after
 *   {@link waitingCeilingMs} untouched is the question asked, and unanswered the holding screens give up the
 *   place / end the chat before the visit ends.
 * A hold that starts or ends starts the idle time afresh, so a visitor who just hung up gets the full time to read.
 * A fresh visit nobody has touched yet is left alone: there is nothing to clear, and a kiosk standing unused in a
 * hall must not flash at the room every few minutes.
 */
export function useIdleVisit(idleMs: number, onIdle: () => void, now: () => number = Date.now): IdleVisit {
  const holdsRef = useRef(new Map<number, VisitHold>());
  const nextId = useRef(0);
  const [version, setVersion] = useState(0);
  const [askingUntil, setAskingUntil] = useState<number | null>(null);
  const lastInput = useRef(now());
  /** Someone has used this visit (a touch, a key, a screen that holds it): only then is there anything to end. */
  const used = useRef(false);
  const idle = useRef(onIdle);
  idle.current = onIdle;
  const ending = useRef(false);

  const hold = useCallback(
    (what: VisitHold) => {
      const id = nextId.current++;
      holdsRef.current.set(id, what);
      used.current = true;
      lastInput.current = now();
      setAskingUntil(null);
      setVersion((v) => v + 1);
      return () => {
        if (!holdsRef.current.delete(id)) return;
        lastInput.current = now();
        setVersion((v) => v + 1);
      };
    },
    [now],
  );

  const stillHere = useCallback(() => {
    lastInput.current = now();
    setAskingUntil(null);
  }, [now]);

  useEffect(() => {
    const touched = (): void => {
      used.current = true;
      lastInput.current = now();
      setAskingUntil(null);
    };
    const events = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, touched, { capture: true, passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, touched, { capture: true });
    };
  }, [now]);

  const holds = [...holdsRef.current.values()];
  const inCall = holds.some((h) => h.kind === 'call');
  const held = holds.length > 0;

  useEffect(() => {
    if (inCall) {
      setAskingUntil(null);
      return;
    }
    const end = async (): Promise<void> => {
      if (ending.current) return;
      ending.current = true;
      const abandons = [...holdsRef.current.values()].map((h) => h.abandon?.().catch(() => undefined) ?? Promise.resolve());
      await Promise.race([Promise.all(abandons), new Promise((r) => setTimeout(r, ABANDON_TIMEOUT_MS))]);
      idle.current();
    };
    const timer = setInterval(() => {
      if (ending.current || !used.current) return;
      const quiet = now() - lastInput.current;
      const waiting = holdsRef.current.size > 0;
      const after = waiting ? waitingCeilingMs(idleMs) : idleMs;
      if (quiet < after) return;
      const until = lastInput.current + after + askForMs(idleMs);
      if (now() >= until) void end();
      else setAskingUntil((a) => a ?? until);
    }, Math.min(1000, idleMs));
    return () => clearInterval(timer);
  }, [inCall, idleMs, now, version]);

  const visitHolds = useMemo(() => ({ hold }), [hold]);
  return { holds: visitHolds, held, askingUntil, stillHere };
}
