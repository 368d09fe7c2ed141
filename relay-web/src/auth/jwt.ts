/**
 * Reads the expiry of a token the server issued, without verifying it (only the server can, and does):
 * enough to know when to ask for a fresh one.
 */

/** The token's `exp` as ms since the epoch, or `null` if it cannot be read. */
export function tokenExpiresAt(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}

/** How long to wait before renewing a token that expires at `expiresAt`: `leadMs` before it, never negative. */
export function renewDelayMs(expiresAt: number, now: number, leadMs: number): number {
  return Math.max(0, expiresAt - leadMs - now);
}
