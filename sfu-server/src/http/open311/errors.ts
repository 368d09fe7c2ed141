/**
 * Open311's own error shape: an array of `{code, description}` with the HTTP status as the code. The
 * statuses follow the GeoReport v2 spec: 404 for what does not exist (a service code, a request, another
 * jurisdiction), 403 for a missing, unknown or revoked api_key or one without the right, 400 for anything
 * else a client sent wrong.
 */
import type { ErrorRequestHandler } from 'express';
import { AppError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';

export type Open311Status = 400 | 403 | 404 | 413 | 500;

export interface Open311ErrorBody {
  code: number;
  description: string;
}

/** An error answered in Open311's shape; one or more descriptions (one per broken rule). */
export class Open311Error extends Error {
  readonly descriptions: readonly string[];

  constructor(
    readonly status: Open311Status,
    descriptions: string | readonly string[],
  ) {
    const list = typeof descriptions === 'string' ? [descriptions] : descriptions;
    super(list.join(' '));
    this.name = 'Open311Error';
    this.descriptions = list;
  }

  toBody(): Open311ErrorBody[] {
    return this.descriptions.map((description) => ({ code: this.status, description }));
  }
}

/** The Open311 status of one of the product's own coded errors. */
function statusOf(err: AppError): Open311Status {
  switch (err.code) {
    case 'NOT_FOUND':
      return 404;
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
      return 403;
    case 'INTERNAL':
    case 'UNAVAILABLE':
      return 500;
    case 'BAD_REQUEST':
    case 'UNKNOWN_EVENT':
    case 'CALL_FULL':
    case 'CALL_ENDED':
    case 'NOT_IN_CALL':
    case 'ALREADY_IN_CALL':
    case 'MEDIA_ERROR':
    case 'RATE_LIMITED':
    case 'CONFLICT':
    case 'CASE_INCOMPLETE':
    case 'READBACK_REQUIRED':
      return 400;
  }
}

/** Any thrown value as an Open311 error; unknown errors are logged and never leak their text. */
export function toOpen311Error(err: unknown): Open311Error {
  if (err instanceof Open311Error) return err;
  if (err instanceof AppError) return new Open311Error(statusOf(err), err.message);
  // express.json / urlencoded failures carry a `type` (entity.parse.failed, entity.too.large…).
  const type = typeof err === 'object' && err !== null && 'type' in err ? (err as { type: unknown }).type : undefined;
  if (type === 'entity.too.large') return new Open311Error(413, 'The request body is too large.');
  if (typeof type === 'string') return new Open311Error(400, 'The request body could not be read: send application/x-www-form-urlencoded or valid JSON in UTF-8.');
  return new Open311Error(500, 'Something went wrong on the server.');
}

/** The Open311 router's own error handler: every error leaves as `[{code, description}]`. */
export function open311ErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const e = toOpen311Error(err);
    if (e.status === 500) logger.error({ err, path: req.path }, 'open311 handler failed');
    res.status(e.status).json(e.toBody());
  };
}
