/**
 * HTTP routes declared once: method, path, who may call, the zod schemas of the path parameters, query and
 * body, and the response type. The server mounts a handler on a declaration (validated with its schemas); the
 * web apps call through the same declaration, so a route's shape cannot drift between the two sides.
 */
import type { z } from 'zod';
import type { Role } from './auth.ts';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Who may call a route: signed-in roles, anyone (public data), a holder of a city API key, or the operator
 * (`Authorization: Bearer $OPS_TOKEN` in production; anyone on a development machine).
 */
export type RouteAccess = readonly Role[] | 'public' | 'api-key' | 'ops';

export interface HttpRoute<Params, Query, Body, Response> {
  method: HttpMethod;
  /** Express-style path: `/api/cases/:id`. */
  path: string;
  access: RouteAccess;
  params: z.ZodType<Params> | null;
  query: z.ZodType<Query> | null;
  body: z.ZodType<Body> | null;
  /** Never set: carries the response type for both sides. */
  readonly response?: Response;
}

/** The types a route's parts parse to. */
export type RouteParams<R> = R extends HttpRoute<infer P, unknown, unknown, unknown> ? P : never;
export type RouteQuery<R> = R extends HttpRoute<unknown, infer Q, unknown, unknown> ? Q : never;
export type RouteBody<R> = R extends HttpRoute<unknown, unknown, infer B, unknown> ? B : never;
export type RouteResponse<R> = R extends HttpRoute<unknown, unknown, unknown, infer T> ? T : never;

/**
 * Declares a route: `httpRoute<Response>()({ method, path, access, params?, query?, body? })`. Parts left out
 * take no input (`undefined`).
 */
export function httpRoute<Response>() {
  return <P extends z.ZodType | null = null, Q extends z.ZodType | null = null, B extends z.ZodType | null = null>(r: {
    method: HttpMethod;
    path: string;
    access: RouteAccess;
    params?: P;
    query?: Q;
    body?: B;
  }): HttpRoute<P extends z.ZodType ? z.infer<P> : undefined, Q extends z.ZodType ? z.infer<Q> : undefined, B extends z.ZodType ? z.infer<B> : undefined, Response> =>
    ({ method: r.method, path: r.path, access: r.access, params: r.params ?? null, query: r.query ?? null, body: r.body ?? null }) as never;
}

/** The path with its `:name` parameters filled in (URI-encoded). */
export function routePath(path: string, params: Record<string, string | number> | undefined): string {
  return path.replace(/:([A-Za-z_]+)/g, (_, name: string) => {
    const v = params?.[name];
    if (v === undefined) throw new Error(`routePath: missing parameter ${name} for ${path}`);
    return encodeURIComponent(String(v));
  });
}

/** A query object as a URL query string (`?a=1&b=x`; undefined and null values left out; '' when empty). */
export function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    for (const x of Array.isArray(v) ? v : [v]) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(x))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
