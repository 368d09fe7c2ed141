/**
 * When a service is open: one local day's hours (the weekly hours with that date's exceptions applied), and a walk
 * forward through the days for the next opening and the end of the current open period. Local days and minutes
 * come from localTime.ts; only the answers are turned into instants.
 */
import type { HoursException, OpenState, ServiceHours, ServiceKind, ServiceKindStatus, ServiceStatus, TimeRange, Weekday, WeeklyHours } from './hours.ts';
import { DAY_MINUTES, DAY_MS, MINUTE_MS, assertInstant, dayOfDate, instantOfWall, minutesToTime, timeToMinutes, wallMsOf, weekdayOf } from './localTime.ts';

/** How far ahead `nextOpening` and `currentClosing` look, in days. */
export const HOURS_HORIZON_DAYS = 366;

// ---------------------------------------------------------------------------------------------------------
// One day's hours for one service.

type Span = [start: number, end: number];

const WHOLE_DAY: readonly Span[] = [[0, DAY_MINUTES]];

const NO_EXCEPTIONS: HoursException[] = [];

const exceptionIndexes = new WeakMap<readonly HoursException[], Map<number, HoursException[]>>();

/** Exceptions by day number, built once per exceptions array (a year's walk then makes no date strings). */
function exceptionIndex(exceptions: readonly HoursException[]): Map<number, HoursException[]> {
  let index = exceptionIndexes.get(exceptions);
  if (!index) {
    index = new Map();
    for (const e of exceptions) {
      const day = dayOfDate(e.date);
      const list = index.get(day);
      if (list) list.push(e);
      else index.set(day, [e]);
    }
    exceptionIndexes.set(exceptions, index);
  }
  return index;
}

function exceptionsOn(hours: ServiceHours, kind: ServiceKind, day: number): HoursException[] {
  return exceptionIndex(hours.exceptions).get(day)?.filter((e) => e.services.includes(kind)) ?? [];
}

function spansOf(ranges: readonly TimeRange[] | undefined): Span[] {
  if (ranges === undefined) return WHOLE_DAY.map(([a, b]) => [a, b]);
  return ranges.map((r) => [timeToMinutes(r.open), timeToMinutes(r.close)]);
}

/** Sorted, clipped to the day, empty and malformed spans dropped, overlapping or touching spans merged. */
function normalise(spans: Span[]): Span[] {
  const sorted = spans
    .map(([a, b]): Span => [Math.max(0, a), Math.min(DAY_MINUTES, b)])
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && b > a)
    .sort((x, y) => x[0] - y[0]);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

function subtract(spans: Span[], cut: Span[]): Span[] {
  let out = spans;
  for (const [ca, cb] of cut) {
    out = out.flatMap(([a, b]): Span[] => {
      if (cb <= a || ca >= b) return [[a, b]];
      const kept: Span[] = [];
      if (ca > a) kept.push([a, ca]);
      if (cb < b) kept.push([cb, b]);
      return kept;
    });
  }
  return out;
}

interface DayPlan {
  /** Open spans in minutes of the day, sorted and merged. */
  spans: Span[];
  /** The exception changing this date's hours for the service (the first, if several were given). */
  exception: HoursException | null;
}

/**
 * A service's hours on one local date: the weekly hours, replaced by the ranges of any `open` exception,
 * minus the ranges (or the whole day) of any `closed` exception.
 */
function dayPlan(hours: ServiceHours, kind: ServiceKind, day: number): DayPlan {
  const exceptions = exceptionsOn(hours, kind, day);
  let spans = spansOf(hours[kind][weekdayOf(day)] ?? []);
  const openings = exceptions.filter((e) => e.kind === 'open');
  if (openings.length > 0) spans = openings.flatMap((e) => spansOf(e.ranges));
  for (const e of exceptions) if (e.kind === 'closed') spans = subtract(spans, spansOf(e.ranges));
  return { spans: normalise(spans), exception: exceptions[0] ?? null };
}


/** A service's opening hours on a local date (`YYYY-MM-DD`), exceptions applied, and the exception that applies. */
export function hoursOn(hours: ServiceHours, kind: ServiceKind, date: string): { ranges: TimeRange[]; exception: HoursException | null } {
  const day = dayOfDate(date);
  if (!Number.isFinite(day)) throw new RangeError(`Not a date: ${date}`);
  const plan = dayPlan(hours, kind, day);
  return { ranges: plan.spans.map(([a, b]) => ({ open: minutesToTime(a), close: minutesToTime(b) })), exception: plan.exception };
}

// ---------------------------------------------------------------------------------------------------------
// Walking forward through the days.

interface Analysis {
  open: boolean;
  exception: HoursException | null;
  /** Wall minutes (since 1970-01-01T00:00 local) of the next opening / the current period's end. */
  opensAtWall: number | null;
  closesAtWall: number | null;
}

/**
 * Walks the local days from `instant`'s date for {@link HOURS_HORIZON_DAYS} days: finds whether the service is
 * open, where the current open period ends (following it across midnights while the next span starts exactly
 * where the last one ended) and where the next one starts.
 */
