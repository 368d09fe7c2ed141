import { describe, expect, it } from 'vitest';
import type { CaseReceipt, ReadBack } from '@sign-relay/shared';
import { canAnswer, caseNumberGroups, INITIAL_NOTICES, mergeReceipts, noticesReducer, visitFloor, visitReceipts } from './caseNotices.ts';
import type { NoticesEvent, NoticesState } from './caseNotices.ts';

const readBack = (id: string, sentAt = 1_000): ReadBack => ({ id, service: 'dispatch', dispatchItem: 'D06', district: 'daan', place: '復興南路一段 390 號', text: '路燈不亮', sentAt });
const receipt = (seq: number, filedAt = 10_000 + seq): CaseReceipt => ({
  number: `1999-20261201-${String(seq).padStart(6, '0')}`,
  service: 'dispatch',
  dispatchItem: 'D06',
  district: 'daan',
  place: null,
  text: '路燈不亮',
  filedAt,
});
const run = (...events: NoticesEvent[]): NoticesState => events.reduce(noticesReducer, INITIAL_NOTICES);

describe('noticesReducer', () => {
  it('a new read-back replaces the old one, answered or not', () => {
    const s = run({ type: 'read-back', readBack: readBack('a'), at: 1 }, { type: 'answered', id: 'a', answer: 'change' }, { type: 'read-back', readBack: readBack('b', 2_000), at: 2 });
    expect(s.readBack?.readBack.id).toBe('b');
    expect(s.readBack?.answer).toBeNull();
  });

  it('the same read-back arriving again keeps the answer already given', () => {
    const s = run({ type: 'read-back', readBack: readBack('a'), at: 1 }, { type: 'answered', id: 'a', answer: 'correct' }, { type: 'read-back', readBack: readBack('a'), at: 2 });
    expect(s.readBack?.answer).toBe('correct');
  });

  it('answering goes sending → answered, or back to answerable with the error; events of a replaced read-back are ignored', () => {
    let s = run({ type: 'read-back', readBack: readBack('a'), at: 1 }, { type: 'answering', id: 'a', answer: 'correct' });
    expect(s.readBack?.sending).toBe('correct');
    expect(canAnswer(s.readBack)).toBe(false);
    const failed = noticesReducer(s, { type: 'answer-failed', id: 'a', code: 'TIMEOUT' });
    expect(failed.readBack).toMatchObject({ sending: null, answer: null, error: 'TIMEOUT' });
    expect(canAnswer(failed.readBack)).toBe(true);
    s = noticesReducer(s, { type: 'answered', id: 'a', answer: 'correct' });
    expect(s.readBack).toMatchObject({ sending: null, answer: 'correct', error: null });
    expect(noticesReducer(s, { type: 'answered', id: 'zzz', answer: 'change' })).toBe(s);
  });

  it('a filed case takes its read-back off the screen and adds its receipt once', () => {
    const s = run({ type: 'read-back', readBack: readBack('a'), at: 1 }, { type: 'filed', receipt: receipt(1), at: 2 }, { type: 'filed', receipt: receipt(1), at: 3 });
    expect(s.readBack).toBeNull();
    expect(s.receipts.map((r) => r.number)).toEqual(['1999-20261201-000001']);
    expect(s.live).toEqual(['1999-20261201-000001']);
  });

  it('case:mine brings back a pending read-back and the receipts after a reload', () => {
    const s = run({ type: 'mine', readBack: readBack('a'), receipts: [receipt(1), receipt(2)], askedAt: 5 });
    expect(s.readBack?.readBack.id).toBe('a');
    expect(s.receipts.map((r) => r.number)).toEqual(['1999-20261201-000002', '1999-20261201-000001']);
  });

  it('an answer to case:mine older than a live event does not undo it', () => {
    // Asked at 5; the case was filed (live) at 7; the answer, computed before the filing, still lists the read-back.
    const s = run({ type: 'read-back', readBack: readBack('a'), at: 1 }, { type: 'filed', receipt: receipt(1), at: 7 }, { type: 'mine', readBack: readBack('a'), receipts: [], askedAt: 5 });
    expect(s.readBack).toBeNull();
    expect(s.receipts).toHaveLength(1);
  });

  it('case:mine without a pending read-back: an answered one stays, an unanswered one was filed meanwhile', () => {
    const answered = run({ type: 'read-back', readBack: readBack('a'), at: 1 }, { type: 'answered', id: 'a', answer: 'correct' }, { type: 'mine', readBack: null, receipts: [], askedAt: 5 });
    expect(answered.readBack?.answer).toBe('correct');
    const sending = run({ type: 'read-back', readBack: readBack('a'), at: 1 }, { type: 'answering', id: 'a', answer: 'change' }, { type: 'mine', readBack: null, receipts: [], askedAt: 5 });
    expect(sending.readBack?.sending).toBe('change');
    const gone = run({ type: 'read-back', readBack: readBack('a'), at: 1 }, { type: 'mine', readBack: null, receipts: [receipt(1)], askedAt: 5 });
    expect(gone.readBack).toBeNull();
  });

  it('case:mine naming another read-back: the newer of the two is shown', () => {
    const newer = run({ type: 'read-back', readBack: readBack('a', 1_000), at: 1 }, { type: 'mine', readBack: readBack('b', 2_000), receipts: [], askedAt: 5 });
    expect(newer.readBack?.readBack.id).toBe('b');
    const older = run({ type: 'read-back', readBack: readBack('a', 3_000), at: 1 }, { type: 'mine', readBack: readBack('b', 2_000), receipts: [], askedAt: 5 });
    expect(older.readBack?.readBack.id).toBe('a');
  });
});

describe('this visit', () => {
  it('begins after the newest receipt that was already there at the first case:mine', () => {
    expect(visitFloor([], [])).toBe(0);
    expect(visitFloor([receipt(1, 100), receipt(2, 300)], [])).toBe(300);
    // A receipt seen arriving live belongs to this visit whatever its time.
    expect(visitFloor([receipt(1, 100), receipt(2, 300)], [receipt(2).number])).toBe(100);
  });

  it('shows receipts after the floor and every live one; before the floor is known, only live ones', () => {
    const s = run({ type: 'mine', readBack: null, receipts: [receipt(1, 100), receipt(2, 300)], askedAt: 1 }, { type: 'filed', receipt: receipt(3, 50), at: 2 });
    expect(visitReceipts(s, 100).map((r) => r.filedAt)).toEqual([300, 50]);
    expect(visitReceipts(s, null).map((r) => r.number)).toEqual([receipt(3).number]);
  });
});

describe('mergeReceipts', () => {
  it('keeps one per number, newest first', () => {
    expect(mergeReceipts([receipt(1, 5), receipt(2, 9)], [receipt(1, 5), receipt(3, 7)]).map((r) => r.filedAt)).toEqual([9, 7, 5]);
  });
});

describe('caseNumberGroups', () => {
  it('splits a case number into 1999, the day and the sequence', () => {
    expect(caseNumberGroups('1999-20261201-000123')).toEqual(['1999', '20261201', '000123']);
  });
});
