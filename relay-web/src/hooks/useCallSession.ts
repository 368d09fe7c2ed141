/**
 * Runs a {@link CallSession} for as long as the call screen is mounted and re-renders on every
 * change. The session starts on the next task so that React's development double-mount (mount,
 * unmount, mount) never joins, hangs up and re-joins the same call.
 */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { CallId, ParticipantRole } from '@sign-relay/shared';
import { CallSession } from '../media/CallSession.ts';
import type { CallSnapshot } from '../media/CallSession.ts';
import type { SignalingSocket } from '../signaling/socket.ts';

export interface CallControls {
  toggleCamera(): void;
  toggleMic(): void;
  retryCamera(): void;
  hangup(): void;
}

export interface CallSessionHandle {
  snapshot: CallSnapshot;
  controls: CallControls;
  /** Leaves the call to the others (after a transfer was accepted). */
  leave(): Promise<void>;
}

/** The call `callId` over the screen's authenticated socket; `role` is what we expect to be, for the words on screen. */
export function useCallSession(socket: SignalingSocket, callId: CallId, role: ParticipantRole): CallSessionHandle {
  const [session, setSession] = useState(() => new CallSession({ callId, role }, { socket }));

  useEffect(() => {
    // A fresh session per mount (and per call id): a closed session cannot be restarted.
    const current = new CallSession({ callId, role }, { socket });
    setSession(current);
    const timer = setTimeout(() => void current.start(), 0);
    return () => {
      clearTimeout(timer);
      current.close();
    };
  }, [socket, callId, role]);

  const snapshot = useSyncExternalStore(
    (onChange) => session.subscribe(onChange),
    () => session.getSnapshot(),
  );

  const controls = useMemo<CallControls>(
    () => ({
      toggleCamera: () => void session.toggleCamera(),
      toggleMic: () => void session.toggleMic(),
      retryCamera: () => void session.retryCamera(),
      hangup: () => void session.hangup(),
    }),
    [session],
  );
  const leave = useCallback(() => session.leave(), [session]);
  return { snapshot, controls, leave };
}
