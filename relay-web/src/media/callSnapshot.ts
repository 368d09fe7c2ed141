/**
 * What a call session shows the call screen: one immutable snapshot per change.
 */
import type { CallEndReason, CallId, ParticipantRole, PeerInfo } from '@sign-relay/shared';
import type { types as ms } from 'mediasoup-client';
import type { RequestErrorCode } from '../signaling/socket.ts';
import type { ConnectionState, SessionPhase } from './connectionState.ts';
import type { LocalDeviceState } from './LocalDevices.ts';
import type { PrimaryRemote } from './remoteState.ts';
import type { CameraErrorKind } from './userMedia.ts';

export type { LocalDeviceState };

/** Why the call ended for us: the server's reason, or `left` when we left it to a colleague (transfer). */
export type SessionEndReason = CallEndReason | 'left';

/** Why the session could not go on; `connection-lost` when a dropped connection could not be restored. */
export type SessionFailure = RequestErrorCode | 'connection-lost';

export interface CallSnapshot {
  callId: CallId;
  role: ParticipantRole;
  phase: SessionPhase;
  connectionState: ConnectionState;
  localStream: MediaStream | null;
  camera: LocalDeviceState;
  mic: LocalDeviceState;
  cameraError: CameraErrorKind | null;
  remote: PrimaryRemote;
  /** Everyone else in the call, in join order (a colleague joining for a transfer shows here). */
  remotePeers: readonly PeerInfo[];
  /** Everyone else dropped out; the server holds the call a while for them to come back. */
  remoteDropped: boolean;
  endReason: SessionEndReason | null;
  failure: SessionFailure | null;
  /** Transport states, for support and tests (shown as data attributes, not as text). */
  transports: { send: ms.ConnectionState | null; recv: ms.ConnectionState | null };
  /** How often the media connection was rebuilt with new transports in this call (after ICE restarts did not help). */
  mediaRebuilds: number;
}
