/**
 * Our own camera and microphone: the local stream, what the user switched on or off, and why the
 * camera may be unavailable. No signaling and no mediasoup here; the call session sends what this holds.
 */
import type { MediaSource } from '@sign-relay/shared';
import { acquireLocalMedia } from './userMedia.ts';
import type { CameraErrorKind, GetUserMedia } from './userMedia.ts';

/** A local device as the controls show it. */
export interface LocalDeviceState {
  /** We have a track for it. */
  available: boolean;
  /** The user wants it on (the toggle's aria-pressed). */
  on: boolean;
}

export class LocalDevices {
  private current: MediaStream | null = null;
  private cameraOn = true;
  private micOn = true;
  private pending = true;
  private stopped = false;
  /** Why the camera is unavailable, if it is. */
  cameraError: CameraErrorKind | null = null;

  /** `undefined` uses the browser's getUserMedia; `null` means there is none. */
  constructor(private readonly getUserMedia?: GetUserMedia | null) {}

  get stream(): MediaStream | null {
    return this.current;
  }

  /** Camera and microphone have not answered yet (the first permission prompt may be open). */
  get awaiting(): boolean {
    return this.pending;
  }

  get camera(): LocalDeviceState {
    return { available: (this.current?.getVideoTracks().length ?? 0) > 0, on: this.cameraOn };
  }

  get mic(): LocalDeviceState {
    return { available: (this.current?.getAudioTracks().length ?? 0) > 0, on: this.micOn };
  }

  isOn(source: MediaSource): boolean {
    return source === 'camera' ? this.cameraOn : this.micOn;
  }

  /**
   * Asks for camera and microphone. On a retry, tracks the new stream brings replace the old
   * ones and tracks it lacks are kept. Resolves once the browser has answered; never throws.
   */
  async open(): Promise<void> {
    const { stream, cameraError } = await acquireLocalMedia(this.getUserMedia);
    if (this.stopped) {
      stream?.getTracks().forEach((t) => t.stop());
      return;
    }
    if (stream && this.current) {
      for (const old of this.current.getTracks()) {
        if (stream.getTracks().some((t) => t.kind === old.kind)) old.stop();
        else stream.addTrack(old);
      }
    }
    if (stream) this.current = stream;
    this.pending = false;
    this.cameraError = cameraError;
    this.applyEnabled();
  }

  /** Records the user's choice and enables or disables the track (a disabled camera sends black, the self-view goes dark). */
  setOn(source: MediaSource, on: boolean): void {
    if (source === 'camera') this.cameraOn = on;
    else this.micOn = on;
    this.applyEnabled();
  }

  /** Stops every track for good (the camera light goes off). Idempotent. */
  stop(): void {
    this.stopped = true;
    this.current?.getTracks().forEach((t) => t.stop());
    this.current = null;
  }

  private applyEnabled(): void {
    for (const t of this.current?.getVideoTracks() ?? []) t.enabled = this.cameraOn;
    for (const t of this.current?.getAudioTracks() ?? []) t.enabled = this.micOn;
  }
}
