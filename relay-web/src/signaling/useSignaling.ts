/**
 * One authenticated signaling connection for as long as a screen needs it. The token comes from a
 * {@link TokenSource} at every (re)connection; a renewed token is presented on the open connection
 * (`auth:renew`); a connection refused as UNAUTHENTICATED gets one fresh token and tries again. A connection the
 * server closes itself (its token lapsed unrenewed, or the account was disabled or changed) is not retried by
 * socket.io: it gets a fresh token and connects again, or shows the signed-out state when there is none.
 */
import { useCallback, useEffect, useState } from 'react';
import type { TokenSource } from '../auth/TokenSource.ts';
import { connectErrorCode, openSocket, request } from './socket.ts';
import type { SignalingSocket } from './socket.ts';

export interface Signaling {
  socket: SignalingSocket | null;
  connected: boolean;
  /** The server refused the connection and renewing the token did not help (signed out, or blocked). */
  refused: string | null;
  /** Tries a refused connection again (the caller pressed "try again" after closing other windows). */
  reconnect(): void;
}

type SignalingState = Omit<Signaling, 'reconnect'>;

export function useSignaling(source: TokenSource | null): Signaling {
  const [state, setState] = useState<SignalingState>({ socket: null, connected: false, refused: null });

  useEffect(() => {
    if (!source) {
      setState({ socket: null, connected: false, refused: null });
      return;
    }
    const socket = openSocket(() => source.token());
    let renewedOnce = false;
    let closed = false;
    const update = (patch: Partial<SignalingState>): void => setState((s) => (s.socket === socket ? { ...s, ...patch } : s));
    const onConnect = (): void => {
      renewedOnce = false;
      update({ connected: true, refused: null });
    };
    /** A fresh token, then connect again; none (signed out, account disabled): refused as UNAUTHENTICATED. */
    const renewAndConnect = (): void => {
      renewedOnce = true;
      void source.renew().then(
        (token) => {
          if (closed) return;
          if (token) socket.connect();
          else update({ refused: 'UNAUTHENTICATED' });
        },
        () => {
          if (!closed) update({ refused: 'UNAUTHENTICATED' });
        },
      );
    };
    const onDisconnect = (reason: string): void => {
      update({ connected: false });
      if (reason === 'io server disconnect' && !closed) renewAndConnect();
    };
    const onConnectError = (error: Error): void => {
      // Refused by the server (not a network failure): socket.io does not retry these by itself.
      if (socket.active) return;
      const code = connectErrorCode(error) ?? 'UNAVAILABLE';
      if (code === 'UNAUTHENTICATED' && !renewedOnce) {
        renewAndConnect();
        return;
      }
      update({ refused: code });
    };
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    const offToken = source.onToken((token) => {
      if (socket.connected) void request(socket, 'auth:renew', { token }).catch(() => undefined);
    });
    setState({ socket, connected: false, refused: null });
    socket.connect();
    return () => {
      closed = true;
      offToken();
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      socket.disconnect();
    };
  }, [source]);

  const { socket } = state;
  const reconnect = useCallback((): void => {
    if (!socket || socket.connected) return;
    setState((s) => (s.socket === socket ? { ...s, refused: null } : s));
    socket.connect();
  }, [socket]);

  return { ...state, reconnect };
}
