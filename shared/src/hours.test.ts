import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_HOURS, weeklyGroups, type HoursException, type ServiceHours, type ServiceKind, type TimeRange, type WeeklyHours } from './hours.ts';
import { localDay, minutesToTime, timeToMinutes } from './localTime.ts';
import { currentClosing, hoursOn, isOpen, nextOpening, serviceStatus } from './openHours.ts';

/** An instant written in Taipei time (`2026-07-15T09:00` → epoch ms). */
const tpe = (local: string) => Date.parse(`${local}+08:00`);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
/** A deep copy (shared/ has no DOM or Node types, so no structuredClone). */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const msg = (en: string) => ({ 'zh-TW': `公告：${en}`, en });

function week(ranges: TimeRange[], overrides: Partial<WeeklyHours> = {}): WeeklyHours {
  const day = () => ranges.map((r) => ({ ...r }));
  return { 0: day(), 1: day(), 2: day(), 3: day(), 4: day(), 5: day(), 6: day(), ...overrides };
}

function withExceptions(...exceptions: HoursException[]): ServiceHours {
  return { ...clone(DEFAULT_SERVICE_HOURS), exceptions };
}

const typhoon: HoursException = { id: 'typhoon-2026-09-01', date: '2026-09-01', services: ['video'], kind: 'closed', message: msg('Typhoon: video closed today') };
const lunchClosure: HoursException = {
  id: 'drill',
  date: '2026-09-02',
  services: ['video'],
  kind: 'closed',
  ranges: [{ open: '12:00', close: '14:00' }],
  message: msg('Failover drill 12:00-14:00'),
};
const textMaintenance: HoursException = {
  id: 'maint',
  date: '2026-09-03',
  services: ['text'],
  kind: 'closed',
  ranges: [{ open: '02:00', close: '04:00' }],
  message: msg('Text chat maintenance 02:00-04:00'),
};
const newYear: HoursException = { id: 'ny', date: '2027-01-01', services: ['video'], kind: 'closed', message: msg('New Year holiday') };
const bothClosed: HoursException = { id: 'both', date: '2026-10-10', services: ['video', 'text'], kind: 'closed', message: msg('National Day: closed') };
const withSpecial = (exceptions: HoursException[] = []): ServiceHours => ({
  timeZone: 'Asia/Taipei',
  video: week([{ open: '09:00', close: '18:00' }], { 0: [] }),
  text: week([{ open: '00:00', close: '24:00' }]),
  exceptions,
});
const sundayOpening: HoursException = {
  id: 'special-sunday',
  date: '2026-07-19',
  services: ['video'],
  kind: 'open',
  ranges: [{ open: '10:00', close: '14:00' }],
  message: msg('Special opening 10:00-14:00'),
};

const DEFAULT = DEFAULT_SERVICE_HOURS;
const ALL = withExceptions(typhoon, lunchClosure, textMaintenance, newYear, bothClosed);

interface Row {
  name: string;
  hours: ServiceHours;
  kind: ServiceKind;
  at: number;
  open: boolean;
  opensAt: string | null;
  closesAt: string | null;
  message?: string | null;
}

const T = (local: string) => new Date(tpe(local)).toISOString();

