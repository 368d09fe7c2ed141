import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@sign-relay/shared';
import type { Connection } from './Connection.ts';

/** What the server keeps on each socket: the connection's state (see {@link Connection}). */
export interface SocketData {
  connection: Connection;
}

/** The typed socket.io server that serves signaling. */
export type SignalingServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type ClientSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
