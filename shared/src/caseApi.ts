/**
 * The HTTP routes of cases, reports, open data, API keys and the audit log, declared once for the server and
 * the web apps (see `http.ts`). Open311 GeoReport v2 lives under its own base path with the spec's own shapes
 * (`sfu-server/src/http/open311/`).
 */
import { z } from 'zod';
import { CASE_NUMBER_PATTERN, CASE_SERVICES, CASE_STATUSES, CASE_LIMITS, DISPATCH_ITEM_CODES, DISTRICT_CODES, type CaseDetail, type CaseSummary } from './cases.ts';
import type { ChatMessage } from './chat.ts';
import { CHANNELS } from './queue.ts';
import { httpRoute } from './http.ts';
import { ID_PATTERN, idOf, type UserId } from './ids.ts';

const STAFF = ['interpreter', 'supervisor', 'admin'] as const;
const SUPERVISE = ['supervisor', 'admin'] as const;
const ADMIN = ['admin'] as const;

const uuid = z.string().regex(ID_PATTERN, 'must be an id');
/** A calendar day, `YYYY-MM-DD` (Asia/Taipei). */
export const dayString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date YYYY-MM-DD');
/** A calendar month, `YYYY-MM`. */
export const monthString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

/** Filters for the case list and its CSV export. All optional; dates are Asia/Taipei days, inclusive. */
export const caseFilterSchema = z
  .object({
    from: dayString.optional(),
    to: dayString.optional(),
    service: z.enum(CASE_SERVICES).optional(),
    item: z.enum(DISPATCH_ITEM_CODES).optional(),
    district: z.enum(DISTRICT_CODES).optional(),
    status: z.enum(CASE_STATUSES).optional(),
    interpreter: idOf<UserId>().optional(),
    channel: z.enum(CHANNELS).optional(),
    kiosk: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a kiosk id').optional(),
    /** A case number, whole or its last digits. */
    number: z.string().regex(/^[0-9-]{1,20}$/, 'must be digits').optional(),
  })
  .strict();
export type CaseFilter = z.infer<typeof caseFilterSchema>;

