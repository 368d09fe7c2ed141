import type { ParticipantRole } from '@sign-relay/shared';
import type { PrimaryRemote } from '../media/remoteState.ts';
import type { IconName } from './Icon.tsx';

/** What covers the other person's picture when there is no picture to show, and why. */
export type RemoteNoticeKind = 'waiting' | 'dropped' | 'camera-off' | 'no-video';

export interface RemoteNotice {
  kind: RemoteNoticeKind;
  icon: IconName;
}

/**
 * `null` when the other person's video is playing. Otherwise: nobody has joined yet, the other
 * person dropped out (the server keeps the call open a while for them), their camera is off, or
 * their video has not arrived yet.
 */
export function remoteNoticeFor(remote: PrimaryRemote, remoteDropped: boolean): RemoteNotice | null {
  if (!remote.peer && !remote.video) return remoteDropped ? { kind: 'dropped', icon: 'sync' } : { kind: 'waiting', icon: 'hourglass' };
  if (remote.video?.paused) return { kind: 'camera-off', icon: 'video-off' };
  if (!remote.video?.track || !remote.video.receiving) return { kind: 'no-video', icon: 'hands' };
  return null;
}

/** Which "waiting for…" text a role sees: callers wait for an interpreter, everyone else for the caller. */
export function waitingKey(role: ParticipantRole): 'caller' | 'interpreter' {
  return role === 'caller' ? 'caller' : 'interpreter';
}
