// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { describeServiceTime, localDayAndTime, nextRefreshMs } from './serviceTimes.ts';

const tpe = (local: string) => Date.parse(`${local}+08:00`);
const TZ = 'Asia/Taipei';

describe('describeServiceTime', () => {
  it('says "tomorrow 09:00" at 22:00 in Taipei, whatever zone the phone is in', () => {
    expect(describeServiceTime(tpe('2026-12-02T09:00'), tpe('2026-12-01T22:00'), TZ, 'zh-TW')).toMatchObject({ day: 'tomorrow', time: '09:00' });
  });

  it('says "today" before opening on the same Taipei date (just after midnight)', () => {
    expect(describeServiceTime(tpe('2026-12-02T09:00'), tpe('2026-12-02T00:30'), TZ, 'en')).toMatchObject({ day: 'today', time: '09:00' });
  });

  it('judges the day in Taipei, not UTC: 07:30 Taipei is still the previous UTC date', () => {
    // 2026-12-02T07:30+08:00 is 2026-12-01T23:30Z; 09:00 Taipei the same morning is today.
    expect(describeServiceTime(tpe('2026-12-02T09:00'), tpe('2026-12-02T07:30'), TZ, 'en').day).toBe('today');
  });

  it('names a later date in the reader’s language', () => {
    const zh = describeServiceTime(tpe('2026-12-05T09:00'), tpe('2026-12-01T22:00'), TZ, 'zh-TW');
    expect(zh).toMatchObject({ day: 'later', time: '09:00' });
    expect(zh.date).toContain('12月5日');
    const en = describeServiceTime(tpe('2026-12-05T09:00'), tpe('2026-12-01T22:00'), TZ, 'en');
    expect(en.date).toMatch(/December 5|5 December/);
    expect(en.date).toMatch(/Sat/);
  });

  it('writes midnight as 00:00 and keeps 24-hour times', () => {
    expect(localDayAndTime(tpe('2026-12-02T00:00'), TZ).time).toBe('00:00');
    expect(localDayAndTime(tpe('2026-12-02T18:05'), TZ).time).toBe('18:05');
  });
});

describe('nextRefreshMs', () => {
  const at = tpe('2026-12-01T17:59:30');
  const status = (videoCloses: number | null, videoOpens: number | null) => ({ at, video: { opensAt: videoOpens, closesAt: videoCloses }, text: { opensAt: null, closesAt: null } });

  it('asks again just after the next change when it comes within the minute', () => {
    expect(nextRefreshMs(status(tpe('2026-12-01T18:00'), null))).toBe(31_000);
  });

  it('asks at least once a minute, and never sooner than a second', () => {
    expect(nextRefreshMs(status(null, tpe('2026-12-02T09:00')))).toBe(60_000);
    expect(nextRefreshMs(status(at - 5_000, null))).toBe(60_000);
    expect(nextRefreshMs({ ...status(at + 1, null) })).toBe(1_001);
    expect(nextRefreshMs(status(at - 1, at - 1))).toBe(60_000);
  });
});