const rows: Row[] = [
  // Ordinary day, video 09:00–18:00.
  { name: 'video 08:59:59 closed', hours: DEFAULT, kind: 'video', at: tpe('2026-07-15T08:59:59'), open: false, opensAt: T('2026-07-15T09:00'), closesAt: null },
  { name: 'video 09:00 open', hours: DEFAULT, kind: 'video', at: tpe('2026-07-15T09:00:00'), open: true, opensAt: T('2026-07-16T09:00'), closesAt: T('2026-07-15T18:00') },
  { name: 'video 17:59:59.999 open', hours: DEFAULT, kind: 'video', at: tpe('2026-07-15T17:59:59.999'), open: true, opensAt: T('2026-07-16T09:00'), closesAt: T('2026-07-15T18:00') },
  { name: 'video 18:00 closed', hours: DEFAULT, kind: 'video', at: tpe('2026-07-15T18:00:00'), open: false, opensAt: T('2026-07-16T09:00'), closesAt: null },
  { name: 'video 22:00 opens next day 09:00', hours: DEFAULT, kind: 'video', at: tpe('2026-07-15T22:00'), open: false, opensAt: T('2026-07-16T09:00'), closesAt: null },
  { name: 'video 00:00 opens same day 09:00', hours: DEFAULT, kind: 'video', at: tpe('2026-07-16T00:00'), open: false, opensAt: T('2026-07-16T09:00'), closesAt: null },
  // Text 24 hours: one period with no end in sight, across midnight.
  { name: 'text 23:59:59 open', hours: DEFAULT, kind: 'text', at: tpe('2026-07-15T23:59:59'), open: true, opensAt: null, closesAt: null, message: null },
  { name: 'text 00:00 open', hours: DEFAULT, kind: 'text', at: tpe('2026-07-16T00:00:00'), open: true, opensAt: null, closesAt: null },
  // Typhoon closes video (only) on 2026-09-01.
  { name: 'typhoon eve 20:00: video opens the day after', hours: ALL, kind: 'video', at: tpe('2026-08-31T20:00'), open: false, opensAt: T('2026-09-02T09:00'), closesAt: null, message: typhoon.message.en },
  { name: 'typhoon day 10:00: video closed with message', hours: ALL, kind: 'video', at: tpe('2026-09-01T10:00'), open: false, opensAt: T('2026-09-02T09:00'), closesAt: null, message: typhoon.message.en },
  { name: 'typhoon day 10:00: text unaffected', hours: ALL, kind: 'text', at: tpe('2026-09-01T10:00'), open: true, opensAt: T('2026-09-03T04:00'), closesAt: T('2026-09-03T02:00'), message: null },
  { name: 'typhoon eve 12:00: video open, no message yet', hours: ALL, kind: 'video', at: tpe('2026-08-31T12:00'), open: true, opensAt: T('2026-09-02T09:00'), closesAt: T('2026-08-31T18:00'), message: null },
  // Partial closure 12:00–14:00 on 2026-09-02 (video).
  { name: 'partial closure: open before, message shown', hours: ALL, kind: 'video', at: tpe('2026-09-02T11:59'), open: true, opensAt: T('2026-09-02T14:00'), closesAt: T('2026-09-02T12:00'), message: lunchClosure.message.en },
  { name: 'partial closure: closed during', hours: ALL, kind: 'video', at: tpe('2026-09-02T12:00'), open: false, opensAt: T('2026-09-02T14:00'), closesAt: null, message: lunchClosure.message.en },
  { name: 'partial closure: open after', hours: ALL, kind: 'video', at: tpe('2026-09-02T14:00'), open: true, opensAt: T('2026-09-03T09:00'), closesAt: T('2026-09-02T18:00'), message: lunchClosure.message.en },
  { name: 'partial closure: after hours, nothing unusual ahead', hours: ALL, kind: 'video', at: tpe('2026-09-02T19:00'), open: false, opensAt: T('2026-09-03T09:00'), closesAt: null, message: null },
  // Text maintenance 02:00–04:00 on 2026-09-03: the 24-hour period is followed across midnight to it.
  { name: 'text the night before maintenance', hours: ALL, kind: 'text', at: tpe('2026-09-02T23:00'), open: true, opensAt: T('2026-09-03T04:00'), closesAt: T('2026-09-03T02:00'), message: null },
  { name: 'text during maintenance', hours: ALL, kind: 'text', at: tpe('2026-09-03T03:00'), open: false, opensAt: T('2026-09-03T04:00'), closesAt: null, message: textMaintenance.message.en },
  { name: 'text after maintenance runs to the next whole-day closure', hours: ALL, kind: 'text', at: tpe('2026-09-03T04:00'), open: true, opensAt: T('2026-10-11T00:00'), closesAt: T('2026-10-10T00:00'), message: textMaintenance.message.en },
  { name: 'text on a day both services close', hours: ALL, kind: 'text', at: tpe('2026-10-10T12:00'), open: false, opensAt: T('2026-10-11T00:00'), closesAt: null, message: bothClosed.message.en },
  { name: 'video on a day both services close', hours: ALL, kind: 'video', at: tpe('2026-10-10T12:00'), open: false, opensAt: T('2026-10-11T09:00'), closesAt: null, message: bothClosed.message.en },
  // Year boundary, with New Year's Day closed for video.
  { name: 'video 2026-12-31 17:59:59', hours: ALL, kind: 'video', at: tpe('2026-12-31T17:59:59'), open: true, opensAt: T('2027-01-02T09:00'), closesAt: T('2026-12-31T18:00'), message: null },
  { name: 'video New Year\'s Eve 23:00 skips the holiday', hours: ALL, kind: 'video', at: tpe('2026-12-31T23:00'), open: false, opensAt: T('2027-01-02T09:00'), closesAt: null, message: newYear.message.en },
  { name: 'video year boundary without exceptions', hours: DEFAULT, kind: 'video', at: tpe('2026-12-31T23:59:59'), open: false, opensAt: T('2027-01-01T09:00'), closesAt: null, message: null },
  { name: 'text across the year boundary', hours: ALL, kind: 'text', at: tpe('2026-12-31T23:59:59'), open: true, opensAt: null, closesAt: null, message: null },
  // Sunday closed weekly, with a special opening on Sunday 2026-07-19 10:00–14:00.
  { name: 'Saturday evening: special Sunday opening comes first', hours: withSpecial([sundayOpening]), kind: 'video', at: tpe('2026-07-18T19:00'), open: false, opensAt: T('2026-07-19T10:00'), closesAt: null, message: sundayOpening.message.en },
  { name: 'Sunday 09:30: not yet', hours: withSpecial([sundayOpening]), kind: 'video', at: tpe('2026-07-19T09:30'), open: false, opensAt: T('2026-07-19T10:00'), closesAt: null, message: sundayOpening.message.en },
  { name: 'Sunday 10:00: special opening', hours: withSpecial([sundayOpening]), kind: 'video', at: tpe('2026-07-19T10:00'), open: true, opensAt: T('2026-07-20T09:00'), closesAt: T('2026-07-19T14:00'), message: sundayOpening.message.en },
  { name: 'Sunday 14:00: closed again, nothing unusual ahead', hours: withSpecial([sundayOpening]), kind: 'video', at: tpe('2026-07-19T14:00'), open: false, opensAt: T('2026-07-20T09:00'), closesAt: null, message: null },
  { name: 'an ordinary Sunday stays closed', hours: withSpecial([sundayOpening]), kind: 'video', at: tpe('2026-07-26T10:00'), open: false, opensAt: T('2026-07-27T09:00'), closesAt: null, message: null },
  { name: 'Saturday evening without the special opening', hours: withSpecial(), kind: 'video', at: tpe('2026-07-18T19:00'), open: false, opensAt: T('2026-07-20T09:00'), closesAt: null, message: null },
  // An instant given in UTC that is already the next local day: 2026-11-29T17:30Z = Monday 01:30 in Taipei.
  { name: 'UTC Sunday evening is Taipei Monday morning', hours: withSpecial(), kind: 'video', at: Date.parse('2026-11-29T17:30:00Z'), open: false, opensAt: '2026-11-30T01:00:00.000Z', closesAt: null, message: null },
  { name: 'UTC Sunday 01:30Z is Taipei Sunday 09:30 (closed)', hours: withSpecial(), kind: 'video', at: Date.parse('2026-11-29T01:30:00Z'), open: false, opensAt: '2026-11-30T01:00:00.000Z', closesAt: null },
];

