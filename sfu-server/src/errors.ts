import type { ErrorBody, ErrorCode } from '@sign-relay/shared';

const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNKNOWN_EVENT: 400,
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CALL_FULL: 409,
  CALL_ENDED: 410,
  NOT_IN_CALL: 409,
  ALREADY_IN_CALL: 409,
  MEDIA_ERROR: 422,
  RATE_LIMITED: 429,
  CONFLICT: 409,
  CASE_INCOMPLETE: 422,
  READBACK_REQUIRED: 409,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** An error whose code and message are safe to send to a client. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { field: string; rule: string }[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

/** Maps any thrown value to a safe body; unknown errors never leak their text. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  return { code: 'INTERNAL', message: 'Something went wrong on the server.' };
}
