/** Patterns felt on phones, since nothing in the app relies on sound. */
export const VIBRATION = {
  connected: [200],
  ended: [300, 150, 300],
  /** An interpreter answered the caller waiting in line: long enough to be felt in a pocket. */
  answered: [400, 150, 400, 150, 400],
  /** A call rings on an interpreter's desk (repeated while it rings). */
  ring: [250, 250, 250],
  /** A chat message from the other side. */
  message: [120, 80, 120],
} as const satisfies Record<string, readonly number[]>;

/** What `vibrate` needs from `navigator` (so tests can pass a stand-in). */
export interface VibrateTarget {
  vibrate?: (pattern: number[]) => boolean;
}

/** Vibrates if the device can; returns whether it did. Desktop browsers and iOS simply skip it. */
export function vibrate(pattern: readonly number[], nav: VibrateTarget | undefined = globalThis.navigator): boolean {
  if (typeof nav?.vibrate !== 'function') return false;
  try {
    return nav.vibrate([...pattern]);
  } catch {
    return false;
  }
}
