/**
 * Times as the screens show them: waits in whole minutes (callers), durations as m:ss (staff), clock
 * times in Taipei. Pure functions; the words come from the catalogue.
 */

/** What a waiting caller is told about the wait, from the server's estimate in seconds. */
export type WaitEstimate = { kind: 'unknown' } | { kind: 'under-minute' } | { kind: 'minutes'; minutes: number };

/** `null` (nobody on duty) stays unknown; under a minute is said as such; otherwise about N minutes. */
export function waitEstimate(seconds: number | null): WaitEstimate {
  if (seconds === null || !Number.isFinite(seconds)) return { kind: 'unknown' };
  if (seconds < 60) return { kind: 'under-minute' };
  return { kind: 'minutes', minutes: Math.max(1, Math.round(seconds / 60)) };
}

/** Seconds as `m:ss`, or `h:mm:ss` from an hour; negative values count as zero. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Whole seconds from `since` to `now` (ms), never negative (clocks of two machines may differ a little). */
export function elapsedSec(since: number, now: number): number {
  return Math.max(0, Math.floor((now - since) / 1000));
}

/** Whole seconds left until `deadline` (ms), rounded up so a countdown shows 1 until it is really over. */
export function remainingSec(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/**
 * A deadline the server set (its clock) as a deadline on this browser's clock. The server's value is
 * trusted when it is plausible at the moment it arrived (between already-due and `maxMs` away); a clock
 * that is clearly off falls back to "`maxMs` from when it arrived".
 */
export function localDeadline(serverDeadline: number, maxMs: number, receivedAt: number, slackMs = 2_000): number {
  const left = serverDeadline - receivedAt;
  return left >= -slackMs && left <= maxMs + slackMs ? serverDeadline : receivedAt + maxMs;
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** A time of day in Taipei (the service's time zone), 24-hour, e.g. `14:05`. */
export function clockTime(ms: number, language: string): string {
  let f = clockFormats.get(language);
  if (!f) {
    f = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Taipei' });
    clockFormats.set(language, f);
  }
  return f.format(ms);
}
