/**
 * The reports page's rules, pure: which period a URL names (this Taipei month by default), the periods either
 * side, and the figures as the page shows them — shares, counts, day labels, names of items and districts
 * in the reader's language, rows for the charts.
 */
import { DISPATCH_ITEMS, DISTRICTS, reportQuerySchema } from '@sign-relay/shared';
import type { ReportDay, ReportQuery, Tally } from '@sign-relay/shared';

const TAIPEI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Today's date in Taipei (UTC+8, no daylight saving), `YYYY-MM-DD`, whatever the browser's own zone. */
export function taipeiToday(now: number): string {
  return new Date(now + TAIPEI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The page's default: this Taipei month. */
export function defaultQuery(now: number): ReportQuery {
  return { period: 'month', date: taipeiToday(now).slice(0, 7) };
}

/** The period a URL's query names (`?period=day&date=2026-11-30`), or the default when it names none. */
export function queryFromParams(params: URLSearchParams, now: number): ReportQuery {
  const parsed = reportQuerySchema.safeParse({ period: params.get('period'), date: params.get('date') });
  return parsed.success && isCalendarDate(parsed.data) ? parsed.data : defaultQuery(now);
}

export function paramsOf(q: ReportQuery): Record<string, string> {
  return { period: q.period, date: q.date };
}

/** Whether a day exists (not `2026-02-30`); a month always does. */
function isCalendarDate(q: ReportQuery): boolean {
  if (q.period === 'month') return true;
  const [y = 0, m = 1, d = 1] = q.date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === q.date;
}

/** The period `by` days or months away. */
export function shiftPeriod(q: ReportQuery, by: number): ReportQuery {
  const [y = 0, m = 1, d = 1] = q.date.split('-').map(Number);
  if (q.period === 'day') return { period: 'day', date: new Date(Date.UTC(y, m - 1, d) + by * DAY_MS).toISOString().slice(0, 10) };
  return { period: 'month', date: new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7) };
}

/**
 * Switching between a day and a month: a day's month; a month's day is today when it is this month, else its
 * first day.
 */
export function switchPeriod(q: ReportQuery, period: ReportQuery['period'], now: number): ReportQuery {
  if (q.period === period) return q;
  if (period === 'month') return { period, date: q.date.slice(0, 7) };
  const today = taipeiToday(now);
  return { period, date: today.startsWith(q.date) ? today : `${q.date}-01` };
}

/** Whether the period starts after today (Taipei): nothing to report yet. */
export function isFuture(q: ReportQuery, now: number): boolean {
  const today = taipeiToday(now);
  return q.period === 'day' ? q.date > today : q.date > today.slice(0, 7);
}

/** The month a period falls in (the open data is published by month). */
export function monthOf(q: ReportQuery): string {
  return q.date.slice(0, 7);
}

/** The report's CSV file name, as the server names it. */
export function reportFilename(q: ReportQuery): string {
  return `report-${q.date}.csv`;
}

/** A share (0–1) as a percentage with one decimal (`85.2%`), `—` without a figure. */
export function percentText(share: number | null, language: string): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share);
}

/** A count with the language's digit grouping (`18,780`). */
export function countText(n: number, language: string): string {
  return new Intl.NumberFormat(language).format(n);
}

export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Tallies largest first (ties in the list's order): what a reader looks for first. */
export function byCount(tallies: readonly Tally[]): Tally[] {
  return tallies.map((t, i) => ({ t, i })).sort((a, b) => b.t.count - a.t.count || a.i - b.i).map(({ t }) => t);
}

export function total(tallies: readonly Tally[]): number {
  return tallies.reduce((n, t) => n + t.count, 0);
}

const isEnglish = (language: string): boolean => language.startsWith('en');

/** A dispatch item's name in the reader's language (the code when it is not one of the 22). */
export function itemName(code: string, language: string): string {
  const item = DISPATCH_ITEMS.find((i) => i.code === code);
  return item ? (isEnglish(language) ? item.en : item.zh) : code;
}

/** A district's name in the reader's language (the key when it is not one of the 12). */
export function districtName(code: string, language: string): string {
  const d = DISTRICTS.find((x) => x.code === code);
  return d ? (isEnglish(language) ? d.en : d.zh) : code;
}

/** A label cut to `max` characters (whole characters, not UTF-16 units) with an ellipsis: chart axes. */
export function shortLabel(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** A day as a table shows it: `11/30（一）` in Chinese, `Mon 30 Nov` in English. */
export function dayLabel(date: string, language: string): string {
  const at = Date.parse(`${date}T00:00:00Z`);
  if (isEnglish(language)) return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(at);
  const weekday = new Intl.DateTimeFormat('zh-TW', { timeZone: 'UTC', weekday: 'narrow' }).format(at);
  return `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}（${weekday}）`;
}

/** A period as a heading says it: `2026 年 11 月` / `November 2026`, or a day with its weekday. */
export function periodLabel(q: ReportQuery, language: string): string {
  const [y = 0, m = 1, d = 1] = q.date.split('-').map(Number);
  const at = Date.UTC(y, m - 1, d);
  const opts: Intl.DateTimeFormatOptions = q.period === 'month' ? { timeZone: 'UTC', year: 'numeric', month: 'long' } : { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' };
  return new Intl.DateTimeFormat(isEnglish(language) ? 'en-GB' : 'zh-TW', opts).format(at);
}

/** The days of a report up to today (Taipei): a month in progress has no figures for the days to come. */
export function daysSoFar<T extends { date: string }>(days: readonly T[], now: number): T[] {
  const today = taipeiToday(now);
  return days.filter((d) => d.date <= today);
}

/** One point of the trend charts: a day's counts and its share answered within 120 s (in %, null without calls). */
export interface TrendPoint {
  date: string;
  /** The day of the month, the charts' axis label. */
  tick: string;
  videoCalls: number;
  textChats: number;
  abandoned: number;
  cases: number;
  serviceLevel: number | null;
}

export function trendPoints(days: readonly ReportDay[]): TrendPoint[] {
  return days.map((d) => {
    const sl = shareOf(d.answeredWithinTarget, d.answered + d.abandoned);
    return {
      date: d.date,
      tick: String(Number(d.date.slice(8, 10))),
      videoCalls: d.videoCalls,
      textChats: d.textChats,
      abandoned: d.abandoned,
      cases: d.cases,
      serviceLevel: sl === null ? null : Math.round(sl * 1000) / 10,
    };
  });
}

/** Below this width the charts give their names fewer characters, so the bars keep room. */
export const CHARTS_NARROW = '(max-width: 600px)';
