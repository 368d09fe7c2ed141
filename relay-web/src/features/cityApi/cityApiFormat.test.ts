import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@sign-relay/shared';
import { zhTW } from '../../i18n/zhTW.ts';
import {
  AUDIT_ACTION_KEYS,
  auditActionKey,
  auditCase,
  auditDetails,
  currentCursor,
  firstPage,
  newerPage,
  olderPage,
  pageNumber,
  splitPage,
  taipeiDateTime,
} from './cityApiFormat.ts';

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: 10,
  at: Date.parse('2026-12-01T02:15:30Z'),
  actorKind: 'staff',
  actorName: '王督導',
  action: 'case.status',
  caseId: '3f2b1c4d-0000-4000-8000-000000000001',
  details: { number: '1999-20261201-000007', from: 'open', to: 'closed' },
  ...over,
});

describe('the city-API screens’ formats', () => {
  it('shows instants in Taipei time, to the minute', () => {
    expect(taipeiDateTime(Date.parse('2026-12-01T02:15:30Z'))).toBe('2026-12-01 10:15');
    expect(taipeiDateTime(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01 00:00');
  });

  it('has words for every known action, and none for an unknown one', () => {
    for (const [action, key] of Object.entries(AUDIT_ACTION_KEYS)) {
      expect(auditActionKey(action)).toBe(key);
      expect(zhTW.cityApi.audit.action[key]).toBeTruthy();
    }
    expect(auditActionKey('case.edit')).toBeNull();
    expect(auditActionKey('toString')).toBeNull();
  });

  it('names the case by its number, else the start of its id, else nothing', () => {
    expect(auditCase(entry())).toBe('1999-20261201-000007');
    expect(auditCase(entry({ details: {} }))).toBe('3f2b1c4d…');
    expect(auditCase(entry({ caseId: null, details: {} }))).toBeNull();
  });

  it('lists the other details, objects as compact JSON', () => {
    expect(auditDetails(entry())).toEqual([
      { name: 'from', value: 'open' },
      { name: 'to', value: 'closed' },
    ]);
    expect(auditDetails(entry({ details: { filter: { from: '2026-12-01' }, canPost: true } }))).toEqual([
      { name: 'filter', value: '{"from":"2026-12-01"}' },
      { name: 'canPost', value: 'true' },
    ]);
  });

  it('pages back by the last id shown and forward exactly to where it was', () => {
    let p = firstPage();
    expect([pageNumber(p), currentCursor(p)]).toEqual([1, undefined]);
    p = olderPage(p, 951);
    p = olderPage(p, 901);
    expect([pageNumber(p), currentCursor(p)]).toEqual([3, 901]);
    p = newerPage(p);
    expect([pageNumber(p), currentCursor(p)]).toEqual([2, 951]);
    p = newerPage(newerPage(p));
    expect([pageNumber(p), currentCursor(p)]).toEqual([1, undefined]);
  });

  it('reads one more entry than it shows, to know whether older ones exist', () => {
    const rows = [entry({ id: 3 }), entry({ id: 2 }), entry({ id: 1 })];
    expect(splitPage(rows, 2)).toEqual({ shown: rows.slice(0, 2), hasOlder: true });
    expect(splitPage(rows, 3)).toEqual({ shown: rows, hasOlder: false });
  });
});
