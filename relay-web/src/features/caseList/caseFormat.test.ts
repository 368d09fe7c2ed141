import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '@sign-relay/shared';
import { caseDateTime, districtLabel, itemLabel, nextStatuses, seesPersonalData, STATUS_APPEARANCE, statusChangeBody, statusChangeProblems } from './caseFormat.ts';

describe('case formatting', () => {
  it('shows times in Taipei as YYYY-MM-DD HH:mm', () => {
    expect(caseDateTime(Date.parse('2026-11-30T16:05:00Z'))).toBe('2026-12-01 00:05');
    expect(caseDateTime(Date.parse('2026-12-01T06:30:59Z'))).toBe('2026-12-01 14:30');
  });

  it('names a dispatch item by its code and Chinese name, adding the English words in English', () => {
    expect(itemLabel('D01', 'zh-TW')).toBe('D01 市區道路坑洞處理');
    expect(itemLabel('D22', 'en')).toBe('D22 動物救援 (animal rescue)');
    expect(itemLabel('X9', 'zh-TW')).toBe('X9');
  });

  it('names a district in Chinese, in English with the Chinese after', () => {
    expect(districtLabel('daan', 'zh-TW')).toBe('大安區');
    expect(districtLabel('daan', 'en')).toBe("Da'an (大安區)");
    expect(districtLabel('daan', 'en', true)).toBe("Da'an");
    expect(districtLabel('daan', 'zh-TW', true)).toBe('大安區');
    expect(districtLabel('taichung', 'en')).toBe('taichung');
  });

  it('gives every status an icon and a tone, no two alike', () => {
    const icons = CASE_STATUSES.map((s) => STATUS_APPEARANCE[s].icon);
    const tones = CASE_STATUSES.map((s) => STATUS_APPEARANCE[s].tone);
    expect(new Set(icons).size).toBe(CASE_STATUSES.length);
    expect(new Set(tones).size).toBe(CASE_STATUSES.length);
  });
});

describe('status changes', () => {
  it('moves forward only: open → in progress or closed, in progress → closed, closed → nothing', () => {
    expect(nextStatuses('open')).toEqual(['in-progress', 'closed']);
    expect(nextStatuses('in-progress')).toEqual(['closed']);
    expect(nextStatuses('closed')).toEqual([]);
  });

  it('needs a closing note to close, and none to start work', () => {
    expect(statusChangeProblems({ status: 'closed', note: '  ', publicNote: '' })).toEqual([{ field: 'note', rule: 'closing-note-required' }]);
    expect(statusChangeProblems({ status: 'closed', note: '路燈已修復', publicNote: '' })).toEqual([]);
    expect(statusChangeProblems({ status: 'in-progress', note: '', publicNote: '' })).toEqual([]);
  });

  it('holds both notes to their limits, counting characters (not UTF-16 units)', () => {
    expect(statusChangeProblems({ status: 'closed', note: '字'.repeat(1000), publicNote: '𠀀'.repeat(500) })).toEqual([]);
    expect(statusChangeProblems({ status: 'closed', note: '字'.repeat(1001), publicNote: '𠀀'.repeat(501) })).toEqual([
      { field: 'note', rule: 'too-long' },
      { field: 'publicNote', rule: 'too-long' },
    ]);
  });

  it('sends the notes trimmed and leaves empty ones out', () => {
    expect(statusChangeBody({ status: 'closed', note: ' 已處理 ', publicNote: '  ' })).toEqual({ status: 'closed', note: '已處理' });
    expect(statusChangeBody({ status: 'in-progress', note: '', publicNote: ' 已派工 ' })).toEqual({ status: 'in-progress', publicNote: '已派工' });
  });
});

describe('who sees personal data', () => {
  it('shows it to the case’s interpreter, supervisors and admins only', () => {
    expect(seesPersonalData({ id: 'a', role: 'interpreter' }, 'a')).toBe(true);
    expect(seesPersonalData({ id: 'b', role: 'interpreter' }, 'a')).toBe(false);
    expect(seesPersonalData({ id: 'b', role: 'interpreter' }, null)).toBe(false);
    expect(seesPersonalData({ id: 's', role: 'supervisor' }, 'a')).toBe(true);
    expect(seesPersonalData({ id: 'x', role: 'admin' }, null)).toBe(true);
  });
});
