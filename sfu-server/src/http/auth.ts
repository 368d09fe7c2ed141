import type { RequestHandler, Response } from 'express';
import type { Role } from '@sign-relay/shared';
import { roleOf, type Principal, type TokenService } from '../auth/tokens.ts';
import { AppError } from '../errors.ts';

/** The principal a request was authenticated as (set by {@link requireRoles}). */
export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}

/**
 * Authenticates the bearer token (for staff, against their account too) and admits only the given roles; every
 * protected route goes through this.
 */
export function requireRoles(tokens: TokenService, roles: readonly Role[]): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    void (async () => {
      if (!token) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
      const principal = await tokens.authenticate(token);
      if (!roles.includes(roleOf(principal))) throw new AppError('FORBIDDEN', 'You are not allowed to do that.');
      res.locals.principal = principal;
    })().then(() => next(), next);
  };
}

/** Wraps an async handler so a rejection reaches the error handler. */
export function route(fn: RequestHandler): RequestHandler {
  return (req, res, next) => {
    Promise.resolve(fn(req, res, next)).catch(next);
  };
}
