import { describe, expect, it } from 'vitest';
import { CASE_RULES, caseContent, caseProblems, DISPATCH_ITEMS, DISTRICTS, formatCaseNumber, insideTaipei, searchDispatchItems, type CaseDraft, type CaseRule } from './cases.ts';

const DISPATCH: CaseDraft = { service: 'dispatch', dispatchItem: 'D06', district: 'xinyi', address: '松仁路 100 號', description: '路燈不亮' };
const rules = (d: CaseDraft): CaseRule[] => caseProblems(d).map((p) => p.rule);

describe('caseProblems', () => {
  it('a complete case of each service has no problems', () => {
    expect(caseProblems(DISPATCH)).toEqual([]);
    expect(caseProblems({ service: 'dispatch', dispatchItem: 'D01', district: 'daan', lat: 25.03, lng: 121.54, description: '坑洞' })).toEqual([]);
    expect(caseProblems({ service: 'petition', description: '噪音', callerName: '王小明', callerEmail: 'wang@example.tw' })).toEqual([]);
    expect(caseProblems({ service: 'transfer', agency: '環保局', transferOutcome: 'connected' })).toEqual([]);
    expect(caseProblems({ service: 'consultation', summary: '問垃圾車時間' })).toEqual([]);
  });

  it('names the field of each problem', () => {
    expect(caseProblems({ ...DISPATCH, dispatchItem: '' })).toEqual([{ field: 'dispatchItem', rule: 'item-required' }]);
    expect(caseProblems({ service: 'petition', description: 'x', callerName: '王' })).toEqual([{ field: 'callerPhone', rule: 'contact-required' }]);
  });

  it.each<[string, CaseDraft, CaseRule[]]>([
    ['no service', {}, ['service-required']],
    ['dispatch without item', { ...DISPATCH, dispatchItem: undefined }, ['item-required']],
    ['dispatch with an unknown item', { ...DISPATCH, dispatchItem: 'D99' }, ['item-unknown']],
    ['dispatch without district', { ...DISPATCH, district: '  ' }, ['district-required']],
    ['unknown district', { ...DISPATCH, district: 'banqiao' }, ['district-unknown']],
    ['dispatch without address or point', { ...DISPATCH, address: undefined }, ['location-required']],
    ['a point outside Taipei (Taichung)', { ...DISPATCH, lat: 24.1477, lng: 120.6736 }, ['coordinates-outside-taipei']],
    ['only a latitude', { ...DISPATCH, lat: 25.03 }, ['coordinates-incomplete']],
    ['dispatch without description', { ...DISPATCH, description: '' }, ['description-required']],
    ['description of 1,001 characters', { ...DISPATCH, description: '字'.repeat(1001) }, ['description-too-long']],
    ['address of 201 characters', { ...DISPATCH, address: 'a'.repeat(201) }, ['address-too-long']],
    ['summary of 1,001 characters', { ...DISPATCH, summary: 's'.repeat(1001) }, ['summary-too-long']],
    ['petition without name and contact', { service: 'petition', description: '噪音' }, ['name-required', 'contact-required']],
    ['petition with a bad phone', { service: 'petition', description: '噪音', callerName: '王', callerPhone: 'call me' }, ['phone-invalid']],
    ['a bad e-mail', { service: 'consultation', summary: 'x', callerEmail: 'x@' }, ['email-invalid']],
    ['a name of 101 characters', { service: 'consultation', summary: 'x', callerName: 'n'.repeat(101) }, ['name-too-long']],
    ['transfer without agency or outcome', { service: 'transfer' }, ['agency-required', 'transfer-outcome-required']],
    ['transfer with a 101-character agency', { service: 'transfer', agency: 'a'.repeat(101), transferOutcome: 'no-answer' }, ['agency-too-long']],
    ['consultation with nothing said', { service: 'consultation' }, ['description-required']],
  ])('%s', (_name, draft, expected) => {
    expect(rules(draft)).toEqual(expected);
  });

  it('counts characters, not UTF-16 units: 1,000 emoji are allowed', () => {
    expect(rules({ ...DISPATCH, description: '🕳'.repeat(1000) })).toEqual([]);
  });

  it('every rule a draft can break is in the closed list', () => {
    const seen = new Set<CaseRule>();
    for (const d of [{}, { service: 'transfer' }, { service: 'petition' }, { ...DISPATCH, dispatchItem: 'X' }] as CaseDraft[]) for (const r of rules(d)) seen.add(r);
    for (const r of seen) expect(CASE_RULES).toContain(r);
  });
});

describe('caseContent', () => {
  it('keeps only what the service files, trimmed', () => {
    expect(caseContent({ service: 'petition', dispatchItem: 'D01', agency: '環保局', description: ' 噪音 ', callerName: ' 王小明 ' })).toEqual({
      service: 'petition',
      description: '噪音',
      callerName: '王小明',
      lat: null,
      lng: null,
    });
    expect(caseContent({ ...DISPATCH, agency: '工務局' })).not.toHaveProperty('agency');
  });

  it('is the same for the same content whatever the key order (the read-back fingerprint relies on it)', () => {
    const a = caseContent({ description: 'x', service: 'dispatch', district: 'daan', dispatchItem: 'D01', address: 'y' });
    const b = caseContent({ address: 'y', dispatchItem: 'D01', district: 'daan', service: 'dispatch', description: 'x' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('lists and numbers', () => {
  it('has the 22 dispatch items and the 12 districts', () => {
    expect(DISPATCH_ITEMS.map((i) => i.code)).toEqual(Array.from({ length: 22 }, (_, i) => `D${String(i + 1).padStart(2, '0')}`));
    expect(DISTRICTS).toHaveLength(12);
  });

  it('finds items by code, Chinese or English words', () => {
    expect(searchDispatchItems('d01').map((i) => i.code)).toEqual(['D01']);
    expect(searchDispatchItems('坑洞').map((i) => i.code)).toEqual(['D01']);
    expect(searchDispatchItems('street light').map((i) => i.code)).toEqual(['D06']);
    expect(searchDispatchItems('flooding').map((i) => i.code)).toEqual(['D10', 'D13']);
    expect(searchDispatchItems('')).toHaveLength(22);
    expect(searchDispatchItems('spaceship')).toEqual([]);
  });

  it('Taipei’s box holds City Hall and not Banqiao', () => {
    expect(insideTaipei(25.0375, 121.5637)).toBe(true);
    expect(insideTaipei(25.0143, 121.4672 - 0.03)).toBe(false);
  });

  it('formats case numbers as 1999-YYYYMMDD-NNNNNN', () => {
    expect(formatCaseNumber('2026-12-01', 7)).toBe('1999-20261201-000007');
    expect(formatCaseNumber('2026-12-01', 123456)).toBe('1999-20261201-123456');
  });
});
