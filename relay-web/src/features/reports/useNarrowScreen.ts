import { useSyncExternalStore } from 'react';

/** Below this width the charts give their names fewer characters, so the bars keep room. */
const NARROW = '(max-width: 600px)';

function subscribe(onChange: () => void): () => void {
  const media = globalThis.matchMedia?.(NARROW);
  media?.addEventListener('change', onChange);
  return () => media?.removeEventListener('change', onChange);
}
const snapshot = (): boolean => globalThis.matchMedia?.(NARROW).matches ?? false;

/** Whether the screen is phone-narrow (follows rotation and resizing). */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(subscribe, snapshot, () => false);
}
