import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response, Router } from 'express';
import { w3cTaipei, type HttpRoute, type RouteAccess, type RouteBody, type RouteParams, type RouteQuery, type RouteResponse } from '@sign-relay/shared';
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

/** What the access checks need: each only for the routes that use it (a route mounted without it is a start-up error). */
export interface MountDeps {
  tokens?: TokenService;
  apiKeys?: ApiKeyVerifier;
  ops?: OpsAccess;
}

/** The operator's routes are open on a development machine; in production only with the token, and off without one. */
export interface OpsAccess {
  production: boolean;
  token: string | undefined;
}

/** What {@link mount} may be told beyond the declaration. */
export interface MountOptions<R> {
  /** The status of a successful answer (default 200), fixed or from the answer. */
  status?: number | ((out: RouteResponse<R>) => number);
  /** For a CSV answer: the file name to save it as. */
  filename?: (input: RouteInput<R>) => string;
  /**
   * Run after the access check and before the request is parsed (a rate limit that must count bad requests
   * too). They may end the request or pass an error on.
   */
  before?: RequestHandler[];
  /**
   * A request without a JSON body is read as `{}` unless this is false; then the body schema refuses it
   * as such (`body: expected object`).
   */
  emptyBodyAsObject?: boolean;
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

/** Admits the operator: anyone off production; in production only `Authorization: Bearer $OPS_TOKEN`. */
export function requireOps(ops: OpsAccess): RequestHandler {
  return (req, _res, next) => {
    if (!ops.production) return next();
    const given = Buffer.from(req.get('authorization')?.replace(/^Bearer /, '') ?? '');
    const want = Buffer.from(ops.token ?? '');
    if (want.length === 0 || given.length !== want.length || !timingSafeEqual(given, want)) {
      return next(new AppError('FORBIDDEN', 'Not allowed.'));
    }
    next();
  };
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

/** The access check of a route, from the dependencies it needs. */
function guardOf(access: RouteAccess, deps: MountDeps, path: string): RequestHandler[] {
  const missing = (what: string): never => {
    throw new Error(`mount ${path}: ${what} is needed for its access check`);
  };
  if (access === 'public') return [];
  if (access === 'api-key') return [requireApiKey(deps.apiKeys)];
  if (access === 'ops') return [requireOps(deps.ops ?? missing('ops'))];
  return [requireRoles(deps.tokens ?? missing('tokens'), access)];
}

/** Who a route input is from: the signed-in person, the key holder, or nobody (public and operator routes). */
function whoOf(access: RouteAccess, res: Response): RouteInput<unknown>['who'] {
  if (access === 'public' || access === 'ops') return null;
  return access === 'api-key' ? (res.locals.apiKey as ApiKeyHolder) : principalOf(res);
}

/**
 * Mounts a handler on a route declared in shared/: checks who may call it, parses params, query and body
 * with the declared schemas (a failure is a coded BAD_REQUEST), and sends the answer as JSON — or, for a
 * string answered on a `.csv` path, as a UTF-8 CSV file with a BOM (so spreadsheet programs read Chinese);
 * an answer of nothing ends the response without a body (give the status, 204).
 */
export function mount<R extends HttpRoute<unknown, unknown, unknown, unknown>>(
  router: Router,
  deps: MountDeps,
  route: R,
  handler: (input: RouteInput<R>) => Promise<RouteResponse<R>>,
  opts: MountOptions<R> = {},
): void {
  const method = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
  router[method](
    route.path,
    ...guardOf(route.access, deps, route.path),
    ...(opts.before ?? []),
    wrap(async (req, res) => {
      const body: unknown = req.body ?? (opts.emptyBodyAsObject === false ? undefined : {});
      const input = {
        params: (route.params ? parseOrThrow(route.params, req.params) : undefined) as RouteParams<R>,
        query: (route.query ? parseOrThrow(route.query, req.query) : undefined) as RouteQuery<R>,
        body: (route.body ? parseOrThrow(route.body, body) : undefined) as RouteBody<R>,
        who: whoOf(route.access, res),
        req,
        res,
      } satisfies RouteInput<R>;
      const out = await handler(input);
      const status = typeof opts.status === 'function' ? opts.status(out) : (opts.status ?? 200);
      if (typeof out === 'string' && route.path.endsWith('.csv')) {
        res.status(status).type('text/csv; charset=utf-8');
        if (opts.filename) res.attachment(opts.filename(input));
        res.send(`\uFEFF${out}`);
        return;
      }
      if (out === undefined) {
        res.status(status).end();
        return;
      }
      res.status(status).json(out);
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
