import { describe, expect, it } from 'vitest';
import { addDays, DEFAULT_PAGE_SIZE, defaultQuery, defaultRange, filterFromForm, formFromFilter, pageCount, queryFromSearch, searchFromQuery, taipeiDay } from './caseFilters.ts';
import type { CaseListQuery } from './caseFilters.ts';

const TODAY = '2026-12-01';
const parse = (s: string): CaseListQuery => queryFromSearch(new URLSearchParams(s), TODAY);

describe('Taipei days', () => {
  it('takes the day in Taipei (UTC+8), not UTC', () => {
    expect(taipeiDay(Date.parse('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
    expect(taipeiDay(Date.parse('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
  });

  it('moves across months and years', () => {
    expect(addDays('2026-12-01', -6)).toBe('2026-11-25');
    expect(addDays('2026-01-03', -6)).toBe('2025-12-28');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('defaults to the last 7 days, today included', () => {
    expect(defaultRange(TODAY)).toEqual({ from: '2026-11-25', to: '2026-12-01' });
  });
});

describe('the list in the URL query', () => {
  it('opens without a query on the last 7 days, page 1, the default size', () => {
    expect(parse('')).toEqual(defaultQuery(TODAY));
    expect(parse('').filter).toEqual({ from: '2026-11-25', to: '2026-12-01' });
  });

  it('reads every filter, the page and the size', () => {
    const q = parse('from=2026-11-01&to=2026-11-30&service=dispatch&item=D06&district=daan&status=in-progress&channel=kiosk&kiosk=K-DA_01&number=000012&interpreter=0b6c8f0e-6a52-4a8e-9a51-3b1f0d6c2a11&page=3&size=20');
    expect(q).toEqual({
      filter: {
        from: '2026-11-01',
        to: '2026-11-30',
        service: 'dispatch',
        item: 'D06',
        district: 'daan',
        status: 'in-progress',
        channel: 'kiosk',
        kiosk: 'K-DA_01',
        number: '000012',
        interpreter: '0b6c8f0e-6a52-4a8e-9a51-3b1f0d6c2a11',
      },
      page: 3,
      pageSize: 20,
    });
  });

  it('keeps an empty date as "no bound", apart from a missing one', () => {
    expect(parse('from=&to=').filter).toEqual({});
    expect(parse('from=').filter).toEqual({ to: TODAY });
    expect(parse('to=').filter).toEqual({ from: '2026-11-25' });
  });

  it('drops values the server would refuse instead of sending them', () => {
    const q = parse('service=parking&item=D99&district=taichung&status=lost&channel=fax&kiosk=K%201&number=abc&interpreter=me&page=0&size=7');
    expect(q).toEqual(defaultQuery(TODAY));
    expect(parse('from=2026-13-01&to=yesterday').filter).toEqual(defaultRange(TODAY));
    expect(parse('page=-2').page).toBe(1);
    expect(parse('page=2.5').page).toBe(1);
    expect(parse('size=200').pageSize).toBe(DEFAULT_PAGE_SIZE);
  });

  it('writes both dates always, other filters when set, the page from 2, the size when not the default', () => {
    expect(searchFromQuery(defaultQuery(TODAY)).toString()).toBe('from=2026-11-25&to=2026-12-01');
    expect(searchFromQuery({ filter: {}, page: 1, pageSize: DEFAULT_PAGE_SIZE }).toString()).toBe('from=&to=');
    expect(searchFromQuery({ filter: { from: '2026-11-01', district: 'xinyi', service: 'dispatch' }, page: 2, pageSize: 20 }).toString()).toBe('from=2026-11-01&to=&service=dispatch&district=xinyi&page=2&size=20');
  });

  it('reads back exactly what it wrote (a reload or a shared link shows the same list)', () => {
    const cases: CaseListQuery[] = [
      defaultQuery(TODAY),
      { filter: {}, page: 1, pageSize: 50 },
      { filter: { to: '2026-10-31', status: 'closed', number: '1999-20261001-000003' }, page: 7, pageSize: 100 },
      { filter: { from: '2026-11-01', to: '2026-11-02', kiosk: 'K1', channel: 'kiosk', item: 'D22' }, page: 1, pageSize: 20 },
    ];
    for (const q of cases) expect(queryFromSearch(searchFromQuery(q), TODAY)).toEqual(q);
  });
});

describe('the filter form', () => {
  it('shows a filter with "" for any', () => {
    const form = formFromFilter({ from: '2026-11-25', district: 'daan' });
    expect(form.from).toBe('2026-11-25');
    expect(form.district).toBe('daan');
    expect(form.to).toBe('');
    expect(form.kiosk).toBe('');
  });

  it('gives the filter of a good form, trimmed, without the empty fields', () => {
    const form = { ...formFromFilter({}), from: '2026-11-01', to: '2026-11-30', service: 'petition', kiosk: ' K-01 ', number: ' 0007 ' };
    expect(filterFromForm(form)).toEqual({ ok: true, filter: { from: '2026-11-01', to: '2026-11-30', service: 'petition', kiosk: 'K-01', number: '0007' } });
    expect(filterFromForm(formFromFilter({}))).toEqual({ ok: true, filter: {} });
  });

  it('names the field of each problem', () => {
    const bad = { ...formFromFilter({}), from: '2026-02-30x', kiosk: 'K 01', number: '12a' };
    const result = filterFromForm(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual(
        expect.arrayContaining([
          { field: 'from', rule: 'date-invalid' },
          { field: 'kiosk', rule: 'kiosk-invalid' },
          { field: 'number', rule: 'number-invalid' },
        ]),
      );
      expect(result.problems).toHaveLength(3);
    }
  });

  it('refuses an end before the start, and allows a single day', () => {
    expect(filterFromForm({ ...formFromFilter({}), from: '2026-12-01', to: '2026-11-30' })).toEqual({ ok: false, problems: [{ field: 'to', rule: 'date-order' }] });
    expect(filterFromForm({ ...formFromFilter({}), from: '2026-12-01', to: '2026-12-01' }).ok).toBe(true);
  });
});

describe('pageCount', () => {
  it('counts whole pages, at least one', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(1, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
    expect(pageCount(38, 20)).toBe(2);
  });
});
