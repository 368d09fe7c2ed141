// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_HOURS } from '@sign-relay/shared';
import type { WeeklyHours } from '@sign-relay/shared';
import { i18n } from '../../test/render.tsx';
import { weeklyWords } from './weeklyWords.ts';

const nine = [{ open: '09:00', close: '18:00' }];
const weekdaysOnly: WeeklyHours = { 0: [], 1: nine, 2: nine, 3: nine, 4: nine, 5: nine, 6: [] };
const lunch: WeeklyHours = { ...weekdaysOnly, 3: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '18:00' }], 6: [{ open: '10:00', close: '14:00' }] };

function words(weekly: WeeklyHours, lng: 'zh-TW' | 'en'): string {
  return weeklyWords(weekly, i18n.getFixedT(lng));
}

describe('weeklyWords', () => {
  it('says the default week in one phrase', () => {
    expect(words(DEFAULT_SERVICE_HOURS.video, 'zh-TW')).toBe('每天 09:00–18:00');
    expect(words(DEFAULT_SERVICE_HOURS.video, 'en')).toBe('daily 09:00–18:00');
    expect(words(DEFAULT_SERVICE_HOURS.text, 'zh-TW')).toBe('24 小時');
    expect(words(DEFAULT_SERVICE_HOURS.text, 'en')).toBe('24 hours');
  });

  it('groups consecutive days with the same hours, Monday first, and names closed days', () => {
    expect(words(weekdaysOnly, 'zh-TW')).toBe('星期一至星期五 09:00–18:00；星期六、星期日 休息');
    expect(words(weekdaysOnly, 'en')).toBe('Monday–Friday 09:00–18:00; Saturday, Sunday closed');
    expect(words(lunch, 'en')).toBe('Monday, Tuesday 09:00–18:00; Wednesday 09:00–12:00, 13:00–18:00; Thursday, Friday 09:00–18:00; Saturday 10:00–14:00; Sunday closed');
  });

  it('says a week with no hours at all is closed', () => {
    expect(words({ 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] }, 'en')).toBe('closed');
  });
});