export const casePageSchema = caseFilterSchema
  .extend({
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export interface CasePage {
  items: CaseSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export const caseStatusChangeSchema = z
  .object({
    status: z.enum(CASE_STATUSES),
    /** The closing note (kept with the case, seen by staff). */
    note: z.string().trim().max(CASE_LIMITS.closingNote).optional(),
    /** Public words about the status (Open311 status_notes): no personal data. */
    publicNote: z.string().trim().max(500).optional(),
  })
  .strict();

/**
 * What was written during a case's call or chat, for those who may see the case's personal data (each view
 * is audited). `earlier`: the text chat a video call came from, shown before the call's own messages.
 * `retained` is false when the case has a transcript but the retention (`CHAT_RETENTION_DAYS`) deleted its
 * messages; a case with no call or chat, or one where nothing was written, has empty lists and `retained` true.
 */
export interface CaseTranscript {
  messages: ChatMessage[];
  earlier: ChatMessage[];
  retained: boolean;
}

/** A report's period: one Taipei day or one month. */
export const reportQuerySchema = z.union([
  z.object({ period: z.literal('day'), date: dayString }).strict(),
  z.object({ period: z.literal('month'), date: monthString }).strict(),
]);
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** A count for one key (a service, a dispatch item, a district). */
export interface Tally {
  key: string;
  count: number;
}

/** One day of a report (Asia/Taipei), for the trend charts. Video calls are counted as in {@link Report}. */
export interface ReportDay {
  date: string;
  videoCalls: number;
  answered: number;
  answeredWithinTarget: number;
  abandoned: number;
  textChats: number;
  cases: number;
}

/**
 * A supervisor's report over a day or a month (Asia/Taipei), with the live wallboard's definitions: a
 * period's video calls are those that joined the line in it.
 */
export interface Report {
  period: 'day' | 'month';
  date: string;
  /** Video calls that joined the line in the period. */
  videoCalls: number;
  /** Of those: answered; answered within the service-level time (120 s); left the line unanswered. */
  answered: number;
  answeredWithinTarget: number;
  abandoned: number;
  /** Text chats started in the period and answered. */
  textChats: number;
  /** Cases filed in the period. */
  cases: number;
  /**
   * Every service; every dispatch item (dispatch cases); every district (cases with a district) — zeros
   * included, in the city's order; a key outside the lists, should one be stored, comes last.
   */
  byService: Tally[];
  byItem: Tally[];
  byDistrict: Tally[];
  /** Speed of answer: answered within 120 s / (answered + abandoned), 0–1; null with neither. */
  serviceLevel: number | null;
  /** Abandoned / (answered + abandoned), 0–1; null with neither. */
  abandonRate: number | null;
  /** Mean talk time (answer → end) of the answered calls that have ended, in seconds; null with none. */
  averageHandleSec: number | null;
  /** One row per day of the period (a day report has one): the trend charts. */
  days: ReportDay[];
}

export const openDataQuerySchema = z.object({ month: monthString }).strict();

/** One dispatch case as the city publishes it: no personal data. */
export interface OpenDataRow {
  /** When the case was filed, Taipei time with its offset: `2026-11-30T23:30:00+08:00`. */
  caseTime: string;
  /** The dispatch item's code (`D01`) and Chinese name; the district's code (`daan`) and Chinese name. */
  item: string;
  itemName: string;
  district: string;
  districtName: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
}

export interface ApiKeyInfo {
  id: string;
  name: string;
  prefix: string;
  canPost: boolean;
  canUpdateStatus: boolean;
  createdAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export const newApiKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    canPost: z.boolean().default(true),
    canUpdateStatus: z.boolean().default(false),
  })
  .strict();

export interface AuditEntry {
  id: number;
  at: number;
  actorKind: 'staff' | 'api' | 'system';
  actorName: string;
  action: string;
  caseId: string | null;
  details: Record<string, unknown>;
}

export const auditQuerySchema = z
  .object({
    caseId: uuid.optional(),
    before: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

const idParams = z.object({ id: uuid }).strict();
/** A case named by its id or by its number (`1999-YYYYMMDD-NNNNNN`, the Open311 service_request_id the back office knows). */
const caseRefParams = z.object({ id: z.union([uuid, z.string().regex(CASE_NUMBER_PATTERN, 'must be a case id or number')]) }).strict();

/** Every route of this file. */
export const caseRoutes = {
  list: httpRoute<CasePage>()({ method: 'GET', path: '/api/cases', access: STAFF, query: casePageSchema }),
  exportCsv: httpRoute<string>()({ method: 'GET', path: '/api/cases/export.csv', access: SUPERVISE, query: caseFilterSchema }),
  detail: httpRoute<CaseDetail>()({ method: 'GET', path: '/api/cases/:id', access: STAFF, params: idParams }),
  /** What was written during the case's call or chat: its interpreter, supervisors and admins (others FORBIDDEN); audited. */
  transcript: httpRoute<CaseTranscript>()({ method: 'GET', path: '/api/cases/:id/transcript', access: STAFF, params: idParams }),
  setStatus: httpRoute<CaseDetail>()({ method: 'POST', path: '/api/cases/:id/status', access: SUPERVISE, params: idParams, body: caseStatusChangeSchema }),
  /** The city back office: change a case's status (named by id or number) with an API key that may update statuses. */
  backOfficeStatus: httpRoute<{ id: string; number: string; status: string }>()({
    method: 'POST',
    path: '/api/backoffice/cases/:id/status',
    access: 'api-key',
    params: caseRefParams,
    body: caseStatusChangeSchema,
  }),
  report: httpRoute<Report>()({ method: 'GET', path: '/api/reports', access: SUPERVISE, query: reportQuerySchema }),
  reportCsv: httpRoute<string>()({ method: 'GET', path: '/api/reports.csv', access: SUPERVISE, query: reportQuerySchema }),
  openDataJson: httpRoute<OpenDataRow[]>()({ method: 'GET', path: '/api/open-data/dispatch.json', access: 'public', query: openDataQuerySchema }),
  openDataCsv: httpRoute<string>()({ method: 'GET', path: '/api/open-data/dispatch.csv', access: 'public', query: openDataQuerySchema }),
  apiKeys: httpRoute<ApiKeyInfo[]>()({ method: 'GET', path: '/api/admin/api-keys', access: ADMIN }),
  /** The key itself is shown once, in this answer. */
  issueApiKey: httpRoute<{ key: string; info: ApiKeyInfo }>()({ method: 'POST', path: '/api/admin/api-keys', access: ADMIN, body: newApiKeySchema }),
  revokeApiKey: httpRoute<ApiKeyInfo>()({ method: 'POST', path: '/api/admin/api-keys/:id/revoke', access: ADMIN, params: idParams }),
  audit: httpRoute<AuditEntry[]>()({ method: 'GET', path: '/api/admin/audit', access: ADMIN, query: auditQuerySchema }),
} as const;
