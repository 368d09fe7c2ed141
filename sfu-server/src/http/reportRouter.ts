import { Router } from 'express';
import { CASE_SERVICES, DISPATCH_ITEMS, DISTRICTS, caseRoutes } from '@sign-relay/shared';
import type { OpenDataRow, Report } from '@sign-relay/shared';
import type { TokenService } from '../auth/tokens.ts';
import type { ReportRepository } from '../store/repositories/reportRepository.ts';
import { mount, toCsv } from './declared.ts';

/** The report as one long table, one figure a row, so a spreadsheet can filter and pivot it. */
export const REPORT_CSV_HEADER = ['section', 'key', 'name_zh', 'name_en', 'measure', 'value'] as const;

const SERVICE_NAMES: Record<string, [string, string]> = {
  consultation: ['市政諮詢', 'consultation'],
  transfer: ['轉接', 'transfer'],
  petition: ['陳情・申訴・建議', 'petition / complaint / suggestion'],
  dispatch: ['派工', 'dispatch'],
};

/** The rows of a report's CSV: the period's figures, then cases by service, item and district, then each day. */
export function reportCsvRows(r: Report): (string | number | null)[][] {
  const summary: [string, number | null][] = [
    ['videoCalls', r.videoCalls],
    ['answered', r.answered],
    ['answeredWithinTarget', r.answeredWithinTarget],
    ['abandoned', r.abandoned],
    ['serviceLevel', r.serviceLevel],
    ['abandonRate', r.abandonRate],
    ['averageHandleSec', r.averageHandleSec],
    ['textChats', r.textChats],
    ['cases', r.cases],
  ];
  const names = (list: readonly { code: string; zh: string; en: string }[], key: string): [string, string] => {
    const x = list.find((e) => e.code === key);
    return x ? [x.zh, x.en] : ['', ''];
  };
  const services = CASE_SERVICES.map((code) => ({ code, zh: SERVICE_NAMES[code]![0], en: SERVICE_NAMES[code]![1] }));
  return [
    ...summary.map(([measure, value]) => [r.period, r.date, '', '', measure, value]),
    ...r.byService.map((t) => ['service', t.key, ...names(services, t.key), 'cases', t.count]),
    ...r.byItem.map((t) => ['item', t.key, ...names(DISPATCH_ITEMS, t.key), 'cases', t.count]),
    ...r.byDistrict.map((t) => ['district', t.key, ...names(DISTRICTS, t.key), 'cases', t.count]),
    ...r.days.flatMap((d) =>
      (['videoCalls', 'answered', 'answeredWithinTarget', 'abandoned', 'textChats', 'cases'] as const).map((measure) => ['day', d.date, '', '', measure, d[measure]]),
    ),
  ];
}

/** The open-data CSV's columns: the fields of {@link OpenDataRow}, in the city's snake_case. */
export const OPEN_DATA_CSV_HEADER = ['case_time', 'item', 'item_name', 'district', 'district_name', 'address', 'lat', 'lng'] as const;

export function openDataCsvRows(rows: readonly OpenDataRow[]): (string | number | null)[][] {
  return rows.map((r) => [r.caseTime, r.item, r.itemName, r.district, r.districtName, r.address, r.lat, r.lng]);
}

/**
 * Supervisors' reports (a Taipei day or month, as JSON or CSV) and the dispatch open data of a month, which
 * anyone may read: it holds no personal data, and a city publishes it.
 */
export function reportRouter(deps: { tokens: TokenService; reports: ReportRepository }): Router {
  const r = Router();
  mount(r, deps, caseRoutes.report, async ({ query, res }) => {
    res.set('Cache-Control', 'no-store');
    return deps.reports.report(query);
  });
  mount(
    r,
    deps,
    caseRoutes.reportCsv,
    async ({ query, res }) => {
      res.set('Cache-Control', 'no-store');
      return toCsv(REPORT_CSV_HEADER, reportCsvRows(await deps.reports.report(query)));
    },
    { filename: ({ query }) => `report-${query.date}.csv` },
  );
  // Public and the same for everyone: a cache may keep it for a few minutes.
  mount(r, deps, caseRoutes.openDataJson, async ({ query, res }) => {
    res.set('Cache-Control', 'public, max-age=300');
    return deps.reports.openData(query.month);
  });
  mount(
    r,
    deps,
    caseRoutes.openDataCsv,
    async ({ query, res }) => {
      res.set('Cache-Control', 'public, max-age=300');
      return toCsv(OPEN_DATA_CSV_HEADER, openDataCsvRows(await deps.reports.openData(query.month)));
    },
    { filename: ({ query }) => `dispatch-${query.month}.csv` },
  );
  return r;
}
