/**
 * A caller's guest token: no account, just an identity bound to this browser. The token is kept in
 * localStorage and sent back as `previousToken`, so the server keeps the same guest id; a token still
 * valid for a while is reused without asking (the server rate-limits guest tokens per address). On a kiosk
 * the identity lasts one visit: the token is kept in sessionStorage, which the kiosk clears between visitors.
 */
import { authRoutes } from '@sign-relay/shared';
import type { FetchLike } from './http.ts';
import { renewDelayMs, tokenExpiresAt } from './jwt.ts';
import { sendRoute } from './routes.ts';
import { local, session } from './TokenSource.ts';
import { WEB } from '../surface/surface.ts';
import type { Surface } from '../surface/surface.ts';
import type { SafeStorage, TokenSource } from './TokenSource.ts';

export const GUEST_TOKEN_KEY = 'sign-relay.guestToken';
/** A stored token is reused only if it stays valid at least this long; it is renewed this long before it expires. */
export const GUEST_RENEW_LEAD_MS = 10 * 60_000;

export interface GuestAuthDeps {
  /** A kiosk asks for tokens of its kiosk and keeps them for the visit only (sessionStorage). */
  surface?: Surface;
  fetchFn?: FetchLike;
  storage?: SafeStorage;
  now?: () => number;
}

/** Whether a stored token can be used as it is. */
export function isFreshGuestToken(token: string | null, now: number): token is string {
  if (!token) return false;
  const exp = tokenExpiresAt(token);
  return exp !== null && exp - now > GUEST_RENEW_LEAD_MS;
}

export class GuestAuth implements TokenSource {
  private readonly fetchFn: FetchLike | undefined;
  private readonly surface: Surface;
  private readonly storage: SafeStorage;
  private readonly now: () => number;
  private current: string | null;
  private readonly listeners = new Set<(token: string) => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: Promise<string> | undefined;
  private disposed = false;

  constructor(deps: GuestAuthDeps = {}) {
    this.fetchFn = deps.fetchFn;
    this.surface = deps.surface ?? WEB;
    this.storage = deps.storage ?? (this.surface.kind === 'kiosk' ? session : local);
    this.now = deps.now ?? Date.now;
    this.current = this.storage.get(GUEST_TOKEN_KEY);
  }

  token(): string | null {
    return this.current;
  }

  /** A usable token: the stored one if fresh, else a new one for the same guest identity. Rejects with a coded error. */
  async ensure(): Promise<string> {
    if (isFreshGuestToken(this.current, this.now())) {
      this.schedule(this.current);
      return this.current;
    }
    return this.fetchToken();
  }

  async renew(): Promise<string | null> {
    try {
      return await this.fetchToken();
    } catch {
      return null;
    }
  }

  onToken(listener: (token: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }

  private fetchToken(): Promise<string> {
    this.pending ??= sendRoute(
      null,
      authRoutes.guest,
      {
        body: {
          ...(this.surface.kind === 'kiosk' ? { channel: 'kiosk', kioskId: this.surface.kioskId } : { channel: 'web' }),
          ...(this.current ? { previousToken: this.current } : {}),
        },
      },
      this.fetchFn ? { fetchFn: this.fetchFn } : {},
    )
      .then((answer) => {
        this.current = answer.guestToken;
        this.storage.set(GUEST_TOKEN_KEY, answer.guestToken);
        this.schedule(answer.guestToken);
        for (const listener of this.listeners) listener(answer.guestToken);
        return answer.guestToken;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  /** Renews shortly before expiry, so a long wait in line or a long call never runs on an expired token. */
  private schedule(token: string): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    const exp = tokenExpiresAt(token);
    if (exp === null) return;
    this.timer = setTimeout(() => void this.renew(), renewDelayMs(exp, this.now(), GUEST_RENEW_LEAD_MS));
  }
}
