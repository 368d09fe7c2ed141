/** Stand-ins for the auth tests: tokens shaped like the server's, a scripted /api, storage in memory. */
import type { FetchLike } from '../auth/http.ts';
import type { SafeStorage } from '../auth/TokenSource.ts';

/** A token shaped like the server's (header.payload.signature, base64url of UTF-8 JSON), unsigned: only `exp` is read. */
export function fakeToken(claims: Record<string, unknown>): string {
  const b64 = (o: unknown): string =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(o))))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.c2ln`;
}

export function memoryStorage(initial: Record<string, string> = {}): SafeStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, get: (k) => data.get(k) ?? null, set: (k, v) => void data.set(k, v), remove: (k) => void data.delete(k) };
}

export interface Sent {
  path: string;
  body: unknown;
}

/** A fetch whose answers come from `answer(path, body)`: `[status, json]`, or a thrown error for a network failure. */
export function scriptedFetch(answer: (path: string, body: unknown) => [number, unknown]): { fetchFn: FetchLike; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetchFn: FetchLike = async (path, init) => {
    const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined;
    sent.push({ path, body });
    const [status, json] = answer(path, body);
    return new Response(status === 204 ? null : JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } });
  };
  return { fetchFn, sent };
}
