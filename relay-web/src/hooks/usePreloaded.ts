import { useCallback, useEffect, useState } from 'react';
import type { Preload } from '../util/preload.ts';

export interface Preloaded<T> {
  /** The part, once it has arrived. */
  part: T | undefined;
  /** The fetch failed (offline, a new release replaced the chunk): show it and offer `retry`. */
  failed: boolean;
  retry(): void;
}

/** The preloaded part for a screen that needs it now: fetches it if it has not arrived yet. */
export function usePreloaded<T>(source: Preload<T>): Preloaded<T> {
  const [part, setPart] = useState<T | undefined>(() => source.get());
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (part !== undefined) return;
    let live = true;
    source.load().then(
      (loaded) => {
        if (live) setPart(() => loaded);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [source, part, attempt]);

  const retry = useCallback(() => {
    setFailed(false);
    setAttempt((n) => n + 1);
  }, []);
  return { part, failed, retry };
}
