/**
 * Runs a {@link CallSession} for as long as the call screen is mounted and re-renders on every
 * change. The session starts on the next task so that React's development double-mount (mount,
 * unmount, mount) never joins, hangs up and re-joins the same call.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { CallId, ParticipantRole } from '@sign-relay/shared';
import { CallSession } from '../media/CallSession.ts';
import type { CallSnapshot } from '../media/CallSession.ts';
import { getSocket } from '../signaling/socket.ts';

export interface CallControls {
  toggleCamera(): void;
  toggleMic(): void;
  retryCamera(): void;
  hangup(): void;
}

export function useCallSession(callId: CallId, role: ParticipantRole): { snapshot: CallSnapshot; controls: CallControls } {
  const [session, setSession] = useState(() => new CallSession({ callId, role }, { socket: getSocket() }));

  useEffect(() => {
    // A fresh session per mount (and per call id): a closed session cannot be restarted.
    const current = new CallSession({ callId, role }, { socket: getSocket() });
    setSession(current);
    const timer = setTimeout(() => void current.start(), 0);
    return () => {
      clearTimeout(timer);
      current.close();
    };
  }, [callId, role]);

  const snapshot = useSyncExternalStore(
    (onChange) => session.subscribe(onChange),
    () => session.getSnapshot(),
  );

  const controls: CallControls = {
    toggleCamera: () => void session.toggleCamera(),
    toggleMic: () => void session.toggleMic(),
    retryCamera: () => void session.retryCamera(),
    hangup: () => void session.hangup(),
  };
  return { snapshot, controls };
}
