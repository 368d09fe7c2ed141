/**
 * The case list's filters, page and page size, and how they live in the URL query (so a reload or a shared
 * link shows the same list), and the filter form's fields. Pure functions; the values are checked with the
 * route's own schema (`caseFilterSchema`), so the screen never sends what the server would refuse.
 */
import { caseFilterSchema } from '@sign-relay/shared';
import type { CaseFilter } from '@sign-relay/shared';

/** What the list shows. */
export interface CaseListQuery {
  filter: CaseFilter;
  page: number;
  pageSize: number;
}

/** The page sizes offered; the first screen shows {@link DEFAULT_PAGE_SIZE}. */
export const PAGE_SIZES = [20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;
/** The date range of a list opened without one: the last 7 Taipei days, today included. */
export const DEFAULT_RANGE_DAYS = 7;
/** The highest page the route accepts. */
const MAX_PAGE = 100_000;

/** The filter keys, in the order the URL and the form list them. */
export const FILTER_KEYS = ['from', 'to', 'service', 'item', 'district', 'status', 'channel', 'kiosk', 'number', 'interpreter'] as const satisfies readonly (keyof CaseFilter)[];
export type FilterKey = (typeof FILTER_KEYS)[number];
type Missing = Exclude<keyof CaseFilter, FilterKey>;
const allKeysListed: [Missing] extends [never] ? true : Missing = true;
void allKeysListed;

const DAY_MS = 86_400_000;
/** Taipei is UTC+8 all year (no daylight saving). */
const TAIPEI_OFFSET_MS = 8 * 3_600_000;

/** The Taipei calendar day of an instant, `YYYY-MM-DD`. */
export function taipeiDay(ms: number): string {
  return new Date(ms + TAIPEI_OFFSET_MS).toISOString().slice(0, 10);
}

/** A `YYYY-MM-DD` day moved by `days` (negative: earlier). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The default range ending `today`: {@link DEFAULT_RANGE_DAYS} days, both ends included. */
export function defaultRange(today: string): { from: string; to: string } {
  return { from: addDays(today, -(DEFAULT_RANGE_DAYS - 1)), to: today };
}

/** The list a screen opened without any query shows. */
export function defaultQuery(today: string): CaseListQuery {
  return { filter: defaultRange(today), page: 1, pageSize: DEFAULT_PAGE_SIZE };
}

/** One filter value from the URL, kept only when the route would accept it. */
function valid<K extends FilterKey>(key: K, raw: string | null): CaseFilter[K] | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const parsed = caseFilterSchema.shape[key].safeParse(raw.trim());
  return parsed.success ? (parsed.data as CaseFilter[K]) : undefined;
}

function whole(raw: string | null, min: number, max: number): number | null {
  if (raw === null || !/^\d{1,6}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}

/**
 * The list a URL query asks for. A date left out of the query (or not a date) takes the default range; a
 * date present but empty (`from=`) means no bound. Other values the route would refuse are dropped, not sent.
 */
export function queryFromSearch(search: URLSearchParams, today: string): CaseListQuery {
  const range = defaultRange(today);
  const filter: CaseFilter = {};
  for (const key of FILTER_KEYS) {
    const raw = search.get(key);
    const value = key === 'from' || key === 'to' ? (raw !== null && raw.trim() === '' ? undefined : (valid(key, raw) ?? range[key])) : valid(key, raw);
    if (value !== undefined) (filter as Record<FilterKey, unknown>)[key] = value;
  }
  const size = whole(search.get('size'), 1, 200);
  return {
    filter,
    page: whole(search.get('page'), 1, MAX_PAGE) ?? 1,
    pageSize: size !== null && (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

/**
 * The URL query of a list: both dates always (empty when unbounded, so a link keeps meaning the same
 * days), other filters when set, the page from 2 and the page size when not the default.
 */
export function searchFromQuery(q: CaseListQuery): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = q.filter[key];
    if (value !== undefined) out.set(key, value);
    else if (key === 'from' || key === 'to') out.set(key, '');
  }
  if (q.page > 1) out.set('page', String(q.page));
  if (q.pageSize !== DEFAULT_PAGE_SIZE) out.set('size', String(q.pageSize));
  return out;
}

/** The filter form's fields as typed: every one a string, `''` for "any". */
export type FilterForm = Record<FilterKey, string>;

/** The form showing a filter. */
export function formFromFilter(filter: CaseFilter): FilterForm {
  const form = {} as FilterForm;
  for (const key of FILTER_KEYS) form[key] = filter[key] ?? '';
  return form;
}

/** A form field that keeps the list from being asked for, and why. */
export interface FilterProblem {
  field: FilterKey;
  rule: 'date-invalid' | 'date-order' | 'kiosk-invalid' | 'number-invalid' | 'invalid';
}

const RULE_OF: Partial<Record<FilterKey, FilterProblem['rule']>> = { from: 'date-invalid', to: 'date-invalid', kiosk: 'kiosk-invalid', number: 'number-invalid' };

/** The filter a form asks for, or what is wrong with it (a date that is not one, an end before the start…). */
export function filterFromForm(form: FilterForm): { ok: true; filter: CaseFilter } | { ok: false; problems: FilterProblem[] } {
  const raw: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const v = form[key].trim();
    if (v !== '') raw[key] = v;
  }
  const parsed = caseFilterSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = new Set(parsed.error.issues.map((i) => i.path[0]).filter((k): k is FilterKey => FILTER_KEYS.includes(k as FilterKey)));
    return { ok: false, problems: [...fields].map((field) => ({ field, rule: RULE_OF[field] ?? 'invalid' })) };
  }
  const filter = parsed.data;
  if (filter.from && filter.to && filter.from > filter.to) return { ok: false, problems: [{ field: 'to', rule: 'date-order' }] };
  return { ok: true, filter };
}

/** How many pages `total` cases fill (at least one, so "page 1 of 1" reads right for an empty list). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
