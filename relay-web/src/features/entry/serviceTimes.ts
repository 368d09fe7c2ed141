/**
 * When a service opens or closes, in words a caller reads at a glance: "today 09:00", "tomorrow 09:00", or a
 * date for later, always in the service's time zone (Asia/Taipei) whatever the phone's own zone. "Now" is the
 * server's clock (the status says what time it describes), so a phone whose clock is off still says the
 * right day. Pure: no storage, no DOM.
 */

/** Which day, relative to now, an instant falls on in the service's zone. */
export type DayWord = 'today' | 'tomorrow' | 'later';

export interface ServiceTime {
  day: DayWord;
  /** `HH:MM`, 24-hour. */
  time: string;
  /** The date in the reader's language, e.g. `12月3日 週四` / `Thu, December 3` (for `later`). */
  date: string;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    partsFormats.set(timeZone, f);
  }
  return f;
}

/** The local calendar day number (days since 1970-01-01) and `HH:MM` of an instant in `timeZone`. */
export function localDayAndTime(instant: number, timeZone: string): { day: number; time: string } {
  const parts = partsFormat(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? Number.NaN);
  const hour = get('hour') % 24;
  const minute = get('minute');
  const day = Math.floor(Date.UTC(get('year'), get('month') - 1, get('day')) / 86_400_000);
  return { day, time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` };
}

function dateFormat(language: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language, { timeZone, month: 'long', day: 'numeric', weekday: 'short' });
    dateFormats.set(key, f);
  }
  return f;
}

/** `at` described relative to `now` (both epoch ms) in `timeZone`, for a reader of `language`. */
export function describeServiceTime(at: number, now: number, timeZone: string, language: string): ServiceTime {
  const target = localDayAndTime(at, timeZone);
  const today = localDayAndTime(now, timeZone).day;
  const day: DayWord = target.day <= today ? 'today' : target.day === today + 1 ? 'tomorrow' : 'later';
  return { day, time: target.time, date: dateFormat(language, timeZone).format(at) };
}

/**
 * When to ask for the status again: at the next opening or closing (a second after it), but at least once a
 * minute and at most once a second.
 */
export function nextRefreshMs(status: { at: number; video: { opensAt: number | null; closesAt: number | null }; text: { opensAt: number | null; closesAt: number | null } }, maxMs = 60_000): number {
  let wait = maxMs;
  for (const t of [status.video.opensAt, status.video.closesAt, status.text.opensAt, status.text.closesAt]) {
    if (t !== null && t > status.at) wait = Math.min(wait, t - status.at + 1_000);
  }
  return Math.max(1_000, wait);
}
