import { describe, expect, it } from 'vitest';
import { CASE_NUMBER_PATTERN, caseProblems, insideTaipei } from '@sign-relay/shared';
import { caseHistory } from './seedCase.ts';
import { DISTRICT_SHARES, ITEM_SHARES, SEED_MIX, SERVICE_SHARES } from './seedMix.ts';
import { defaultWindow, generateSeed } from './yearModel.ts';
import { taipeiDay } from '@sign-relay/shared';

const taipeiClock = (ms: number): string => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Taipei', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(ms);
const now = new Date('2026-12-01T04:30:00+08:00');
const month = generateSeed({ seed: 'unit', from: '2026-10-01', to: '2026-12-02', now });

/** Each key's share of the list. */
function sharesOf(keys: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1 / keys.length);
  return out;
}

describe('the seed year model', () => {
  it('is deterministic for a seed, and differs between seeds', () => {
    const again = generateSeed({ seed: 'unit', from: '2026-10-01', to: '2026-12-02', now });
    expect(again.cases.length).toBe(month.cases.length);
    expect(again.cases.slice(0, 50)).toEqual(month.cases.slice(0, 50));
    expect(again.calls.at(-1)).toEqual(month.calls.at(-1));
    const other = generateSeed({ seed: 'other', from: '2026-10-01', to: '2026-10-08', now });
    expect(other.cases[0]!.id).not.toBe(month.cases[0]!.id);
  });

  it('defaults to the twelve whole months before this one and this month so far', () => {
    expect(defaultWindow(now)).toEqual({ from: '2025-12-01', to: '2026-12-02' });
    expect(defaultWindow(new Date('2026-01-15T12:00:00+08:00'))).toEqual({ from: '2025-01-01', to: '2026-01-16' });
  });

  it('has a year\'s volumes per day and the declared proportions', () => {
    const days = 61 + 4.5 / 24;
    expect(month.cases.length / days).toBeGreaterThan((SEED_MIX.perYear.cases / 365) * 0.95);
    expect(month.cases.length / days).toBeLessThan((SEED_MIX.perYear.cases / 365) * 1.05);
    expect(month.calls.length / 61).toBeCloseTo(SEED_MIX.perYear.videoCalls / 365, -1);
    expect(month.chats.length / 61).toBeCloseTo(SEED_MIX.perYear.textChats / 365, -1);
    const services = sharesOf(month.cases.map((c) => c.service));
    for (const [k, share] of Object.entries(SERVICE_SHARES)) expect(Math.abs((services.get(k) ?? 0) - share), k).toBeLessThan(0.01);
    const dispatch = month.cases.filter((c) => c.service === 'dispatch');
    const items = sharesOf(dispatch.map((c) => c.dispatchItem!));
    for (const [k, share] of Object.entries(ITEM_SHARES)) expect(Math.abs((items.get(k) ?? 0) - share), k).toBeLessThan(0.01);
    const districts = sharesOf(dispatch.map((c) => c.district!));
    for (const [k, share] of Object.entries(DISTRICT_SHARES)) expect(Math.abs((districts.get(k) ?? 0) - share), k).toBeLessThan(0.01);
  });

  it('queues, answers and ends every video call between 09:00 and 18:00 Taipei; about 85 % within 120 s', () => {
    for (const c of month.calls) {
      expect(taipeiClock(c.queuedAt) >= '09:00:00').toBe(true);
      expect(taipeiClock(c.endedAt ?? c.abandonedAt!) <= '18:00:00').toBe(true);
      expect(taipeiDay(c.endedAt ?? c.abandonedAt!)).toBe(taipeiDay(c.queuedAt));
    }
    const answered = month.calls.filter((c) => c.answeredAt !== null);
    const abandoned = month.calls.length - answered.length;
    const within = answered.filter((c) => c.answeredAt! - c.queuedAt <= 120_000).length;
    expect(within / month.calls.length).toBeGreaterThan(0.82);
    expect(within / month.calls.length).toBeLessThan(0.88);
    expect(abandoned / month.calls.length).toBeGreaterThan(0.02);
    expect(abandoned / month.calls.length).toBeLessThan(0.06);
    const handle = answered.map((c) => (c.endedAt! - c.answeredAt!) / 1000);
    const mean = handle.reduce((a, b) => a + b, 0) / handle.length;
    expect(mean).toBeGreaterThan(180);
    expect(mean).toBeLessThan(420);
  });

  it('numbers cases 1999-YYYYMMDD-NNNNNN per Taipei day, gapless, with matching counters', () => {
    const perDay = new Map<string, number[]>();
    for (const c of month.cases) {
      expect(c.number).toMatch(CASE_NUMBER_PATTERN);
      expect(c.day).toBe(taipeiDay(c.createdAt));
      expect(c.number).toBe(`1999-${c.day.replaceAll('-', '')}-${String(c.seq).padStart(6, '0')}`);
      const seqs = perDay.get(c.day) ?? [];
      seqs.push(c.seq);
      perDay.set(c.day, seqs);
    }
    for (const [day, seqs] of perDay) expect(seqs, day).toEqual(seqs.map((_, i) => i + 1));
    expect(month.counters).toEqual([...perDay].map(([day, seqs]) => ({ day, last: seqs.length })));
  });

  it('files complete cases inside Taipei, generates nothing after now, keeps no old chat contact', () => {
    for (const c of month.cases.slice(0, 3000)) {
      const draft = { service: c.service, dispatchItem: c.dispatchItem ?? undefined, district: c.district ?? undefined, address: c.address ?? undefined, lat: c.lat, lng: c.lng, description: c.description ?? undefined, summary: c.summary ?? undefined, agency: c.agency ?? undefined, transferOutcome: c.transferOutcome ?? undefined, callerName: c.callerName ?? undefined, callerPhone: c.callerPhone ?? undefined, callerEmail: c.callerEmail ?? undefined };
      expect(caseProblems(draft), c.number).toEqual([]);
      if (c.lat !== null && c.lng !== null) expect(insideTaipei(c.lat, c.lng)).toBe(true);
      expect(caseHistory(c)[0]).toMatchObject({ caseId: c.id, action: 'filed', at: c.createdAt });
    }
    const latest = Math.max(...month.cases.map((c) => c.updatedAt), ...month.calls.map((c) => c.endedAt ?? c.abandonedAt!), ...month.chats.map((c) => c.endedAt));
    expect(latest).toBeLessThanOrEqual(now.getTime());
    const cutoff = now.getTime() - SEED_MIX.chatRetentionDays * 86_400_000;
    expect(month.chats.filter((c) => c.endedAt < cutoff && c.callbackName !== null)).toEqual([]);
  });
});
