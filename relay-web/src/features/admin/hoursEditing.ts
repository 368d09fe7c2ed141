/**
 * Editing service hours: immutable changes to the document the admin edits, and the same checks the server
 * makes (so most mistakes are pointed at next to the field, before saving). The server still has the last
 * word; its message is shown as it comes. Pure functions.
 */
import { timeToMinutes } from '@sign-relay/shared';
import type { HoursException, ServiceHours, ServiceKind, TimeRange, Weekday } from '@sign-relay/shared';

/** Weekdays as a Taiwanese calendar lists them: Monday first. */
export const WEEKDAY_ORDER: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 0];
/** Catalogue keys of the weekdays, by `Weekday` (0 = Sunday). */
export const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** The server's limits. */
export const HOURS_EDIT_LIMITS = { maxRangesPerDay: 12, maxMessageLength: 500, maxExceptions: 500 } as const;

export const DEFAULT_RANGE: TimeRange = { open: '09:00', close: '18:00' };

export type HoursProblem = 'time' | 'order' | 'overlap' | 'tooMany' | 'date' | 'services' | 'openNeedsRanges' | 'message' | 'messageLong' | 'duplicate';

/** Where a problem is: a range of a weekday, or a field of an exception. */
export type ProblemPlace =
  | { kind: 'weekly'; service: ServiceKind; weekday: Weekday; range: number | null; field: 'open' | 'close' | null }
  | { kind: 'exception'; index: number; field: 'date' | 'services' | 'ranges' | 'message'; range: number | null; rangeField: 'open' | 'close' | null };

export interface FoundProblem {
  place: ProblemPlace;
  problem: HoursProblem;
}

