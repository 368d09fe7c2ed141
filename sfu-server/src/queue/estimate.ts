/**
 * Estimated wait for a caller at `position` (1 = next): the callers ahead are spread over the staffed
 * interpreters, each taking one average handle time (talk + wrap-up); interpreters free right now take
 * the first of them at once. Null when nobody is on duty: the screen says so instead of inventing a number.
 */
export function estimateWaitSec(position: number, staffed: number, availableNow: number, averageHandleSec: number): number | null {
  if (position <= 0) return 0;
  if (staffed <= 0) return null;
  const ahead = position - 1;
  if (ahead < availableNow) return 0;
  const rounds = Math.floor((ahead - availableNow) / staffed) + 1;
  return Math.round(rounds * averageHandleSec);
}

/** Average of recent handle times, or the default when there is no history yet. */
export function averageHandleSec(recentSec: readonly number[], fallbackSec = 300): number {
  if (recentSec.length === 0) return fallbackSec;
  return recentSec.reduce((a, b) => a + b, 0) / recentSec.length;
}

/** Interpreters (or chat seats) on duty — not offline, not on break — and how many of them are free now. */
export function countStaffing(interpreters: readonly { state: string }[]): { staffed: number; available: number } {
  let staffed = 0;
  let available = 0;
  for (const i of interpreters) {
    if (i.state === 'offline' || i.state === 'break') continue;
    staffed++;
    if (i.state === 'available') available++;
  }
  return { staffed, available };
}
