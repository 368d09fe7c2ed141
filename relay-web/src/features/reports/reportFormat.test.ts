import { describe, expect, it } from 'vitest';
import type { ReportDay } from '@sign-relay/shared';
import {
  byCount,
  countText,
  daysSoFar,
  dayLabel,
  defaultQuery,
  districtName,
  isFuture,
  itemName,
  monthOf,
  percentText,
  periodLabel,
  queryFromParams,
  reportFilename,
  shareOf,
  shiftPeriod,
  shortLabel,
  switchPeriod,
  taipeiToday,
  total,
  trendPoints,
} from './reportFormat.ts';

// 2026-11-30 20:35 UTC is already 1 December in Taipei.
const now = Date.parse('2026-11-30T20:35:00Z');

describe('the report period', () => {
  it('defaults to this month in Taipei, not in UTC', () => {
    expect(taipeiToday(now)).toBe('2026-12-01');
    expect(defaultQuery(now)).toEqual({ period: 'month', date: '2026-12' });
    expect(taipeiToday(Date.parse('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
  });

  it('reads the period from the URL, and falls back to the default for anything else', () => {
    expect(queryFromParams(new URLSearchParams('period=day&date=2026-11-30'), now)).toEqual({ period: 'day', date: '2026-11-30' });
    expect(queryFromParams(new URLSearchParams('period=month&date=2026-02'), now)).toEqual({ period: 'month', date: '2026-02' });
    for (const bad of ['', 'period=day&date=2026-02-30', 'period=month&date=2026-11-30', 'period=week&date=2026-11', 'period=day&date=<x>']) {
      expect(queryFromParams(new URLSearchParams(bad), now), bad).toEqual({ period: 'month', date: '2026-12' });
    }
  });

  it('steps a day or a month either side, across months and years', () => {
    expect(shiftPeriod({ period: 'day', date: '2026-11-30' }, 1)).toEqual({ period: 'day', date: '2026-12-01' });
    expect(shiftPeriod({ period: 'day', date: '2026-03-01' }, -1)).toEqual({ period: 'day', date: '2026-02-28' });
    expect(shiftPeriod({ period: 'month', date: '2026-12' }, 1)).toEqual({ period: 'month', date: '2027-01' });
    expect(shiftPeriod({ period: 'month', date: '2026-01' }, -1)).toEqual({ period: 'month', date: '2025-12' });
  });

  it('switches between a day and its month (today when it is this month)', () => {
    expect(switchPeriod({ period: 'day', date: '2026-11-15' }, 'month', now)).toEqual({ period: 'month', date: '2026-11' });
    expect(switchPeriod({ period: 'month', date: '2026-12' }, 'day', now)).toEqual({ period: 'day', date: '2026-12-01' });
    expect(switchPeriod({ period: 'month', date: '2026-10' }, 'day', now)).toEqual({ period: 'day', date: '2026-10-01' });
    expect(switchPeriod({ period: 'month', date: '2026-10' }, 'month', now)).toEqual({ period: 'month', date: '2026-10' });
  });

  it('knows a period that has not started yet', () => {
    expect(isFuture({ period: 'month', date: '2026-12' }, now)).toBe(false);
    expect(isFuture({ period: 'month', date: '2027-01' }, now)).toBe(true);
    expect(isFuture({ period: 'day', date: '2026-12-01' }, now)).toBe(false);
    expect(isFuture({ period: 'day', date: '2026-12-02' }, now)).toBe(true);
  });

  it('names files and open data by the period', () => {
    expect(reportFilename({ period: 'month', date: '2026-11' })).toBe('report-2026-11.csv');
    expect(reportFilename({ period: 'day', date: '2026-11-30' })).toBe('report-2026-11-30.csv');
    expect(monthOf({ period: 'day', date: '2026-11-30' })).toBe('2026-11');
  });
});

describe('the figures as shown', () => {
  it('writes shares with one decimal and counts with grouping, a dash without a figure', () => {
    expect(percentText(0.8519, 'zh-TW')).toBe('85.2%');
    expect(percentText(0.8, 'en')).toBe('80.0%');
    expect(percentText(null, 'en')).toBe('—');
    expect(countText(18780, 'zh-TW')).toBe('18,780');
    expect(shareOf(1, 4)).toBe(0.25);
    expect(shareOf(1, 0)).toBeNull();
  });

  it('orders tallies largest first, keeping the city\'s order between equals', () => {
    const t = [
      { key: 'D01', count: 5 },
      { key: 'D02', count: 9 },
      { key: 'D03', count: 5 },
      { key: 'D04', count: 0 },
    ];
    expect(byCount(t).map((x) => x.key)).toEqual(['D02', 'D01', 'D03', 'D04']);
    expect(total(t)).toBe(19);
  });

  it('names items and districts in the reader\'s language', () => {
    expect(itemName('D01', 'zh-TW')).toBe('市區道路坑洞處理');
    expect(itemName('D01', 'en')).toBe('road pothole');
    expect(itemName('X99', 'en')).toBe('X99');
    expect(districtName('daan', 'zh-TW')).toBe('大安區');
    expect(districtName('daan', 'en')).toBe("Da'an");
  });

  it('shortens long names for chart axes by whole characters', () => {
    expect(shortLabel('路燈故障或設施損壞', 12)).toBe('路燈故障或設施損壞');
    expect(shortLabel('污染舉發(空污、臭味、震動、水污染)', 8)).toBe('污染舉發(空污…');
    expect([...shortLabel('污染舉發(空污、臭味、震動、水污染)', 8)]).toHaveLength(8);
  });

  it('labels days and periods in either language', () => {
    expect(dayLabel('2026-11-30', 'zh-TW')).toBe('11/30（一）');
    expect(dayLabel('2026-11-30', 'en')).toBe('Mon 30 Nov');
    expect(periodLabel({ period: 'month', date: '2026-11' }, 'zh-TW')).toBe('2026年11月');
    expect(periodLabel({ period: 'month', date: '2026-11' }, 'en')).toBe('November 2026');
    expect(periodLabel({ period: 'day', date: '2026-11-30' }, 'en')).toBe('Mon, 30 November 2026');
  });

  it('keeps the days of a month in progress up to today (Taipei)', () => {
    const days = ['2026-11-30', '2026-12-01', '2026-12-02'].map((date) => ({ date }));
    expect(daysSoFar(days, now).map((d) => d.date)).toEqual(['2026-11-30', '2026-12-01']);
  });

  it('turns days into chart points with the day\'s service level in %', () => {
    const days: ReportDay[] = [
      { date: '2026-11-01', videoCalls: 100, answered: 96, answeredWithinTarget: 85, abandoned: 4, textChats: 30, cases: 600 },
      { date: '2026-11-02', videoCalls: 0, answered: 0, answeredWithinTarget: 0, abandoned: 0, textChats: 2, cases: 10 },
    ];
    expect(trendPoints(days)).toEqual([
      { date: '2026-11-01', tick: '1', videoCalls: 100, textChats: 30, abandoned: 4, cases: 600, serviceLevel: 85 },
      { date: '2026-11-02', tick: '2', videoCalls: 0, textChats: 2, abandoned: 0, cases: 10, serviceLevel: null },
    ]);
  });
});
