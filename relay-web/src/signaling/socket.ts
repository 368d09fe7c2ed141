/**
 * The typed socket.io connection to the signaling server and a `request()` helper that turns the
 * `{ok, data} | {ok:false, error}` ack into a resolved value or a thrown {@link SignalingError}.
 */
import { io } from 'socket.io-client';
import { ERROR_CODES } from '@sign-relay/shared';
import type { Socket } from 'socket.io-client';
import type {
  Ack,
  ClientEventName,
  ErrorBody,
  ClientPayload,
  ClientResults,
  ClientToServerEvents,
  ErrorCode,
  ServerToClientEvents,
} from '@sign-relay/shared';

export type SignalingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long a request waits for its ack before failing with TIMEOUT. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** Error codes a request can fail with: the server's closed set plus a missing ack. */
export type RequestErrorCode = ErrorCode | 'TIMEOUT';

/** Which fields broke which rules (CASE_INCOMPLETE), as the server named them: stable codes the UI translates. */
export type ErrorDetails = NonNullable<ErrorBody['details']>;

/** A failed request. `message` is safe to log; the UI shows its own translated text for `code` (and `details`). */
export class SignalingError extends Error {
  override readonly name = 'SignalingError';
  constructor(
    readonly code: RequestErrorCode,
    message: string,
    readonly details: ErrorDetails = [],
  ) {
    super(message);
  }
}

/** Narrows the thrown value of a request to its code (`INTERNAL` for anything unexpected). */
export function errorCodeOf(error: unknown): RequestErrorCode {
  return error instanceof SignalingError ? error.code : 'INTERNAL';
}

/** The rule details of a failed request (empty for anything but a SignalingError that carried them). */
export function errorDetailsOf(error: unknown): ErrorDetails {
  return error instanceof SignalingError ? error.details : [];
}

/**
 * The one shape `request()` needs from a socket. socket.io's own generic typing cannot follow a
 * generic event name through `timeout().emitWithAck()`, so the typed socket is viewed through this.
 */
export interface AckEmitter {
  timeout(ms: number): {
    emitWithAck<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<Ack<ClientResults[E]>>;
  };
}

/** Sends one client→server event and resolves with its data, or rejects with a {@link SignalingError}. */
export async function request<E extends ClientEventName>(
  socket: SignalingSocket | AckEmitter,
  event: E,
  payload: ClientPayload<E>,
  timeoutMs: number = REQUEST_TIMEOUT_MS,
): Promise<ClientResults[E]> {
  const emitter = socket as AckEmitter;
  let ack: Ack<ClientResults[E]>;
  try {
    ack = await emitter.timeout(timeoutMs).emitWithAck(event, payload);
  } catch {
    // socket.io rejects only when no ack arrived in time (including while disconnected).
    throw new SignalingError('TIMEOUT', `${event}: no answer within ${timeoutMs} ms`);
  }
  if (ack.ok) return ack.data;
  throw new SignalingError(ack.error.code, ack.error.message, ack.error.details ?? []);
}

/** The code a refused connection carries (`err.data.code`, set by the server's auth middleware). */
export function connectErrorCode(error: unknown): string | null {
  const data = (error as { data?: { code?: unknown } } | null)?.data;
  return typeof data?.code === 'string' ? data.code : null;
}

/** A refusal's code as a known error code (anything else reads as UNAVAILABLE). */
export function asRequestErrorCode(code: string): RequestErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'UNAVAILABLE';
}

/**
 * A socket to the page's own origin (the server serves the app and /socket.io together; in development
 * Vite proxies it), authenticated with whatever `token()` returns at each (re)connection, so a renewed
 * token is used after a drop. Not connected until `connect()`.
 */
export function openSocket(token: () => string | null): SignalingSocket {
  return io({
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    autoConnect: false,
    auth: (cb) => cb({ token: token() ?? '' }),
  });
}
