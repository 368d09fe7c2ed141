/**
 * Calls a route declared in shared/ (method, path, schemas, response type): once with a given token, or with
 * a staff member's token renewed once when the server says it expired. The answer is typed by the declaration;
 * every HTTP call of the web apps goes through here.
 */
import { queryString, routePath, type HttpRoute, type RouteBody, type RouteParams, type RouteQuery, type RouteResponse } from '@sign-relay/shared';
import { errorCodeOf } from '../signaling/socket.ts';
import { apiRequest, type FetchLike } from './http.ts';

/** Anything that holds a staff token (StaffAuth). */
export interface TokenHolder {
  token(): string | null;
  renew(): Promise<string | null>;
}

type Parts<R> = (RouteParams<R> extends undefined ? { params?: undefined } : { params: RouteParams<R> }) &
  (RouteQuery<R> extends undefined ? { query?: undefined } : { query: RouteQuery<R> }) &
  (RouteBody<R> extends undefined ? { body?: undefined } : { body: RouteBody<R> });

/** The URL of a declared route with its parameters and query filled in (for links and downloads). */
export function routeUrl<R extends HttpRoute<unknown, unknown, unknown, unknown>>(route: R, parts: Parts<R>): string {
  return routePath(route.path, parts.params as Record<string, string> | undefined) + queryString(parts.query as Record<string, unknown> | undefined);
}

/** How to send: tests give their own fetch. */
export interface SendOptions {
  fetchFn?: FetchLike;
}

/**
 * One request to a declared route with the given token (or none), never renewing it: for the sign-in routes
 * themselves and for screens that renew on their own.
 */
export async function sendRoute<R extends HttpRoute<unknown, unknown, unknown, unknown>>(token: string | null, route: R, parts: Parts<R>, options: SendOptions = {}): Promise<RouteResponse<R>> {
  const method = route.method;
  const body = parts.body === undefined ? (method === 'POST' ? { body: {} } : {}) : { body: parts.body };
  return (await apiRequest(routeUrl(route, parts), { method, token, ...body, ...options })) as RouteResponse<R>;
}

/** A declared route with a staff member's token, renewed once when the server says it expired. */
export async function callRoute<R extends HttpRoute<unknown, unknown, unknown, unknown>>(auth: TokenHolder | null, route: R, parts: Parts<R>): Promise<RouteResponse<R>> {
  try {
    return await sendRoute(auth?.token() ?? null, route, parts);
  } catch (error) {
    if (!auth || errorCodeOf(error) !== 'UNAUTHENTICATED') throw error;
    return sendRoute(await auth.renew(), route, parts);
  }
}

/**
 * Downloads a CSV route as a file: fetched with the token (a plain link could not carry it), then saved
 * through an object URL.
 */
export async function downloadRoute<R extends HttpRoute<unknown, unknown, unknown, unknown>>(auth: TokenHolder | null, route: R, parts: Parts<R>, filename: string): Promise<void> {
  const url = routeUrl(route, parts);
  const get = (token: string | null) => fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  let res = await get(auth?.token() ?? null);
  if (res.status === 401 && auth) res = await get(await auth.renew());
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}
