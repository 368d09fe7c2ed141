/**
 * One authenticated signaling connection for as long as a screen needs it. The token comes from a
 * {@link TokenSource} at every (re)connection; a renewed token is presented on the open connection
 * (`auth:renew`); a connection refused as UNAUTHENTICATED gets one fresh token and tries again.
 */
import { useEffect, useState } from 'react';
import type { TokenSource } from '../auth/TokenSource.ts';
import { connectErrorCode, openSocket, request } from './socket.ts';
import type { SignalingSocket } from './socket.ts';

export interface Signaling {
  socket: SignalingSocket | null;
  connected: boolean;
  /** The server refused the connection and renewing the token did not help (signed out, or blocked). */
  refused: string | null;
}

export function useSignaling(source: TokenSource | null): Signaling {
  const [state, setState] = useState<Signaling>({ socket: null, connected: false, refused: null });

  useEffect(() => {
    if (!source) {
      setState({ socket: null, connected: false, refused: null });
      return;
    }
    const socket = openSocket(() => source.token());
    let renewedOnce = false;
    const update = (patch: Partial<Signaling>): void => setState((s) => (s.socket === socket ? { ...s, ...patch } : s));
    const onConnect = (): void => {
      renewedOnce = false;
      update({ connected: true, refused: null });
    };
    const onDisconnect = (): void => update({ connected: false });
    const onConnectError = (error: Error): void => {
      // Refused by the server (not a network failure): socket.io does not retry these by itself.
      if (socket.active) return;
      const code = connectErrorCode(error) ?? 'UNAVAILABLE';
      if (code === 'UNAUTHENTICATED' && !renewedOnce) {
        renewedOnce = true;
        void source.renew().then((token) => {
          if (token) socket.connect();
          else update({ refused: code });
        });
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
      offToken();
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      socket.disconnect();
    };
  }, [source]);

  return state;
}
