/**
 * A function that sends one client→server event and resolves with its result: what the media
 * and call code needs from signaling, so it can be driven by a fake in tests.
 */
import type { ClientEventName, ClientPayload, ClientResults } from '@sign-relay/shared';
import { request } from './socket.ts';
import type { SignalingSocket } from './socket.ts';

export type Requester = <E extends ClientEventName>(event: E, payload: ClientPayload<E>) => Promise<ClientResults[E]>;

/** A {@link Requester} over a socket. */
export function socketRequester(socket: SignalingSocket): Requester {
  return (event, payload) => request(socket, event, payload);
}
