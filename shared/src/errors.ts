/**
 * The closed set of error codes a client can receive. Messages that go with them are safe to show.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_EVENT',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'FORBIDDEN',
  'CALL_FULL',
  'CALL_ENDED',
  'NOT_IN_CALL',
  'ALREADY_IN_CALL',
  'MEDIA_ERROR',
  'RATE_LIMITED',
  /** The thing changed since it was read (someone else saved first): read it again, then change it. */
  'CONFLICT',
  /** A case breaks a rule (a dispatch without a district, a petition without a name…): `details` names each. */
  'CASE_INCOMPLETE',
  /** Filing needs the caller's confirmed read-back, or a reason why there is none. */
  'READBACK_REQUIRED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The error half of every ack. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Which fields broke which rules (CASE_INCOMPLETE): stable codes a client translates. */
  details?: { field: string; rule: string }[];
}

/** Every request is answered with this union. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** Narrows an exhaustive switch; reaching it at run time is a programming error. */
export function assertUnreachable(x: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(x)}`);
}
