/**
 * A service's usual week in words, from the hours the server keeps (never catalogue text, so an admin's change
 * shows on the first screen): "daily 09:00–18:00", "24 hours", "Monday–Friday 09:00–18:00; Saturday, Sunday
 * closed". Days are grouped Monday first by {@link weeklyGroups}.
 */
import { weeklyGroups } from '@sign-relay/shared';
import type { TimeRange, Weekday, WeeklyHours } from '@sign-relay/shared';

const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** The few catalogue lookups the words need (i18next's `t` fits). */
export type Translate = (key: `hours.weekdays.${(typeof DAY_KEYS)[number]}` | `entry.week.${'daily' | 'allDay' | 'closed' | 'span' | 'daysSeparator' | 'groupSeparator' | 'rangeSeparator'}`, values?: Record<string, string>) => string;

const isAllDay = (ranges: readonly TimeRange[]): boolean => ranges.length === 1 && ranges[0]?.open === '00:00' && ranges[0].close === '24:00';

function rangesWords(ranges: readonly TimeRange[], t: Translate): string {
  if (ranges.length === 0) return t('entry.week.closed');
  if (isAllDay(ranges)) return t('entry.week.allDay');
  return ranges.map((r) => `${r.open}–${r.close}`).join(t('entry.week.rangeSeparator'));
}

function daysWords(days: readonly Weekday[], t: Translate): string {
  const name = (d: Weekday) => t(`hours.weekdays.${DAY_KEYS[d]}`);
  if (days.length >= 3) return t('entry.week.span', { from: name(days[0]!), to: name(days[days.length - 1]!) });
  return days.map(name).join(t('entry.week.daysSeparator'));
}

export function weeklyWords(weekly: WeeklyHours, t: Translate): string {
  const groups = weeklyGroups(weekly);
  if (groups.length === 1) {
    const ranges = groups[0]!.ranges;
    const words = rangesWords(ranges, t);
    return ranges.length === 0 || isAllDay(ranges) ? words : `${t('entry.week.daily')} ${words}`;
  }
  return groups.map((g) => `${daysWords(g.days, t)} ${rangesWords(g.ranges, t)}`).join(t('entry.week.groupSeparator'));
}
