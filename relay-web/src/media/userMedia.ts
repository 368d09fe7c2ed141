/**
 * Getting the camera and microphone for sign language: 640×480 at 30 fps preferred and never
 * below 20 fps, and a clear classification of what went wrong when the browser refuses.
 */
import { SIGN_VIDEO } from '@sign-relay/shared';

/** Why the camera is unavailable, as shown to the user (`data-error` on the camera-error element). */
export type CameraErrorKind = 'denied' | 'missing' | 'other';

/** Strict constraints first: sign language needs the frame rate more than the resolution. */
export const STRICT_VIDEO: MediaTrackConstraints = {
  width: { ideal: SIGN_VIDEO.width, min: SIGN_VIDEO.width },
  height: { ideal: SIGN_VIDEO.height, min: SIGN_VIDEO.height },
  frameRate: { ideal: SIGN_VIDEO.frameRate, min: SIGN_VIDEO.minFrameRate },
};

/** The fallback when a camera cannot meet the minimums: ask for the same, accept what it gives. */
export const IDEAL_VIDEO: MediaTrackConstraints = {
  width: { ideal: SIGN_VIDEO.width },
  height: { ideal: SIGN_VIDEO.height },
  frameRate: { ideal: SIGN_VIDEO.frameRate },
};

export const AUDIO: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true };

/** The error's DOMException-style name, whatever shape the browser threw. */
function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string') {
    return error.name;
  }
  return '';
}

/** Maps a getUserMedia rejection to what the user is told. Names cover current and legacy browsers. */
export function classifyMediaError(error: unknown): CameraErrorKind {
  switch (errorName(error)) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'missing';
    default:
      return 'other';
  }
}

function isOverconstrained(error: unknown): boolean {
  const name = errorName(error);
  return name === 'OverconstrainedError' || name === 'ConstraintNotSatisfiedError';
}

/** What {@link acquireLocalMedia} obtained: a stream (possibly without video or audio) and any camera problem. */
export interface LocalMedia {
  stream: MediaStream | null;
  cameraError: CameraErrorKind | null;
}

export type GetUserMedia = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

function browserGetUserMedia(): GetUserMedia | null {
  const devices = globalThis.navigator?.mediaDevices;
  return devices?.getUserMedia ? (c) => devices.getUserMedia(c) : null;
}

/** Video with the strict constraints, retried with ideals only if the camera cannot meet them. */
async function withVideo(gum: GetUserMedia, audio: boolean): Promise<MediaStream> {
  const audioConstraints = audio ? AUDIO : false;
  try {
    return await gum({ video: STRICT_VIDEO, audio: audioConstraints });
  } catch (error) {
    if (!isOverconstrained(error)) throw error;
    return gum({ video: IDEAL_VIDEO, audio: audioConstraints });
  }
}

/**
 * Opens camera and microphone together (one permission prompt). If a device is missing, keeps
 * whatever does exist so the call can go on: no camera still lets the caller see the interpreter.
 * Never throws; the problem is reported in `cameraError`.
 */
export async function acquireLocalMedia(gum: GetUserMedia | null = browserGetUserMedia()): Promise<LocalMedia> {
  if (!gum) return { stream: null, cameraError: 'other' };
  try {
    return { stream: await withVideo(gum, true), cameraError: null };
  } catch (error) {
    const kind = classifyMediaError(error);
    if (kind === 'denied') return { stream: null, cameraError: kind };
    // One of the two devices may be the problem: try each alone.
    const video = await withVideo(gum, false).then(
      (stream) => ({ stream, error: null }),
      (e: unknown) => ({ stream: null, error: classifyMediaError(e) }),
    );
    const audio = await gum({ audio: AUDIO }).catch(() => null);
    if (video.stream && audio) {
      for (const track of audio.getAudioTracks()) video.stream.addTrack(track);
    }
    return { stream: video.stream ?? audio, cameraError: video.error };
  }
}
