// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_HOURS } from '@sign-relay/shared';
import type { HoursException, ServiceHours } from '@sign-relay/shared';
import {
  addException,
  copyDayToWeek,
  dateInZone,
  isRealDate,
  newExceptionId,
  normaliseHours,
  rangeProblems,
  removeException,
  setWeeklyRanges,
  sortRanges,
  tidyTime,
  updateException,
  validateHours,
} from './hoursEditing.ts';

const hours = (): ServiceHours => JSON.parse(JSON.stringify(DEFAULT_SERVICE_HOURS)) as ServiceHours;
const exception = (p: Partial<HoursException> = {}): HoursException => ({
  id: 'typhoon',
  date: '2026-09-01',
  services: ['video'],
  kind: 'closed',
  message: { 'zh-TW': '颱風停班', en: 'Typhoon: closed' },
  ...p,
});

describe('times and ranges', () => {
  it('tidies 9:00 to 09:00 and leaves the rest for the check', () => {
    expect(tidyTime(' 9:00 ')).toBe('09:00');
    expect(tidyTime('24:00')).toBe('24:00');
    expect(tidyTime('9')).toBe('9');
  });

  it('sorts ranges by opening, malformed ones last', () => {
    expect(sortRanges([{ open: '13:00', close: '18:00' }, { open: 'x', close: '1' }, { open: '9:00', close: '12:00' }])).toEqual([
      { open: '09:00', close: '12:00' },
      { open: '13:00', close: '18:00' },
      { open: 'x', close: '1' },
    ]);
  });

  it('finds bad times, a close not after the open, and overlaps', () => {
    expect(rangeProblems([{ open: '9', close: '25:00' }])).toEqual([
      { range: 0, field: 'open', problem: 'time' },
      { range: 0, field: 'close', problem: 'time' },
    ]);
    expect(rangeProblems([{ open: '18:00', close: '09:00' }])).toEqual([{ range: 0, field: 'close', problem: 'order' }]);
    expect(rangeProblems([{ open: '09:00', close: '12:00' }, { open: '11:00', close: '13:00' }])).toEqual([{ range: 1, field: 'open', problem: 'overlap' }]);
    expect(rangeProblems([{ open: '09:00', close: '12:00' }, { open: '12:00', close: '24:00' }])).toEqual([]);
    expect(rangeProblems(Array.from({ length: 13 }, (_, i) => ({ open: `${String(i).padStart(2, '0')}:00`, close: `${String(i).padStart(2, '0')}:30` })))).toEqual([{ range: null, field: null, problem: 'tooMany' }]);
  });

  it('knows real dates', () => {
    expect(isRealDate('2026-02-28')).toBe(true);
    expect(isRealDate('2026-02-30')).toBe(false);
    expect(isRealDate('2026-2-3')).toBe(false);
    expect(isRealDate('')).toBe(false);
  });
});

describe('validateHours', () => {
  it('passes the defaults', () => {
    expect(validateHours(normaliseHours(hours()))).toEqual([]);
  });

  it('points at the weekday and range of a problem', () => {
    const h = setWeeklyRanges(hours(), 'video', 1, [
      { open: '09:00', close: '12:00' },
      { open: '11:00', close: '18:00' },
    ]);
    expect(validateHours(normaliseHours(h))).toEqual([{ place: { kind: 'weekly', service: 'video', weekday: 1, range: 1, field: 'open' }, problem: 'overlap' }]);
  });

  it('checks every field of an exception', () => {
    const h = hours();
    h.exceptions = [exception({ date: '2026-13-01', services: [], kind: 'open', ranges: [], message: { 'zh-TW': ' ', en: '' } })];
    const problems = validateHours(normaliseHours(h)).map((p) => p.problem);
    expect(problems).toEqual(['date', 'services', 'openNeedsRanges', 'message']);
  });

  it('refuses two exceptions for the same date and service', () => {
    const h = hours();
    h.exceptions = [exception(), exception({ id: 'other', services: ['text', 'video'] })];
    expect(validateHours(normaliseHours(h))).toEqual([{ place: { kind: 'exception', index: 1, field: 'services', range: null, rangeField: null }, problem: 'duplicate' }]);
  });

  it('limits notices to 500 characters', () => {
    const h = hours();
    h.exceptions = [exception({ message: { 'zh-TW': '字'.repeat(501), en: 'x' } })];
    expect(validateHours(normaliseHours(h)).map((p) => p.problem)).toEqual(['messageLong']);
  });
});

describe('normaliseHours', () => {
  it('sorts each day, trims notices, and closes the whole day when a closure has no times', () => {
    const h = setWeeklyRanges(hours(), 'text', 0, [
      { open: '13:00', close: '24:00' },
      { open: '0:00', close: '12:00' },
    ]);
    h.exceptions = [exception({ ranges: [], message: { 'zh-TW': ' 颱風 ', en: ' Typhoon ' }, services: ['video', 'video'] })];
    const n = normaliseHours(h);
    expect(n.text[0]).toEqual([
      { open: '00:00', close: '12:00' },
      { open: '13:00', close: '24:00' },
    ]);
    expect(n.exceptions[0]).toEqual({ id: 'typhoon', date: '2026-09-01', services: ['video'], kind: 'closed', message: { 'zh-TW': '颱風', en: 'Typhoon' } });
    expect('ranges' in (n.exceptions[0] ?? {})).toBe(false);
  });

  it('keeps the (empty) times of a special opening, so the check can point at them', () => {
    const h = hours();
    h.exceptions = [exception({ kind: 'open', ranges: [] })];
    expect(normaliseHours(h).exceptions[0]?.ranges).toEqual([]);
  });
});

describe('changes', () => {
  it('copies Monday to every day without sharing objects', () => {
    const h = copyDayToWeek(setWeeklyRanges(hours(), 'video', 1, [{ open: '08:00', close: '20:00' }]), 'video', 1);
    for (const d of [0, 1, 2, 3, 4, 5, 6] as const) expect(h.video[d]).toEqual([{ open: '08:00', close: '20:00' }]);
    expect(h.video[0]).not.toBe(h.video[1]);
    expect(h.text).toEqual(hours().text);
  });

  it('adds, changes and removes exceptions without touching the original', () => {
    const base = hours();
    let h = addException(base, '2026-09-01', () => 0.5);
    expect(base.exceptions).toEqual([]);
    expect(h.exceptions[0]).toMatchObject({ date: '2026-09-01', services: ['video'], kind: 'closed', ranges: [] });
    expect(h.exceptions[0]?.id).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
    h = updateException(h, 0, { kind: 'open', ranges: [{ open: '10:00', close: '14:00' }] });
    expect(h.exceptions[0]).toMatchObject({ kind: 'open', ranges: [{ open: '10:00', close: '14:00' }] });
    expect(removeException(h, 0).exceptions).toEqual([]);
  });

  it('makes exception ids unlike the ones taken', () => {
    let n = 0;
    const random = () => [0.1, 0.1, 0.2][n++] ?? 0.3;
    const first = newExceptionId(new Set(), () => 0.1);
    expect(newExceptionId(new Set([first]), random)).not.toBe(first);
  });

  it('knows dates in Taipei', () => {
    expect(dateInZone(Date.parse('2026-12-01T22:00:00+08:00'), 'Asia/Taipei', 1)).toBe('2026-12-02');
    expect(dateInZone(Date.parse('2026-12-31T23:30:00+08:00'), 'Asia/Taipei', 1)).toBe('2027-01-01');
  });
});
