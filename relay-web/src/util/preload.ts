/**
 * A part of a screen fetched ahead of need (the call screen while the caller waits in line, once the desk
 * opens). Unlike `React.lazy`, a part that has arrived renders at once: `lazy` suspends on its first render
 * even when the chunk is already in, and React then holds the Suspense fallback for at least 300 ms —
 * which put 300 ms on the setup of every call. A failed fetch can be tried again.
 */
export interface Preload<T> {
  /** Starts the fetch (once; again after a failure) and resolves with the part. */
  load(): Promise<T>;
  /** The part, if it has arrived. */
  get(): T | undefined;
}

export function preload<T>(fetchPart: () => Promise<T>): Preload<T> {
  let value: T | undefined;
  let pending: Promise<T> | undefined;
  return {
    load() {
      pending ??= fetchPart().then(
        (part) => (value = part),
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
    get: () => value,
  };
}
