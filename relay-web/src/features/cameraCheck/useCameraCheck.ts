/**
 * The caller's camera check before and while waiting in line: the camera (and microphone, so the call asks
 * nothing more) is opened as soon as the caller reaches the preferences screen, shown to them as a self-view,
 * and a refused or missing camera is found there, long before an interpreter answers. What it found goes with
 * `queue:join`, so the desk can say why there is no picture. The tracks stop when the caller leaves these
 * screens; the browser keeps the permission, so the call itself opens the camera without asking again.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CallerCamera } from '@sign-relay/shared';
import { acquireLocalMedia } from '../../media/userMedia.ts';
import type { CameraErrorKind, GetUserMedia } from '../../media/userMedia.ts';

/** `checking` until the browser has answered (its permission prompt may be open), then what it said. */
export type CameraCheckState = 'checking' | 'ok' | CameraErrorKind;

export interface CameraCheck {
  state: CameraCheckState;
  /** The camera's track while it works, for the self-view. */
  track: MediaStreamTrack | null;
  /** Asks again (after the caller allowed the camera or plugged one in). */
  retry: () => void;
}

/** What the desk is told: nothing while the browser has not answered, `missing` for a camera that won't start. */
export function cameraReport(state: CameraCheckState): CallerCamera | undefined {
  switch (state) {
    case 'checking':
      return undefined;
    case 'ok':
      return 'ok';
    case 'denied':
      return 'blocked';
    case 'missing':
    case 'other':
      return 'missing';
  }
}

/**
 * Runs the check while `active`; every retry asks afresh. `getUserMedia` is for tests (`null`: the browser has
 * none, as on an insecure page).
 */
export function useCameraCheck(active: boolean, getUserMedia?: GetUserMedia | null): CameraCheck {
  const [state, setState] = useState<CameraCheckState>('checking');
  const [track, setTrack] = useState<MediaStreamTrack | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    let stream: MediaStream | null = null;
    setState('checking');
    void acquireLocalMedia(getUserMedia).then((got) => {
      stream = got.stream;
      if (cancelled) {
        stream?.getTracks().forEach((t) => t.stop());
        return;
      }
      const video = stream?.getVideoTracks()[0] ?? null;
      setTrack(video);
      setState(got.cameraError ?? (video ? 'ok' : 'missing'));
    });
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((t) => t.stop());
      setTrack(null);
    };
  }, [active, attempt, getUserMedia]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, track, retry };
}
