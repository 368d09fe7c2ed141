/**
 * Service hours: when sign-language video and text chat are open, in the service's own time zone, with dated
 * exceptions (typhoon closures, holidays, special openings). Pure and isomorphic (no Node or DOM APIs): the
 * server decides with these and the functions of openHours.ts, and the web apps can show the same answers.
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