function analyse(hours: ServiceHours, kind: ServiceKind, instant: number): Analysis {
  assertInstant(instant);
  const wall = wallMsOf(instant, hours.timeZone);
  const today = Math.floor(wall / DAY_MS);
  const now = Math.floor(wall / MINUTE_MS);
  const horizonEnd = (today + HOURS_HORIZON_DAYS + 1) * DAY_MINUTES;
  const todayPlan = dayPlan(hours, kind, today);
  let open = false;
  let periodEnd = 0;
  for (let day = today; day <= today + HOURS_HORIZON_DAYS; day++) {
    const plan = day === today ? todayPlan : dayPlan(hours, kind, day);
    for (const [a, b] of plan.spans) {
      const start = day * DAY_MINUTES + a;
      const end = day * DAY_MINUTES + b;
      if (open) {
        if (start <= periodEnd) periodEnd = Math.max(periodEnd, end);
        else return { open, exception: todayPlan.exception, opensAtWall: start, closesAtWall: periodEnd };
      } else if (end > now) {
        if (start > now) return { open, exception: todayPlan.exception, opensAtWall: start, closesAtWall: null };
        open = true;
        periodEnd = end;
      }
    }
  }
  const closesAtWall = open && periodEnd < horizonEnd ? periodEnd : null;
  return { open, exception: todayPlan.exception, opensAtWall: null, closesAtWall };
}

function toInstant(wallMinutes: number | null, timeZone: string): number | null {
  return wallMinutes === null ? null : instantOfWall(wallMinutes * MINUTE_MS, timeZone);
}

/** Whether `kind` is open at `instant`; an exception for that local date and service overrides the weekly hours. */
export function isOpen(hours: ServiceHours, kind: ServiceKind, instant: number): OpenState {
  assertInstant(instant);
  const wall = wallMsOf(instant, hours.timeZone);
  const day = Math.floor(wall / DAY_MS);
  const minute = Math.floor((wall - day * DAY_MS) / MINUTE_MS);
  const plan = dayPlan(hours, kind, day);
  return { open: plan.spans.some(([a, b]) => a <= minute && minute < b), exception: plan.exception };
}

/**
 * Epoch ms of the next instant `kind` opens: when closed, the next opening; when open, the opening after the
 * current period closes. Null when there is none within {@link HOURS_HORIZON_DAYS} days.
 */
export function nextOpening(hours: ServiceHours, kind: ServiceKind, instant: number): number | null {
  return toInstant(analyse(hours, kind, instant).opensAtWall, hours.timeZone);
}

/**
 * Epoch ms when the current open period of `kind` ends, following it across midnight while it runs on
 * (24-hour text chat today and tomorrow is one period). Null when closed, or when it stays open beyond
 * {@link HOURS_HORIZON_DAYS} days.
 */
export function currentClosing(hours: ServiceHours, kind: ServiceKind, instant: number): number | null {
  return toInstant(analyse(hours, kind, instant).closesAtWall, hours.timeZone);
}

/**
 * The exception that causes a closure at `instant`, found by comparing with the weekly hours alone: the one
 * that closes a time the weekly hours would be open (now, or the weekly next opening), or the special opening
 * that brings the next opening forward. Null when the weekly hours alone explain it.
 */
function closureCause(hours: ServiceHours, kind: ServiceKind, instant: number, actual: Analysis): HoursException | null {
  const weekly = analyse({ ...hours, exceptions: NO_EXCEPTIONS }, kind, instant);
  if (weekly.open) return actual.exception;
  const firstOn = (wallMinutes: number) => exceptionsOn(hours, kind, Math.floor(wallMinutes / DAY_MINUTES))[0] ?? null;
  if (weekly.opensAtWall !== null && (actual.opensAtWall === null || weekly.opensAtWall < actual.opensAtWall)) return firstOn(weekly.opensAtWall);
  if (actual.opensAtWall !== null && (weekly.opensAtWall === null || actual.opensAtWall < weekly.opensAtWall)) return firstOn(actual.opensAtWall);
  return null;
}

function kindStatus(hours: ServiceHours, kind: ServiceKind, instant: number): ServiceKindStatus {
  const a = analyse(hours, kind, instant);
  const message = a.open ? a.exception?.message : closureCause(hours, kind, instant, a)?.message;
  return {
    open: a.open,
    opensAt: toInstant(a.opensAtWall, hours.timeZone),
    closesAt: a.open ? toInstant(a.closesAtWall, hours.timeZone) : null,
    message: message ? { 'zh-TW': message['zh-TW'], en: message.en } : null,
    weekly: copyWeekly(hours[kind]),
  };
}

function copyWeekly(w: WeeklyHours): WeeklyHours {
  const day = (d: Weekday) => (w[d] ?? []).map((r) => ({ open: r.open, close: r.close }));
  return { 0: day(0), 1: day(1), 2: day(2), 3: day(3), 4: day(4), 5: day(5), 6: day(6) };
}

/** What is open at `instant`, when video and text next open or close, and the public messages that apply. */
export function serviceStatus(hours: ServiceHours, instant: number): ServiceStatus {
  return { at: instant, timeZone: hours.timeZone, video: kindStatus(hours, 'video', instant), text: kindStatus(hours, 'text', instant) };
}
