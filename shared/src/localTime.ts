/**
 * Local wall-clock time through Intl, for rules about it ("video opens at 09:00 in Taipei"): the hours are kept in
 * local minutes, and only answers are turned into instants, through Intl.DateTimeFormat and the IANA zone. A "wall"
 * value is the local date and time written as if it were UTC, in ms (or minutes), so day arithmetic on it is plain
 * integer arithmetic whatever the zone's offset.
 */
import type { Weekday } from './hours.ts';

export const MINUTE_MS = 60_000;
export const DAY_MINUTES = 1440;
export const DAY_MS = DAY_MINUTES * MINUTE_MS;

/** A local date and time of day. */
export interface LocalDay {
  date: string;
  weekday: Weekday;
  /** Whole minutes since local midnight, 0–1439. */
  minuteOfDay: number;
}

const TIME_RE = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** Minutes since midnight of an `HH:MM` time (`24:00` = 1440); NaN when malformed. */
export function timeToMinutes(time: string): number {
  const m = TIME_RE.exec(time);
  if (!m) return Number.NaN;
  return m[1] === undefined ? DAY_MINUTES : Number(m[1]) * 60 + Number(m[2]);
}

/** `HH:MM` of minutes since midnight (1440 = `24:00`). */
export function minutesToTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local wall clock at `instant`, as ms since 1970-01-01T00:00 wall time. */
export function wallMsOf(instant: number, timeZone: string): number {
  const ms = ((instant % 1000) + 1000) % 1000;
  const parts = formatterFor(timeZone).formatToParts(instant - ms);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? Number.NaN);
  // Some engines write midnight as hour 24 even with h23.
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second')) + ms;
}

/**
 * The instant at which local wall time `wallMs` occurs. Two passes settle the offset on either side of a
 * daylight-saving change: a repeated wall time (clocks going back) is its first occurrence, and one inside a
 * spring-forward gap (which never occurs) moves forward by the gap's length.
 */
export function instantOfWall(wallMs: number, timeZone: string): number {
  const first = wallMs - (wallMsOf(wallMs, timeZone) - wallMs);
  const second = wallMs - (wallMsOf(first, timeZone) - first);
  return Math.max(first, second);
}

export function assertInstant(instant: number): void {
  if (!Number.isFinite(instant)) throw new RangeError(`Not a valid instant: ${instant}`);
}

/** `YYYY-MM-DD` of a day number (days since 1970-01-01). */
function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The weekday of a day number (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): Weekday {
  return ((((day + 4) % 7) + 7) % 7) as Weekday;
}

/** The local date, weekday and minute of the day at `instant` (epoch ms) in `timeZone`. */
export function localDay(instant: number, timeZone: string): LocalDay {
  assertInstant(instant);
  const wall = wallMsOf(instant, timeZone);
  const day = Math.floor(wall / DAY_MS);
  return { date: isoDate(day), weekday: weekdayOf(day), minuteOfDay: Math.floor((wall - day * DAY_MS) / MINUTE_MS) };
}

/** The day number (days since 1970-01-01) of a `YYYY-MM-DD` date; NaN when it is not one. */
export function dayOfDate(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}
