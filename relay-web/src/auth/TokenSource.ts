/** Where a signaling connection gets its token: a guest (caller) token or a staff access token. */
export interface TokenSource {
  /** The token to present now, or `null` when there is none (signed out). */
  token(): string | null;
  /** Asks for a fresh token after the server refused the current one; `null` when that is not possible. */
  renew(): Promise<string | null>;
  /** Called with every new token (scheduled renewals), so an open connection can present it (`auth:renew`). */
  onToken(listener: (token: string) => void): () => void;
}

/** Storage that may be missing or blocked (private mode, kiosk policies): every access is guarded. */
export interface SafeStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** Wraps a Web Storage area so a blocked one behaves as empty. */
export function safeStorage(area: () => Storage | undefined): SafeStorage {
  return {
    get: (key) => {
      try {
        return area()?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set: (key, value) => {
      try {
        area()?.setItem(key, value);
      } catch {
        // Not persisting only costs a reload's memory.
      }
    },
    remove: (key) => {
      try {
        area()?.removeItem(key);
      } catch {
        // As above.
      }
    },
  };
}

export const local = safeStorage(() => globalThis.localStorage);
export const session = safeStorage(() => globalThis.sessionStorage);
