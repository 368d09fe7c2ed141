import type { Request, RequestHandler, Response, Router } from 'express';
import { w3cTaipei, type HttpRoute, type RouteBody, type RouteParams, type RouteQuery, type RouteResponse } from '@sign-relay/shared';
import type { ApiKeyHolder, ApiKeyVerifier } from '../people.ts';
import type { Principal, TokenService } from '../auth/tokens.ts';
import { AppError } from '../errors.ts';
import { principalOf, requireRoles, route as wrap } from './auth.ts';
import { parseOrThrow } from './parse.ts';

/** What a declared route's handler receives, parsed with the route's schemas. */
export interface RouteInput<R> {
  params: RouteParams<R>;
  query: RouteQuery<R>;
  body: RouteBody<R>;
  /** The signed-in person (routes for roles), the key holder ('api-key' routes), or null (public routes). */
  who: Principal | ApiKeyHolder | null;
  req: Request;
  res: Response;
}

export interface MountDeps {
  tokens: TokenService;
  apiKeys?: ApiKeyVerifier;
}

/** The key a request presents: `Authorization: Bearer <key>`, `X-Api-Key`, or `api_key` in the query or body. */
export function presentedApiKey(req: Request): string | undefined {
  const header = req.get('authorization') ?? '';
  if (header.startsWith('Bearer ')) return header.slice(7);
  const x = req.get('x-api-key');
  if (x) return x;
  const q = (req.query as Record<string, unknown>).api_key;
  if (typeof q === 'string') return q;
  const b = (req.body as Record<string, unknown> | undefined)?.api_key;
  return typeof b === 'string' ? b : undefined;
}

/** Admits holders of a valid, unrevoked API key. */
export function requireApiKey(verifier: ApiKeyVerifier | undefined): RequestHandler {
  return (req, res, next) => {
    const key = presentedApiKey(req);
    if (!key || !verifier) {
      next(new AppError('UNAUTHENTICATED', 'An API key is required.'));
      return;
    }
    verifier
      .verify(key)
      .then((holder) => {
        if (!holder) throw new AppError('FORBIDDEN', 'The API key is not valid or has been revoked.');
        res.locals.apiKey = holder;
        next();
      })
      .catch(next);
  };
}

/**
 * Mounts a handler on a route declared in shared/: checks who may call it, parses params, query and body
 * with the declared schemas (a failure is a coded BAD_REQUEST), and sends the answer as JSON — or, for a
 * string answered on a `.csv` path, as a UTF-8 CSV file with a BOM (so spreadsheet programs read Chinese).
 */
export function mount<R extends HttpRoute<unknown, unknown, unknown, unknown>>(
  router: Router,
  deps: MountDeps,
  route: R,
  handler: (input: RouteInput<R>) => Promise<RouteResponse<R>>,
  opts: { status?: number; filename?: (input: RouteInput<R>) => string } = {},
): void {
  const guards: RequestHandler[] =
    route.access === 'public' ? [] : route.access === 'api-key' ? [requireApiKey(deps.apiKeys)] : [requireRoles(deps.tokens, route.access)];
  const method = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
  router[method](
    route.path,
    ...guards,
    wrap(async (req, res) => {
      const input = {
        params: (route.params ? parseOrThrow(route.params, req.params) : undefined) as RouteParams<R>,
        query: (route.query ? parseOrThrow(route.query, req.query) : undefined) as RouteQuery<R>,
        body: (route.body ? parseOrThrow(route.body, req.body ?? {}) : undefined) as RouteBody<R>,
        who: route.access === 'public' ? null : route.access === 'api-key' ? (res.locals.apiKey as ApiKeyHolder) : principalOf(res),
        req,
        res,
      } satisfies RouteInput<R>;
      const out = await handler(input);
      if (typeof out === 'string' && route.path.endsWith('.csv')) {
        res.status(opts.status ?? 200).type('text/csv; charset=utf-8');
        if (opts.filename) res.attachment(opts.filename(input));
        res.send(`\uFEFF${out}`);
        return;
      }
      res.status(opts.status ?? 200).json(out);
    }),
  );
}

/** The signed-in staff member of a route input, or FORBIDDEN. */
export function staffOf(who: RouteInput<unknown>['who']): Extract<Principal, { kind: 'staff' }> {
  if (who && who.kind === 'staff') return who;
  throw new AppError('FORBIDDEN', 'Only staff can do that.');
}

/** RFC 4180 CSV: every field quoted when it holds a comma, quote or line break; rows end with CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cell = (v: unknown): string => {
    const s = v === null || v === undefined ? '' : v instanceof Date ? w3cTaipei(v) : String(v);
    // Text starting with = + - @ would run as a formula in a spreadsheet: prefix it (OWASP CSV injection).
    const safe = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
