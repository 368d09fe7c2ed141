/**
 * JSON over HTTP to the server's /api routes. A failure becomes a {@link SignalingError} with the server's
 * coded error (`{error:{code,message}}`), so screens translate HTTP and socket failures the same way.
 */
import type { ErrorCode } from '@sign-relay/shared';
import { SignalingError } from '../signaling/socket.ts';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * The server's codes, listed here rather than imported at run time: the first screen then loads no schema
 * code. The Record type makes a code added in shared/ a compile error until it is listed.
 */
const KNOWN: Record<ErrorCode, true> = {
  BAD_REQUEST: true,
  UNKNOWN_EVENT: true,
  UNAUTHENTICATED: true,
  NOT_FOUND: true,
  FORBIDDEN: true,
  CALL_FULL: true,
  CALL_ENDED: true,
  NOT_IN_CALL: true,
  ALREADY_IN_CALL: true,
  MEDIA_ERROR: true,
  RATE_LIMITED: true,
  CONFLICT: true,
  CASE_INCOMPLETE: true,
  READBACK_REQUIRED: true,
  UNAVAILABLE: true,
  INTERNAL: true,
};
const CODES: ReadonlySet<string> = new Set(Object.keys(KNOWN));

function codeOf(body: unknown, status: number): ErrorCode {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  if (typeof code === 'string' && CODES.has(code)) return code as ErrorCode;
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  return status >= 500 ? 'UNAVAILABLE' : 'BAD_REQUEST';
}

/**
 * Sends a request and resolves with the JSON answer (`undefined` for 204), or rejects with a coded error. The
 * answer is untyped here: screens call a route declared in shared/ (`callRoute` in routes.ts), whose
 * declaration types it.
 */
export async function apiRequest(
  path: string,
  init: { method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; body?: unknown; token?: string | null; fetchFn?: FetchLike } = {},
): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const fetchFn = init.fetchFn ?? ((input, options) => globalThis.fetch(input, options));
  let res: Response;
  try {
    res = await fetchFn(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch {
    throw new SignalingError('TIMEOUT', `${path}: the server could not be reached`);
  }
  if (res.status === 204) return undefined;
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
    throw new SignalingError(codeOf(body, res.status), typeof message === 'string' ? message : `${path}: HTTP ${res.status}`);
  }
  return body;
}
