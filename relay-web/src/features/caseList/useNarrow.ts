import { useSyncExternalStore } from 'react';

/** Below this width the cases screens show cards and a timeline instead of wide tables. */
const NARROW = '(max-width: 700px)';

function subscribe(onChange: () => void): () => void {
  const media = globalThis.matchMedia?.(NARROW);
  media?.addEventListener('change', onChange);
  return () => media?.removeEventListener('change', onChange);
}
const snapshot = (): boolean => globalThis.matchMedia?.(NARROW).matches ?? false;

/** Whether the screen is phone-narrow (follows rotation and window resizing). */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, snapshot, () => false);
}
