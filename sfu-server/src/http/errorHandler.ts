import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, toErrorBody } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** Unknown API paths answer with a coded error rather than the web app. */
export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: { code: 'NOT_FOUND', message: 'No such endpoint.' } });
};

/** Every HTTP error leaves as `{error:{code,message}}`; unknown errors are logged and never leak details. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const isBodyError = typeof err === 'object' && err !== null && 'type' in err && typeof (err as { type: unknown }).type === 'string';
    const appErr = err instanceof AppError ? err : isBodyError ? new AppError('BAD_REQUEST', 'The request body is not valid JSON or is too large.') : undefined;
    if (!appErr) logger.error({ err, path: req.path }, 'http handler failed');
    const status = appErr?.status ?? 500;
    res.status(status).json({ error: appErr ? appErr.toBody() : toErrorBody(err) });
  };
}