const TIME = /^(?:([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** `9:00` → `09:00`, blanks trimmed; anything else is left for the check to point at. */
export function tidyTime(value: string): string {
  const v = value.trim();
  const m = /^(\d):(\d\d)$/.exec(v);
  return m ? `0${m[1]}:${m[2]}` : v;
}

/** Whether `date` (`YYYY-MM-DD`) is a real calendar date. */
export function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const t = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === date;
}

/** Ranges in order of opening (malformed ones last, in their order). */
export function sortRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const key = (r: TimeRange) => {
    const m = timeToMinutes(tidyTime(r.open));
    return Number.isNaN(m) ? Number.POSITIVE_INFINITY : m;
  };
  return ranges.map((r, i) => ({ r, i })).sort((a, b) => key(a.r) - key(b.r) || a.i - b.i).map(({ r }) => ({ open: tidyTime(r.open), close: tidyTime(r.close) }));
}

/** Problems of one day's ranges, as the server sees them (after {@link sortRanges}). */
export function rangeProblems(ranges: readonly TimeRange[]): { range: number | null; field: 'open' | 'close' | null; problem: HoursProblem }[] {
  const out: { range: number | null; field: 'open' | 'close' | null; problem: HoursProblem }[] = [];
  if (ranges.length > HOURS_EDIT_LIMITS.maxRangesPerDay) out.push({ range: null, field: null, problem: 'tooMany' });
  ranges.forEach((r, i) => {
    const openOk = TIME.test(r.open);
    const closeOk = TIME.test(r.close);
    if (!openOk) out.push({ range: i, field: 'open', problem: 'time' });
    if (!closeOk) out.push({ range: i, field: 'close', problem: 'time' });
    if (openOk && closeOk && timeToMinutes(r.close) <= timeToMinutes(r.open)) out.push({ range: i, field: 'close', problem: 'order' });
    const prev = ranges[i - 1];
    if (i > 0 && prev && openOk && TIME.test(prev.close) && timeToMinutes(r.open) < timeToMinutes(prev.close)) out.push({ range: i, field: 'open', problem: 'overlap' });
  });
  return out;
}

/**
 * The document as it will be sent: times tidied, each day's ranges in order, messages trimmed, a closure
 * without ranges closing the whole day (no `ranges`).
 */
export function normaliseHours(h: ServiceHours): ServiceHours {
  const week = (w: ServiceHours['video']): ServiceHours['video'] => {
    const out = { ...w };
    for (const d of WEEKDAY_ORDER) out[d] = sortRanges(w[d] ?? []);
    return out;
  };
  return {
    timeZone: h.timeZone,
    video: week(h.video),
    text: week(h.text),
    exceptions: h.exceptions.map((e): HoursException => {
      const ranges = sortRanges(e.ranges ?? []);
      const { ranges: _dropped, ...rest } = e;
      void _dropped;
      return {
        ...rest,
        date: e.date.trim(),
        services: [...new Set(e.services)],
        message: { 'zh-TW': e.message['zh-TW'].trim(), en: e.message.en.trim() },
        ...(ranges.length > 0 || e.kind === 'open' ? { ranges } : {}),
      };
    }),
  };
}

/** Every problem in a (normalised) document, in reading order. */
export function validateHours(h: ServiceHours): FoundProblem[] {
  const out: FoundProblem[] = [];
  for (const service of ['video', 'text'] as const) {
    for (const weekday of WEEKDAY_ORDER) {
      for (const p of rangeProblems(h[service][weekday] ?? [])) out.push({ place: { kind: 'weekly', service, weekday, range: p.range, field: p.field }, problem: p.problem });
    }
  }
  const slots = new Set<string>();
  h.exceptions.forEach((e, index) => {
    const at = (field: 'date' | 'services' | 'ranges' | 'message', range: number | null = null, rangeField: 'open' | 'close' | null = null): ProblemPlace => ({ kind: 'exception', index, field, range, rangeField });
    if (!isRealDate(e.date)) out.push({ place: at('date'), problem: 'date' });
    if (e.services.length === 0) out.push({ place: at('services'), problem: 'services' });
    if (e.kind === 'open' && (e.ranges ?? []).length === 0) out.push({ place: at('ranges'), problem: 'openNeedsRanges' });
    for (const p of rangeProblems(e.ranges ?? [])) out.push({ place: at('ranges', p.range, p.field), problem: p.problem });
    const zh = e.message['zh-TW'];
    const en = e.message.en;
    if (!zh || !en) out.push({ place: at('message'), problem: 'message' });
    else if ([...zh].length > HOURS_EDIT_LIMITS.maxMessageLength || [...en].length > HOURS_EDIT_LIMITS.maxMessageLength) out.push({ place: at('message'), problem: 'messageLong' });
    for (const s of e.services) {
      const slot = `${e.date} ${s}`;
      if (slots.has(slot)) out.push({ place: at('services'), problem: 'duplicate' });
      slots.add(slot);
    }
  });
  return out;
}

// ---- changes ---------------------------------------------------------------------------------------------

type Week = ServiceHours['video'];

function withDay(h: ServiceHours, service: ServiceKind, weekday: Weekday, change: (ranges: TimeRange[]) => TimeRange[]): ServiceHours {
  const week: Week = { ...h[service], [weekday]: change([...(h[service][weekday] ?? [])]) };
  return { ...h, [service]: week };
}

export function setWeeklyRanges(h: ServiceHours, service: ServiceKind, weekday: Weekday, ranges: TimeRange[]): ServiceHours {
  return withDay(h, service, weekday, () => ranges);
}

/** Every day of the week takes `weekday`'s ranges. */
export function copyDayToWeek(h: ServiceHours, service: ServiceKind, weekday: Weekday): ServiceHours {
  const ranges = h[service][weekday] ?? [];
  const week = { ...h[service] };
  for (const d of WEEKDAY_ORDER) week[d] = ranges.map((r) => ({ ...r }));
  return { ...h, [service]: week };
}

export function updateException(h: ServiceHours, index: number, patch: Partial<HoursException>): ServiceHours {
  return { ...h, exceptions: h.exceptions.map((e, i) => (i === index ? { ...e, ...patch } : e)) };
}

export function removeException(h: ServiceHours, index: number): ServiceHours {
  return { ...h, exceptions: h.exceptions.filter((_, i) => i !== index) };
}

/** A new id the server accepts (`[A-Za-z0-9_.-]{1,64}`), unlike any in `taken`. */
export function newExceptionId(taken: ReadonlySet<string>, random: () => number = Math.random): string {
  for (;;) {
    const id = `x-${Math.floor(random() * 36 ** 8).toString(36).padStart(8, '0')}`;
    if (!taken.has(id)) return id;
  }
}

/** A closure of video on `date`, to be filled in. */
export function addException(h: ServiceHours, date: string, random?: () => number): ServiceHours {
  const id = newExceptionId(new Set(h.exceptions.map((e) => e.id)), random);
  return { ...h, exceptions: [...h.exceptions, { id, date, services: ['video'], kind: 'closed', ranges: [], message: { 'zh-TW': '', en: '' } }] };
}

/** The date (`YYYY-MM-DD`) `days` after the date of `instant` in `timeZone`. */
export function dateInZone(instant: number, timeZone: string, days = 0): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(get('year'), get('month') - 1, get('day') + days)).toISOString().slice(0, 10);
}