describe('serviceStatus, isOpen, nextOpening, currentClosing over a table of instants', () => {
  it.each(rows)('$name', (row) => {
    const status = serviceStatus(row.hours, row.at)[row.kind];
    expect({ open: status.open, opensAt: iso(status.opensAt), closesAt: iso(status.closesAt) }).toEqual({ open: row.open, opensAt: row.opensAt, closesAt: row.closesAt });
    if (row.message !== undefined) expect(status.message?.en ?? null).toBe(row.message);
    if (status.message) expect(status.message['zh-TW']).toBe(`公告：${status.message.en}`);
    expect(isOpen(row.hours, row.kind, row.at).open).toBe(row.open);
    expect(iso(nextOpening(row.hours, row.kind, row.at))).toBe(row.opensAt);
    expect(iso(currentClosing(row.hours, row.kind, row.at))).toBe(row.closesAt);
  });
});

describe('localDay', () => {
  it.each([
    ['2026-11-29T17:30:00Z', 'Asia/Taipei', { date: '2026-11-30', weekday: 1, minuteOfDay: 90 }],
    ['2026-11-29T15:59:59Z', 'Asia/Taipei', { date: '2026-11-29', weekday: 0, minuteOfDay: 1439 }],
    ['2026-11-29T16:00:00Z', 'Asia/Taipei', { date: '2026-11-30', weekday: 1, minuteOfDay: 0 }],
    ['2026-12-31T16:00:00Z', 'Asia/Taipei', { date: '2027-01-01', weekday: 5, minuteOfDay: 0 }],
    ['2026-12-31T15:59:59.999Z', 'Asia/Taipei', { date: '2026-12-31', weekday: 4, minuteOfDay: 1439 }],
    ['2026-11-29T17:30:00Z', 'UTC', { date: '2026-11-29', weekday: 0, minuteOfDay: 1050 }],
    ['2026-07-15T12:00:00Z', 'America/New_York', { date: '2026-07-15', weekday: 3, minuteOfDay: 480 }],
    ['2028-02-29T00:00:00Z', 'Asia/Taipei', { date: '2028-02-29', weekday: 2, minuteOfDay: 480 }],
  ] as const)('%s in %s', (instant, zone, expected) => {
    expect(localDay(Date.parse(instant), zone)).toEqual(expected);
  });

  it('refuses a non-finite instant and an unknown zone', () => {
    expect(() => localDay(Number.NaN, 'Asia/Taipei')).toThrow(RangeError);
    expect(() => localDay(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('isOpen', () => {
  it('reports the exception for that local date and service, whatever the state at that minute', () => {
    expect(isOpen(ALL, 'video', tpe('2026-09-02T10:00'))).toEqual({ open: true, exception: lunchClosure });
    expect(isOpen(ALL, 'video', tpe('2026-09-01T10:00'))).toEqual({ open: false, exception: typhoon });
    expect(isOpen(ALL, 'text', tpe('2026-09-01T10:00'))).toEqual({ open: true, exception: null });
    expect(isOpen(DEFAULT, 'video', tpe('2026-09-01T10:00'))).toEqual({ open: true, exception: null });
  });

  it('uses the local date: an exception dated Monday does not apply on UTC Monday evening (Tuesday in Taipei)', () => {
    const monday: HoursException = { id: 'm', date: '2026-11-30', services: ['text'], kind: 'closed', message: msg('closed Monday') };
    const hours = withExceptions(monday);
    expect(isOpen(hours, 'text', Date.parse('2026-11-29T17:30:00Z')).open).toBe(false);
    expect(isOpen(hours, 'text', Date.parse('2026-11-30T17:30:00Z')).open).toBe(true);
    expect(currentClosing(hours, 'text', Date.parse('2026-11-29T12:00:00Z'))).toBe(Date.parse('2026-11-29T16:00:00Z'));
  });

  it('an open exception replaces the weekly hours (shorter and longer days)', () => {
    const shortEve: HoursException = { id: 'eve', date: '2026-12-31', services: ['video'], kind: 'open', ranges: [{ open: '09:00', close: '12:00' }], message: msg('Closing at noon') };
    const longDay: HoursException = { id: 'long', date: '2026-08-20', services: ['video'], kind: 'open', ranges: [{ open: '08:00', close: '12:00' }, { open: '13:00', close: '21:00' }], message: msg('Extended hours') };
    const hours = withExceptions(shortEve, longDay);
    expect(isOpen(hours, 'video', tpe('2026-12-31T13:00')).open).toBe(false);
    expect(serviceStatus(hours, tpe('2026-12-31T13:00')).video.message?.en).toBe('Closing at noon');
    expect(isOpen(hours, 'video', tpe('2026-08-20T08:00')).open).toBe(true);
    expect(isOpen(hours, 'video', tpe('2026-08-20T12:30')).open).toBe(false);
    expect(currentClosing(hours, 'video', tpe('2026-08-20T20:00'))).toBe(tpe('2026-08-20T21:00'));
    expect(nextOpening(hours, 'video', tpe('2026-08-20T08:00'))).toBe(tpe('2026-08-20T13:00'));
  });
});

describe('periods across midnight', () => {
  it('follows a period that runs through midnight into the next day', () => {
    const night: ServiceHours = {
      ...clone(DEFAULT),
      video: week([{ open: '20:00', close: '24:00' }], { 3: [{ open: '00:00', close: '02:00' }, { open: '20:00', close: '24:00' }], 4: [{ open: '00:00', close: '02:00' }] }),
    };
    // Tuesday 2026-07-14 20:00 → Wednesday 00:00–02:00 is the same period.
    expect(currentClosing(night, 'video', tpe('2026-07-14T23:00'))).toBe(tpe('2026-07-15T02:00'));
    expect(nextOpening(night, 'video', tpe('2026-07-14T23:00'))).toBe(tpe('2026-07-15T20:00'));
    expect(isOpen(night, 'video', tpe('2026-07-15T01:59')).open).toBe(true);
    expect(isOpen(night, 'video', tpe('2026-07-15T02:00')).open).toBe(false);
    // Wednesday 20:00 runs to Thursday 02:00; Thursday evening has no hours, Friday opens 20:00.
    expect(currentClosing(night, 'video', tpe('2026-07-15T21:00'))).toBe(tpe('2026-07-16T02:00'));
    expect(nextOpening(night, 'video', tpe('2026-07-15T21:00'))).toBe(tpe('2026-07-17T20:00'));
  });

  it('treats touching ranges within a day as one period', () => {
    const split: ServiceHours = { ...clone(DEFAULT), video: week([{ open: '09:00', close: '12:00' }, { open: '12:00', close: '18:00' }]) };
    expect(currentClosing(split, 'video', tpe('2026-07-15T10:00'))).toBe(tpe('2026-07-15T18:00'));
    expect(nextOpening(split, 'video', tpe('2026-07-15T10:00'))).toBe(tpe('2026-07-16T09:00'));
  });
});

describe('the one-year horizon', () => {
  const never: ServiceHours = { ...clone(DEFAULT), video: week([]) };
  const special = (date: string): HoursException => ({ id: date, date, services: ['video'], kind: 'open', ranges: [{ open: '10:00', close: '11:00' }], message: msg('One day only') });

  it('finds an opening up to 366 days ahead and none further', () => {
    const at = tpe('2026-07-15T12:00');
    expect(nextOpening(never, 'video', at)).toBeNull();
    expect(nextOpening({ ...never, exceptions: [special('2027-07-16')] }, 'video', at)).toBe(tpe('2027-07-16T10:00'));
    expect(nextOpening({ ...never, exceptions: [special('2027-07-17')] }, 'video', at)).toBeNull();
    expect(serviceStatus({ ...never, exceptions: [special('2027-07-16')] }, at).video.message?.en).toBe('One day only');
  });

  it('says text never closes when it stays open beyond the horizon', () => {
    expect(currentClosing(DEFAULT, 'text', tpe('2026-07-15T12:00'))).toBeNull();
    expect(nextOpening(DEFAULT, 'text', tpe('2026-07-15T12:00'))).toBeNull();
  });
});

describe('time zones other than Taipei', () => {
  it('computes local openings with the zone, across a daylight-saving change', () => {
    const ny: ServiceHours = { ...clone(DEFAULT), timeZone: 'America/New_York' };
    // Saturday 2026-03-07 09:00 EST = 14:00Z; Sunday 2026-03-08 (clocks go forward at 02:00) 09:00 EDT = 13:00Z.
    expect(nextOpening(ny, 'video', Date.parse('2026-03-07T12:00:00Z'))).toBe(Date.parse('2026-03-07T14:00:00Z'));
    expect(nextOpening(ny, 'video', Date.parse('2026-03-08T03:00:00Z'))).toBe(Date.parse('2026-03-08T13:00:00Z'));
    expect(currentClosing(ny, 'video', Date.parse('2026-03-08T14:00:00Z'))).toBe(Date.parse('2026-03-08T22:00:00Z'));
    // The 24-hour text period's day boundaries fall on local midnights, 23 hours apart on the change day.
    const nyText: ServiceHours = { ...ny, exceptions: [{ id: 'x', date: '2026-03-09', services: ['text'], kind: 'closed', message: msg('closed') }] };
    expect(currentClosing(nyText, 'text', Date.parse('2026-03-08T12:00:00Z'))).toBe(Date.parse('2026-03-09T04:00:00Z'));
    expect(nextOpening(nyText, 'text', Date.parse('2026-03-08T12:00:00Z'))).toBe(Date.parse('2026-03-10T04:00:00Z'));
  });
});

describe('hoursOn and time helpers', () => {
  it('gives a date\'s effective ranges and exception', () => {
    expect(hoursOn(ALL, 'video', '2026-09-02')).toEqual({ ranges: [{ open: '09:00', close: '12:00' }, { open: '14:00', close: '18:00' }], exception: lunchClosure });
    expect(hoursOn(ALL, 'video', '2026-09-01')).toEqual({ ranges: [], exception: typhoon });
    expect(hoursOn(ALL, 'text', '2026-09-01')).toEqual({ ranges: [{ open: '00:00', close: '24:00' }], exception: null });
    expect(hoursOn(withSpecial([sundayOpening]), 'video', '2026-07-19').ranges).toEqual([{ open: '10:00', close: '14:00' }]);
    expect(() => hoursOn(ALL, 'video', 'someday')).toThrow(RangeError);
  });

  it('converts HH:MM', () => {
    expect(timeToMinutes('00:00')).toBe(0);
    expect(timeToMinutes('09:05')).toBe(545);
    expect(timeToMinutes('23:59')).toBe(1439);
    expect(timeToMinutes('24:00')).toBe(1440);
    for (const bad of ['24:01', '9:00', '12:60', '25:00', '', '12:00:00']) expect(timeToMinutes(bad)).toBeNaN();
    expect(minutesToTime(545)).toBe('09:05');
    expect(minutesToTime(1440)).toBe('24:00');
  });

  it('keeps the default hours frozen: video 09:00–18:00 and text all day, every day, in Asia/Taipei', () => {
    expect(Object.isFrozen(DEFAULT.video[3])).toBe(true);
    expect(DEFAULT.timeZone).toBe('Asia/Taipei');
    for (const d of [0, 1, 2, 3, 4, 5, 6] as const) {
      expect(DEFAULT.video[d]).toEqual([{ open: '09:00', close: '18:00' }]);
      expect(DEFAULT.text[d]).toEqual([{ open: '00:00', close: '24:00' }]);
    }
    expect(DEFAULT.exceptions).toEqual([]);
  });
});

describe('weeklyGroups and the weekly hours in the status', () => {
  const nine = [{ open: '09:00', close: '18:00' }];
  it('makes one group of the default week, Monday first', () => {
    expect(weeklyGroups(DEFAULT.video)).toEqual([{ days: [1, 2, 3, 4, 5, 6, 0], ranges: nine }]);
  });

  it('splits where the hours change, keeping closed days and split days as they are', () => {
    const week = { 0: [], 1: nine, 2: nine, 3: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '18:00' }], 4: nine, 5: nine, 6: [] };
    expect(weeklyGroups(week)).toEqual([
      { days: [1, 2], ranges: nine },
      { days: [3], ranges: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '18:00' }] },
      { days: [4, 5], ranges: nine },
      { days: [6, 0], ranges: [] },
    ]);
  });

  it('carries the usual weekly hours in the status (exceptions aside), as a copy', () => {
    const status = serviceStatus(ALL, tpe('2026-09-01T10:00'));
    expect(status.video.open).toBe(false);
    expect(status.video.weekly).toEqual(ALL.video);
    expect(status.text.weekly).toEqual(ALL.text);
    status.video.weekly[1].push({ open: '20:00', close: '21:00' });
    expect(ALL.video[1]).toHaveLength(1);
  });
});
