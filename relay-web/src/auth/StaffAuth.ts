/**
 * A staff member's sign-in: the access token (15 min) and the single-use refresh token, kept in
 * sessionStorage (this tab only). The access token is refreshed a minute before it expires; every new
 * token is announced so open connections present it (`auth:renew`). A refused refresh signs out.
 */
import { authRoutes, type StaffRole, type StaffSession } from '@sign-relay/shared';
import { errorCodeOf } from '../signaling/socket.ts';
import type { FetchLike } from './http.ts';
import { renewDelayMs } from './jwt.ts';
import { sendRoute, type SendOptions } from './routes.ts';
import { session as sessionStore } from './TokenSource.ts';
import type { SafeStorage, TokenSource } from './TokenSource.ts';

export const STAFF_SESSION_KEY = 'sign-relay.staffSession';
/** Refresh this long before the access token expires. */
export const REFRESH_LEAD_MS = 60_000;
/** After a refresh that could not reach the server, try again this soon. */
export const REFRESH_RETRY_MS = 10_000;

export type StaffUser = StaffSession['user'];

interface Stored {
  session: StaffSession;
  /** When the access token expires (ms epoch, this browser's clock). */
  expiresAt: number;
}

/** What the sign-in screens show: who is signed in, or why nobody is. */
export interface StaffAuthState {
  user: StaffUser | null;
  /** Set when the session ended by itself (refresh refused), so the sign-in form can say why. */
  expired: boolean;
}

export interface StaffAuthDeps {
  fetchFn?: FetchLike;
  storage?: SafeStorage;
  now?: () => number;
}

function readStored(storage: SafeStorage): Stored | null {
  const raw = storage.get(STAFF_SESSION_KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<Stored>;
    if (typeof parsed.expiresAt !== 'number' || typeof parsed.session?.accessToken !== 'string' || typeof parsed.session.refreshToken !== 'string') return null;
    return parsed as Stored;
  } catch {
    return null;
  }
}

export class StaffAuth implements TokenSource {
  private readonly fetchFn: FetchLike | undefined;
  private readonly storage: SafeStorage;
  private readonly now: () => number;
  private stored: Stored | null;
  private state: StaffAuthState;
  private readonly tokenListeners = new Set<(token: string) => void>();
  private readonly stateListeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<string | null> | undefined;

  constructor(deps: StaffAuthDeps = {}) {
    this.fetchFn = deps.fetchFn;
    this.storage = deps.storage ?? sessionStore;
    this.now = deps.now ?? Date.now;
    this.stored = readStored(this.storage);
    this.state = { user: this.stored?.session.user ?? null, expired: false };
    if (this.stored) this.schedule();
  }

  /** For useSyncExternalStore. */
  getState = (): StaffAuthState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  get role(): StaffRole | null {
    return this.state.user?.role ?? null;
  }

  token(): string | null {
    return this.stored?.session.accessToken ?? null;
  }

  onToken(listener: (token: string) => void): () => void {
    this.tokenListeners.add(listener);
    return () => this.tokenListeners.delete(listener);
  }

  /** Signs in; rejects with a coded error (UNAUTHENTICATED for a wrong name or password). */
  async login(username: string, password: string): Promise<StaffUser> {
    const session = await sendRoute(null, authRoutes.login, { body: { username, password } }, this.fetchOpt());
    this.store(session);
    return session.user;
  }

  /**
   * Gets a new token pair (each refresh token works once). Concurrent calls share one request. A refused
   * refresh signs out; a server that cannot be reached leaves the session as it is and tries again soon.
   */
  renew(): Promise<string | null> {
    const stored = this.stored;
    if (!stored) return Promise.resolve(null);
    this.refreshing ??= sendRoute(null, authRoutes.refresh, { body: { refreshToken: stored.session.refreshToken } }, this.fetchOpt())
      .then((session) => {
        if (this.stored !== stored) return this.token();
        this.store(session);
        for (const listener of this.tokenListeners) listener(session.accessToken);
        return session.accessToken;
      })
      .catch((error: unknown) => {
        if (this.stored !== stored) return this.token();
        const code = errorCodeOf(error);
        if (code === 'TIMEOUT' || code === 'UNAVAILABLE' || code === 'RATE_LIMITED' || code === 'INTERNAL') {
          this.setTimer(REFRESH_RETRY_MS);
          return null;
        }
        this.clear(true);
        return null;
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  /** Signs out here and on the server (the refresh token is revoked). Never throws. */
  async logout(): Promise<void> {
    const refreshToken = this.stored?.session.refreshToken;
    this.clear(false);
    if (refreshToken) await sendRoute(null, authRoutes.logout, { body: { refreshToken } }, this.fetchOpt()).catch(() => undefined);
  }

  /**
   * Renews now if the access token is due (a background tab's timers can be held back for minutes, so the
   * scheduled refresh may not have run). Called when the tab becomes visible again.
   */
  renewIfDue(): void {
    if (this.stored && renewDelayMs(this.stored.expiresAt, this.now(), REFRESH_LEAD_MS) === 0) void this.renew();
  }

  /** Stops the refresh timer (the page is going away). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fetchOpt(): SendOptions {
    return this.fetchFn ? { fetchFn: this.fetchFn } : {};
  }

  private store(session: StaffSession): void {
    this.stored = { session, expiresAt: this.now() + session.expiresIn * 1000 };
    this.storage.set(STAFF_SESSION_KEY, JSON.stringify(this.stored));
    this.setState({ user: session.user, expired: false });
    this.schedule();
  }

  private clear(expired: boolean): void {
    this.dispose();
    this.stored = null;
    this.storage.remove(STAFF_SESSION_KEY);
    this.setState({ user: null, expired });
  }

  private schedule(): void {
    if (!this.stored) return;
    this.setTimer(renewDelayMs(this.stored.expiresAt, this.now(), REFRESH_LEAD_MS));
  }

  private setTimer(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.renew(), ms);
  }

  private setState(next: StaffAuthState): void {
    this.state = next;
    for (const listener of this.stateListeners) listener();
  }
}

let shared: StaffAuth | undefined;

/** This tab's staff sign-in (one per tab, shared by the desk and the wallboard). */
export function staffAuth(): StaffAuth {
  if (!shared) {
    const auth = new StaffAuth();
    globalThis.document?.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') auth.renewIfDue();
    });
    shared = auth;
  }
  return shared;
}
