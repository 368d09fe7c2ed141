/**
 * Taipei time for records and reports. Asia/Taipei is UTC+8 all year (no daylight saving), so a fixed offset is
 * exact; the service hours, which are edited by people in a time zone, use `localDay` in localTime.ts instead.
 */
export const TAIPEI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Start (ms epoch) of the Taipei calendar day an instant falls on, for "today's" figures. */
export function taipeiDayStart(at: number): number {
  return Math.floor((at + TAIPEI_OFFSET_MS) / DAY_MS) * DAY_MS - TAIPEI_OFFSET_MS;
}

/** The Taipei calendar day of an instant, `YYYY-MM-DD`. */
export function taipeiDay(at: Date | number): string {
  return new Date(+at + TAIPEI_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as a W3C datetime in Taipei wall time with its offset: `2026-12-01T10:15:00+08:00`. */
export function w3cTaipei(at: Date | number): string {
  return `${new Date(+at + TAIPEI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}
