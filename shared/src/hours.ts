/**
 * Service hours: when sign-language video and text chat are open, in the service's own time zone, with dated
 * exceptions (typhoon closures, holidays, special openings). Pure and isomorphic (no Node or DOM APIs): the
 * server decides with these functions and the web apps can show the same answers.
 *
 * Every rule is about local wall-clock time ("video opens at 09:00 in Taipei"), so the functions work in local
 * minutes and turn only their answers into instants, through Intl.DateTimeFormat and the configured IANA zone.
 */

export const SERVICE_KINDS = ['video', 'text'] as const;
/** The two services the public can reach: sign-language video, and text chat. */
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** 0 = Sunday … 6 = Saturday, as `Date.prototype.getDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export const WEEKDAYS: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];

/** Opening hours within one local day: `open` ≤ t < `close`, both `HH:MM`; `close` may be `24:00` (end of the day). */
export interface TimeRange {
  open: string;
  close: string;
}

/** Each weekday's ranges, sorted and not overlapping; an empty list is a closed day. */
export type WeeklyHours = Record<Weekday, TimeRange[]>;

/** A text shown to the public, zh-TW first. */
export interface PublicMessage {
  'zh-TW': string;
  en: string;
}

export const EXCEPTION_KINDS = ['closed', 'open'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/**
 * A dated change to the weekly hours of some services, for one local date. `open`: the service keeps exactly
 * `ranges` that day instead of its weekly hours (a special opening, or shorter or longer hours). `closed`:
 * the service is closed all day, or, with `ranges`, only during them (a partial closure).
 */
export interface HoursException {
  id: string;
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  services: ServiceKind[];
  kind: ExceptionKind;
  ranges?: TimeRange[];
  message: PublicMessage;
}

/** Everything that decides when each service is open. */
export interface ServiceHours {
  /** IANA time zone the hours are in, e.g. `Asia/Taipei`. */
  timeZone: string;
  video: WeeklyHours;
  text: WeeklyHours;
  /** At most one exception per date and service. */
  exceptions: HoursException[];
}

/** A local date and time of day. */
export interface LocalDay {
  date: string;
  weekday: Weekday;
  /** Whole minutes since local midnight, 0–1439. */
  minuteOfDay: number;
}

/** Whether a service is open at an instant, and the exception changing that date's hours for it (if any). */
export interface OpenState {
  open: boolean;
  exception: HoursException | null;
}

/** One service's state at an instant, as the public sees it. */
export interface ServiceKindStatus {
  open: boolean;
  /** Epoch ms of the next opening (after the current period when open); null when none within a year. */
  opensAt: number | null;
  /** Epoch ms when the current open period ends; null when closed, or when it stays open for over a year. */
  closesAt: number | null;
  /** Open: the message of today's exception for this service. Closed: the message of the exception that causes the closure. */
  message: PublicMessage | null;
  /** The usual weekly hours (exceptions aside), for "video: daily 09:00–18:00" on the first screen. */
  weekly: WeeklyHours;
}

/** What is open now, for the public status endpoint. */
export interface ServiceStatus {
  /** The instant this describes, epoch ms. */
  at: number;
  /** The zone the hours are kept in (show times in it). */
  timeZone: string;
  video: ServiceKindStatus;
  text: ServiceKindStatus;
}

/** How far ahead `nextOpening` and `currentClosing` look, in days. */
export const HOURS_HORIZON_DAYS = 366;

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
const DAY_MS = DAY_MINUTES * MINUTE_MS;
const TIME_RE = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

function everyDay(ranges: readonly TimeRange[]): WeeklyHours {
  const day = () => ranges.map((r) => ({ ...r }));
  return { 0: day(), 1: day(), 2: day(), 3: day(), 4: day(), 5: day(), 6: day() };
}

/** Taipei 1999: sign-language video 09:00–18:00 every day, text chat 24 hours, in Asia/Taipei. */
export const DEFAULT_SERVICE_HOURS: ServiceHours = deepFreeze({
  timeZone: 'Asia/Taipei',
  video: everyDay([{ open: '09:00', close: '18:00' }]),
  text: everyDay([{ open: '00:00', close: '24:00' }]),
  exceptions: [],
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

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

// ---------------------------------------------------------------------------------------------------------
// Local time through Intl. A "wall" value is the local date and time written as if it were UTC, in ms (or
// minutes), so day arithmetic on it is plain integer arithmetic whatever the zone's offset.

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
function wallMsOf(instant: number, timeZone: string): number {
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
function instantOfWall(wallMs: number, timeZone: string): number {
  const first = wallMs - (wallMsOf(wallMs, timeZone) - wallMs);
  const second = wallMs - (wallMsOf(first, timeZone) - first);
  return Math.max(first, second);
}

function assertInstant(instant: number): void {
  if (!Number.isFinite(instant)) throw new RangeError(`Not a valid instant: ${instant}`);
}

/** `YYYY-MM-DD` of a day number (days since 1970-01-01). */
function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function weekdayOf(day: number): Weekday {
  return ((((day + 4) % 7) + 7) % 7) as Weekday;
}

/** The local date, weekday and minute of the day at `instant` (epoch ms) in `timeZone`. */
export function localDay(instant: number, timeZone: string): LocalDay {
  assertInstant(instant);
  const wall = wallMsOf(instant, timeZone);
  const day = Math.floor(wall / DAY_MS);
  return { date: isoDate(day), weekday: weekdayOf(day), minuteOfDay: Math.floor((wall - day * DAY_MS) / MINUTE_MS) };
}

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

function dayOfDate(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
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

/** Days that share the same hours, consecutive in a Monday-first week (as Taiwan writes it). */
export interface WeekdayGroup {
  days: Weekday[];
  ranges: TimeRange[];
}

const MONDAY_FIRST: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 0];

/**
 * The week in as few lines as it takes: consecutive days (Monday first) with the same ranges form one group,
 * so the default week is a single group of seven days and "weekdays 09:00–18:00, weekend closed" is two.
 */
export function weeklyGroups(weekly: WeeklyHours): WeekdayGroup[] {
  const groups: WeekdayGroup[] = [];
  const same = (a: readonly TimeRange[], b: readonly TimeRange[]) => a.length === b.length && a.every((r, i) => r.open === b[i]?.open && r.close === b[i]?.close);
  for (const d of MONDAY_FIRST) {
    const ranges = weekly[d] ?? [];
    const last = groups[groups.length - 1];
    if (last && same(last.ranges, ranges)) last.days.push(d);
    else groups.push({ days: [d], ranges: ranges.map((r) => ({ ...r })) });
  }
  return groups;
}

/** What is open at `instant`, when video and text next open or close, and the public messages that apply. */
export function serviceStatus(hours: ServiceHours, instant: number): ServiceStatus {
  return { at: instant, timeZone: hours.timeZone, video: kindStatus(hours, 'video', instant), text: kindStatus(hours, 'text', instant) };
}
