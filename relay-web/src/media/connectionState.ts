/**
 * The one connection state the call screen shows (`data-state` on the connection-state element),
 * derived from the session's phase and what the transports and remote media report.
 */
import type { types as ms } from 'mediasoup-client';

export const CONNECTION_STATES = [
  'idle',
  'joining',
  'waiting-for-peer',
  'connecting',
  'connected',
  'reconnecting',
  'failed',
  'ended',
] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/** Where the session is in its life; transports and media refine `in-call` into the states above. */
export type SessionPhase = 'idle' | 'joining' | 'in-call' | 'ended' | 'failed';

export interface ConnectionInputs {
  phase: SessionPhase;
  /** The signaling socket is connected. */
  socketConnected: boolean;
  /** `null` until the transport exists. */
  sendTransport: ms.ConnectionState | null;
  recvTransport: ms.ConnectionState | null;
  /** We have something to send; without it the send transport never connects and is not waited for. */
  sending: boolean;
  /** Another participant is in the call. */
  remotePeerPresent: boolean;
  /** Video from another participant is arriving (its track has been unmuted by incoming RTP). */
  remoteVideoReceiving: boolean;
  /** The media connection is being made again with new transports (ICE restarts did not bring it back). */
  rebuilding?: boolean;
}

/**
 * `connected` means both that our media goes out (send transport connected, when we have media)
 * and that the other side's video comes in. A dropped socket or an ICE `disconnected` shows as
 * `reconnecting`; a transport that `failed` shows as `failed`.
 */
export function deriveConnectionState(i: ConnectionInputs): ConnectionState {
  switch (i.phase) {
    case 'idle':
      return 'idle';
    case 'joining':
      return i.socketConnected ? 'joining' : 'reconnecting';
    case 'ended':
      return 'ended';
    case 'failed':
      return 'failed';
    case 'in-call':
      break;
  }
  if (i.sendTransport === 'failed' || i.recvTransport === 'failed') return 'failed';
  if (!i.socketConnected || i.rebuilding || i.sendTransport === 'disconnected' || i.recvTransport === 'disconnected') {
    return 'reconnecting';
  }
  if (!i.remotePeerPresent) return 'waiting-for-peer';
  const sendReady = !i.sending || i.sendTransport === 'connected';
  return sendReady && i.remoteVideoReceiving ? 'connected' : 'connecting';
}
