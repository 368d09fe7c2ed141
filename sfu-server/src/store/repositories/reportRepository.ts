import { CASE_SERVICES, DISPATCH_ITEMS, DISTRICTS, QUEUE_RULES, TAIPEI_OFFSET_MS, w3cTaipei, dispatchItem, district } from '@sign-relay/shared';
import type { OpenDataRow, Report, ReportDay, ReportQuery, Tally } from '@sign-relay/shared';
import { AppError } from '../../errors.ts';
import type { Queryable } from './queryable.ts';

/** Asia/Taipei is UTC+8 all year (no daylight saving), so a Taipei day is a fixed 24 h span of UTC. */
const DAY_MS = 86_400_000;

/** A report's period as instants, `[from, to)`, and its Taipei days in order. */
export interface ReportPeriod {
  period: ReportQuery['period'];
  date: string;
  from: Date;
  to: Date;
  days: string[];
}

/** The instants a Taipei day or month covers. A day that is not in the calendar (`2026-02-30`) is BAD_REQUEST. */
export function reportPeriod(q: ReportQuery): ReportPeriod {
  const [y = 0, m = 1, d = 1] = q.date.split('-').map(Number);
  const start = Date.UTC(y, m - 1, q.period === 'day' ? d : 1);
  if (q.period === 'day' && new Date(start).toISOString().slice(0, 10) !== q.date) throw new AppError('BAD_REQUEST', `There is no day ${q.date}.`);
  const end = q.period === 'day' ? start + DAY_MS : Date.UTC(y, m, 1);
  const days: string[] = [];
  for (let t = start; t < end; t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return { period: q.period, date: q.date, from: new Date(start - TAIPEI_OFFSET_MS), to: new Date(end - TAIPEI_OFFSET_MS), days };
}

/** Every key of a list with its count (zero when absent), in the list's order; keys outside the list last. */
function tallies(keys: readonly string[], counts: ReadonlyMap<string, number>): Tally[] {
  const known = new Set(keys);
  const extra = [...counts.keys()].filter((k) => !known.has(k)).sort();
  return [...keys, ...extra].map((key) => ({ key, count: counts.get(key) ?? 0 }));
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

// The day index of a timestamp within the period: whole days since its start ($1). Every query groups by it.
const dayIndex = (column: string): string => `floor(extract(epoch FROM ${column} - $1::timestamptz) / 86400)::int`;

/**
 * The supervisors' reports and the published open data. Each report is three statements, one per table,
 * each a range scan of the period on its time index; the cases' four breakdowns come from one scan
 * (GROUPING SETS). SQL only here; the figures follow the live wallboard (`CallRecordRepository.serviceLevel`).
 */
export class ReportRepository {
  constructor(private readonly db: Queryable) {}

  /** The report of a Taipei day or month. */
  async report(q: ReportQuery): Promise<Report> {
    const p = reportPeriod(q);
    const range = [p.from, p.to];
    const [cases, calls, chats] = await Promise.all([
      this.db.query<{ g: number; service: string | null; item: string | null; district: string | null; d: number | null; n: number }>(
        `SELECT GROUPING(service, dispatch_item, district, d) AS g, service, dispatch_item AS item, district, d, count(*)::int AS n
         FROM (SELECT service, dispatch_item, district, ${dayIndex('created_at')} AS d FROM cases WHERE created_at >= $1 AND created_at < $2) c
         GROUP BY GROUPING SETS ((service), (dispatch_item), (district), (d))`,
        range,
      ),
      this.db.query<{ d: number; queued: number; answered: number; within: number; abandoned: number; handled: number; handle_sec: string | null }>(
        `SELECT ${dayIndex('queued_at')} AS d,
           count(*)::int AS queued,
           count(*) FILTER (WHERE answered_at IS NOT NULL)::int AS answered,
           count(*) FILTER (WHERE answered_at IS NOT NULL AND answered_at - queued_at <= make_interval(secs => $3))::int AS within,
           count(*) FILTER (WHERE answered_at IS NULL AND abandoned_at IS NOT NULL)::int AS abandoned,
           count(*) FILTER (WHERE answered_at IS NOT NULL AND ended_at IS NOT NULL)::int AS handled,
           sum(extract(epoch FROM ended_at - answered_at)) FILTER (WHERE answered_at IS NOT NULL AND ended_at IS NOT NULL) AS handle_sec
         FROM call_records WHERE queued_at >= $1 AND queued_at < $2
         GROUP BY 1`,
        [...range, QUEUE_RULES.serviceLevelMs / 1000],
      ),
      this.db.query<{ d: number; n: number }>(
        `SELECT ${dayIndex('created_at')} AS d, count(*)::int AS n
         FROM chat_sessions WHERE kind = 'text' AND answered_at IS NOT NULL AND created_at >= $1 AND created_at < $2
         GROUP BY 1`,
        range,
      ),
    ]);

    const days: ReportDay[] = p.days.map((date) => ({ date, videoCalls: 0, answered: 0, answeredWithinTarget: 0, abandoned: 0, textChats: 0, cases: 0 }));
    const byService = new Map<string, number>();
    const byItem = new Map<string, number>();
    const byDistrict = new Map<string, number>();
    // GROUPING(...) sets a bit for each column left out of the row's grouping set: 0b0111 = by service, and so on.
    for (const r of cases.rows) {
      if (r.g === 0b0111 && r.service !== null) byService.set(r.service, r.n);
      else if (r.g === 0b1011 && r.item !== null) byItem.set(r.item, r.n);
      else if (r.g === 0b1101 && r.district !== null) byDistrict.set(r.district, r.n);
      else if (r.g === 0b1110 && r.d !== null && days[r.d]) days[r.d]!.cases = r.n;
    }
    let handled = 0;
    let handleSec = 0;
    for (const r of calls.rows) {
      const day = days[r.d];
      if (!day) continue;
      day.videoCalls = r.queued;
      day.answered = r.answered;
      day.answeredWithinTarget = r.within;
      day.abandoned = r.abandoned;
      handled += r.handled;
      handleSec += Number(r.handle_sec ?? 0);
    }
    for (const r of chats.rows) {
      const day = days[r.d];
      if (day) day.textChats = r.n;
    }

    const sum = (f: (d: ReportDay) => number): number => days.reduce((n, d) => n + f(d), 0);
    const answered = sum((d) => d.answered);
    const abandoned = sum((d) => d.abandoned);
    const answeredWithinTarget = sum((d) => d.answeredWithinTarget);
    return {
      period: p.period,
      date: p.date,
      videoCalls: sum((d) => d.videoCalls),
      answered,
      answeredWithinTarget,
      abandoned,
      textChats: sum((d) => d.textChats),
      cases: sum((d) => d.cases),
      byService: tallies(CASE_SERVICES, byService),
      byItem: tallies(
        DISPATCH_ITEMS.map((i) => i.code),
        byItem,
      ),
      byDistrict: tallies(
        DISTRICTS.map((d) => d.code),
        byDistrict,
      ),
      serviceLevel: share(answeredWithinTarget, answered + abandoned),
      abandonRate: share(abandoned, answered + abandoned),
      averageHandleSec: handled > 0 ? handleSec / handled : null,
      days,
    };
  }

  /**
   * The dispatch cases filed in a Taipei month as the city publishes them: time, item, district, place. Only
   * those columns are read — never the caller's name, phone or e-mail, the description or the summary.
   */
  async openData(month: string): Promise<OpenDataRow[]> {
    const p = reportPeriod({ period: 'month', date: month });
    const r = await this.db.query<{ createdAt: Date; item: string | null; district: string | null; address: string | null; lat: number | null; lng: number | null }>(
      `SELECT created_at AS "createdAt", dispatch_item AS item, district, address, lat, lng
       FROM cases WHERE service = 'dispatch' AND created_at >= $1 AND created_at < $2
       ORDER BY created_at, number`,
      [p.from, p.to],
    );
    return r.rows.map((c) => ({
      caseTime: w3cTaipei(c.createdAt),
      item: c.item ?? '',
      itemName: (c.item && dispatchItem(c.item)?.zh) ?? '',
      district: c.district ?? '',
      districtName: (c.district && district(c.district)?.zh) ?? '',
      address: c.address,
      lat: c.lat,
      lng: c.lng,
    }));
  }
}
