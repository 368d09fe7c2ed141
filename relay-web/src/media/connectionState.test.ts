// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { deriveConnectionState } from './connectionState.ts';
import type { ConnectionInputs } from './connectionState.ts';

const live: ConnectionInputs = {
  phase: 'in-call',
  socketConnected: true,
  sendTransport: 'connected',
  recvTransport: 'connected',
  sending: true,
  remotePeerPresent: true,
  remoteVideoReceiving: true,
};

describe('deriveConnectionState', () => {
  it('follows the session phase outside a call', () => {
    expect(deriveConnectionState({ ...live, phase: 'idle' })).toBe('idle');
    expect(deriveConnectionState({ ...live, phase: 'joining' })).toBe('joining');
    expect(deriveConnectionState({ ...live, phase: 'ended' })).toBe('ended');
    expect(deriveConnectionState({ ...live, phase: 'failed' })).toBe('failed');
  });

  it('is connected only when our media goes out and their video comes in', () => {
    expect(deriveConnectionState(live)).toBe('connected');
    expect(deriveConnectionState({ ...live, sendTransport: 'connecting' })).toBe('connecting');
    expect(deriveConnectionState({ ...live, sendTransport: 'new' })).toBe('connecting');
    expect(deriveConnectionState({ ...live, remoteVideoReceiving: false })).toBe('connecting');
  });

  it('shows reconnecting while the media connection is rebuilt with new transports', () => {
    expect(deriveConnectionState({ ...live, sendTransport: null, recvTransport: null, remoteVideoReceiving: false, rebuilding: true })).toBe('reconnecting');
  });

  it('does not wait for a send transport when there is nothing to send (camera denied)', () => {
    expect(deriveConnectionState({ ...live, sending: false, sendTransport: 'new' })).toBe('connected');
  });

  it('waits for a peer before anything else', () => {
    const alone = { ...live, remotePeerPresent: false, remoteVideoReceiving: false, sendTransport: 'connecting' as const };
    expect(deriveConnectionState(alone)).toBe('waiting-for-peer');
  });

  it('shows reconnecting for a dropped socket or a disconnected transport', () => {
    expect(deriveConnectionState({ ...live, socketConnected: false })).toBe('reconnecting');
    expect(deriveConnectionState({ ...live, sendTransport: 'disconnected' })).toBe('reconnecting');
    expect(deriveConnectionState({ ...live, recvTransport: 'disconnected' })).toBe('reconnecting');
    expect(deriveConnectionState({ ...live, phase: 'joining', socketConnected: false })).toBe('reconnecting');
  });

  it('shows failed when a transport failed, even while the socket is down', () => {
    expect(deriveConnectionState({ ...live, recvTransport: 'failed' })).toBe('failed');
    expect(deriveConnectionState({ ...live, sendTransport: 'failed', socketConnected: false })).toBe('failed');
  });
});
