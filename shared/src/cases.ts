/**
 * Cases: what a caller's request becomes in the city's hands. The four 1999 services, the 22 dispatch items,
 * Taipei's 12 districts, and the rules a case must meet before it is filed — one place for the server, the
 * desk's case form and the Open311 API.
 */
import { z } from 'zod';
import type { CallId, ChatSessionId, EntryId, UserId } from './ids.ts';
import { SERVICE_TOPICS, type ServiceTopic } from './queue.ts';

/** The four 1999 services are the services a case is filed under (the same four a caller picks before a call). */
export const CASE_SERVICES = SERVICE_TOPICS;
export type CaseService = ServiceTopic;

/** A dispatch item: the code the city's dispatch system knows, its Chinese name and English words. */
export interface DispatchItem {
  code: string;
  zh: string;
  en: string;
}

/** The 22 dispatch items (派工項目), in the city's order. */
export const DISPATCH_ITEMS = [
  { code: 'D01', zh: '市區道路坑洞處理', en: 'road pothole' },
  { code: 'D02', zh: '人孔蓋(含周邊)破損、遺失處理', en: 'manhole cover damaged or missing' },
  { code: 'D03', zh: '道路側溝溝蓋(含周邊)損壞遺失', en: 'gutter cover damaged or missing' },
  { code: 'D04', zh: '大型廢棄物清運聯繫', en: 'bulky waste pick-up' },
  { code: 'D05', zh: '道路散落物或油漬處理', en: 'debris or oil on the road' },
  { code: 'D06', zh: '路燈故障或設施損壞', en: 'street light out or damaged' },
  { code: 'D07', zh: '路樹處理', en: 'street tree' },
  { code: 'D08', zh: '道路側溝內溝牆(底)破損', en: 'gutter wall or bed damaged' },
  { code: 'D09', zh: '河濱自行車道破損', en: 'riverside bike path damaged' },
  { code: 'D10', zh: '橋梁、隧道、車(人)行地下道及涵洞積淹水', en: 'flooding in a bridge, tunnel, underpass or culvert' },
  { code: 'D11', zh: '道路邊坡坍方', en: 'roadside slope collapse' },
  { code: 'D12', zh: '道路掏空', en: 'road cavity / subsidence' },
  { code: 'D13', zh: '路面積淹水', en: 'road surface flooding' },
  { code: 'D14', zh: '場所與設施噪音舉發', en: 'noise from a venue or facility' },
  { code: 'D15', zh: '污染舉發(空污、臭味、震動、水污染、廢棄物、毒化物、土壤污染、公廁、環境衛生)', en: 'pollution (air, odour, vibration, water, waste, toxic chemicals, soil, public toilet, sanitation)' },
  { code: 'D16', zh: '鄰里無主垃圾清運', en: 'unclaimed rubbish in a neighbourhood' },
  { code: 'D17', zh: '雨水下水道側溝清淤', en: 'storm-drain / gutter dredging' },
  { code: 'D18', zh: '交通號誌異常', en: 'traffic signal malfunction' },
  { code: 'D19', zh: '交通標誌及設施物損壞(含汙損)、傾斜', en: 'traffic sign or fixture damaged, defaced or tilted' },
  { code: 'D20', zh: '交通號誌電纜線垂落及設施損壞', en: 'traffic-signal cable hanging / fixture damaged' },
  { code: 'D21', zh: '用戶無水、漏水報修', en: 'no water / water leak' },
  { code: 'D22', zh: '動物救援', en: 'animal rescue' },
] as const satisfies readonly DispatchItem[];
export type DispatchItemCode = (typeof DISPATCH_ITEMS)[number]['code'];
export const DISPATCH_ITEM_CODES = DISPATCH_ITEMS.map((i) => i.code) as readonly DispatchItemCode[] as [DispatchItemCode, ...DispatchItemCode[]];

/** Taipei's 12 districts; `code` is the stable key stored with a case. */
export const DISTRICTS = [
  { code: 'songshan', zh: '松山區', en: 'Songshan' },
  { code: 'xinyi', zh: '信義區', en: 'Xinyi' },
  { code: 'daan', zh: '大安區', en: "Da'an" },
  { code: 'zhongshan', zh: '中山區', en: 'Zhongshan' },
  { code: 'zhongzheng', zh: '中正區', en: 'Zhongzheng' },
  { code: 'datong', zh: '大同區', en: 'Datong' },
  { code: 'wanhua', zh: '萬華區', en: 'Wanhua' },
  { code: 'wenshan', zh: '文山區', en: 'Wenshan' },
  { code: 'nangang', zh: '南港區', en: 'Nangang' },
  { code: 'neihu', zh: '內湖區', en: 'Neihu' },
  { code: 'shilin', zh: '士林區', en: 'Shilin' },
  { code: 'beitou', zh: '北投區', en: 'Beitou' },
] as const;
export type DistrictCode = (typeof DISTRICTS)[number]['code'];
export const DISTRICT_CODES = DISTRICTS.map((d) => d.code) as readonly DistrictCode[] as [DistrictCode, ...DistrictCode[]];

/** Taipei City's bounding box (WGS 84): a point outside it cannot be a Taipei location. */
export const TAIPEI_BOUNDS = { minLat: 24.96, maxLat: 25.21, minLng: 121.45, maxLng: 121.67 } as const;

export function insideTaipei(lat: number, lng: number): boolean {
  return lat >= TAIPEI_BOUNDS.minLat && lat <= TAIPEI_BOUNDS.maxLat && lng >= TAIPEI_BOUNDS.minLng && lng <= TAIPEI_BOUNDS.maxLng;
}

/** Dispatch items whose code, Chinese name or English words contain every word of the query (case-insensitive). */
export function searchDispatchItems(query: string): DispatchItem[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...DISPATCH_ITEMS];
  return DISPATCH_ITEMS.filter((i) => {
    const hay = `${i.code} ${i.zh} ${i.en}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export const dispatchItem = (code: string): DispatchItem | undefined => DISPATCH_ITEMS.find((i) => i.code === code);
export const district = (code: string): (typeof DISTRICTS)[number] | undefined => DISTRICTS.find((d) => d.code === code);

/** What happened with a transfer to an agency. */
export const TRANSFER_OUTCOMES = ['connected', 'no-answer', 'agency-will-call-back', 'caller-declined'] as const;
export type TransferOutcome = (typeof TRANSFER_OUTCOMES)[number];

/** A case's life: open → in progress → closed (a closed case may be reopened by the back office). */
export const CASE_STATUSES = ['open', 'in-progress', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** How a call or chat ended for the interpreter, kept on its record at wrap-up. */
export const WRAP_UP_OUTCOMES = ['case-filed', 'answered', 'transferred', 'caller-hung-up', 'no-sign-language', 'technical', 'wrong-number', 'other'] as const;
export type WrapUpOutcome = (typeof WRAP_UP_OUTCOMES)[number];

/** Where a case came from. */
export const CASE_SOURCES = ['call', 'chat', 'callback', 'open311'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** Limits, in characters. */
export const CASE_LIMITS = {
  description: 1000,
  summary: 1000,
  address: 200,
  agency: 100,
  name: 100,
  phone: 30,
  email: 200,
  closingNote: 1000,
  wrapUpNotes: 1000,
} as const;

export const PHONE_PATTERN = /^[0-9+()\- ]{6,30}$/;

/**
 * The case form as it is being typed (a draft): every field optional, only lengths and shapes checked. The
 * rules of a complete case are {@link caseProblems}.
 */
export const caseDraftSchema = z
  .object({
    service: z.enum(CASE_SERVICES).optional(),
    dispatchItem: z.string().max(8).optional(),
    district: z.string().max(20).optional(),
    address: z.string().max(CASE_LIMITS.address * 2).optional(),
    lat: z.number().finite().nullable().optional(),
    lng: z.number().finite().nullable().optional(),
    description: z.string().max(CASE_LIMITS.description * 2).optional(),
    agency: z.string().max(CASE_LIMITS.agency * 2).optional(),
    transferOutcome: z.enum(TRANSFER_OUTCOMES).optional(),
    callerName: z.string().max(CASE_LIMITS.name * 2).optional(),
    callerPhone: z.string().max(CASE_LIMITS.phone * 2).optional(),
    callerEmail: z.string().max(CASE_LIMITS.email * 2).optional(),
    summary: z.string().max(CASE_LIMITS.summary * 2).optional(),
  })
  .strict();
export type CaseDraft = z.infer<typeof caseDraftSchema>;

/** Every rule a case can break, each with the field it is about. Codes are stable: clients translate them. */
export const CASE_RULES = [
  'service-required',
  'item-required',
  'item-unknown',
  'district-required',
  'district-unknown',
  'location-required',
  'coordinates-incomplete',
  'coordinates-outside-taipei',
  'description-required',
  'description-too-long',
  'address-too-long',
  'agency-required',
  'agency-too-long',
  'transfer-outcome-required',
  'name-required',
  'name-too-long',
  'contact-required',
  'phone-invalid',
  'email-invalid',
  'summary-too-long',
  'closing-note-required',
] as const;
export type CaseRule = (typeof CASE_RULES)[number];

export interface CaseProblem {
  field: keyof CaseDraft | 'note';
  rule: CaseRule;
}

const EMAIL = z.email();
const blank = (s: string | undefined): boolean => s === undefined || s.trim().length === 0;
const length = (s: string | undefined): number => (s === undefined ? 0 : [...s.trim()].length);

/** What keeps a draft from being filed (empty when it can be). Pure: the form shows these as it is typed. */
export function caseProblems(d: CaseDraft): CaseProblem[] {
  const out: CaseProblem[] = [];
  const add = (field: keyof CaseDraft, rule: CaseRule) => out.push({ field, rule });
  if (!d.service) {
    add('service', 'service-required');
    return out;
  }
  if (length(d.summary) > CASE_LIMITS.summary) add('summary', 'summary-too-long');
  if (length(d.description) > CASE_LIMITS.description) add('description', 'description-too-long');
  if (length(d.address) > CASE_LIMITS.address) add('address', 'address-too-long');
  const hasLat = d.lat !== undefined && d.lat !== null;
  const hasLng = d.lng !== undefined && d.lng !== null;
  if (hasLat !== hasLng) add('lat', 'coordinates-incomplete');
  else if (hasLat && hasLng && !insideTaipei(d.lat!, d.lng!)) add('lat', 'coordinates-outside-taipei');
  if (!blank(d.district) && !district(d.district!)) add('district', 'district-unknown');
  if (!blank(d.callerPhone) && !PHONE_PATTERN.test(d.callerPhone!.trim())) add('callerPhone', 'phone-invalid');
  if (!blank(d.callerEmail) && !EMAIL.safeParse(d.callerEmail!.trim()).success) add('callerEmail', 'email-invalid');
  if (length(d.callerName) > CASE_LIMITS.name) add('callerName', 'name-too-long');
  switch (d.service) {
    case 'consultation':
      if (blank(d.summary) && blank(d.description)) add('description', 'description-required');
      break;
    case 'transfer':
      if (blank(d.agency)) add('agency', 'agency-required');
      else if (length(d.agency) > CASE_LIMITS.agency) add('agency', 'agency-too-long');
      if (!d.transferOutcome) add('transferOutcome', 'transfer-outcome-required');
      break;
    case 'petition':
      if (blank(d.callerName)) add('callerName', 'name-required');
      if (blank(d.callerPhone) && blank(d.callerEmail)) add('callerPhone', 'contact-required');
      if (blank(d.description)) add('description', 'description-required');
      break;
    case 'dispatch':
      if (blank(d.dispatchItem)) add('dispatchItem', 'item-required');
      else if (!dispatchItem(d.dispatchItem!)) add('dispatchItem', 'item-unknown');
      if (blank(d.district)) add('district', 'district-required');
      if (blank(d.address) && !(hasLat && hasLng)) add('address', 'location-required');
      if (blank(d.description)) add('description', 'description-required');
      break;
  }
  return out;
}

/** The fields a filed case keeps for its service, trimmed; the others are dropped (a petition has no item). */
export function caseContent(d: CaseDraft): CaseDraft {
  const t = (s: string | undefined): string | undefined => (blank(s) ? undefined : s!.trim());
  const base: CaseDraft = { service: d.service, summary: t(d.summary), description: t(d.description) };
  const contact = { callerName: t(d.callerName), callerPhone: t(d.callerPhone), callerEmail: t(d.callerEmail) };
  const place = { district: t(d.district), address: t(d.address), lat: d.lat ?? null, lng: d.lng ?? null };
  let out: CaseDraft;
  switch (d.service) {
    case 'dispatch':
      out = { ...base, ...contact, ...place, dispatchItem: t(d.dispatchItem) };
      break;
    case 'petition':
      out = { ...base, ...contact, ...place };
      break;
    case 'transfer':
      out = { ...base, ...contact, agency: t(d.agency), transferOutcome: d.transferOutcome };
      break;
    case 'consultation':
    case undefined:
      out = { ...base, ...contact, district: t(d.district) };
      break;
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as CaseDraft;
}

/** What the caller is shown to confirm before a case is filed: plain words, no personal data beyond their own. */
export interface ReadBack {
  id: string;
  service: CaseService;
  dispatchItem: string | null;
  district: string | null;
  place: string | null;
  text: string;
  sentAt: number;
}

export type ReadBackAnswer = 'correct' | 'change';

/** The read-back's state on a draft or a case. */
export interface ReadBackState {
  id: string;
  sentAt: number;
  answer: ReadBackAnswer | null;
  answeredAt: number | null;
  /** Whether the draft still says what the caller was shown (a change after the read-back needs a new one). */
  current: boolean;
}

/** A case's human number: `1999-YYYYMMDD-NNNNNN`, a per-day sequence (Asia/Taipei day). */
export const CASE_NUMBER_PATTERN = /^1999-\d{8}-\d{6}$/;
export function formatCaseNumber(day: string, seq: number): string {
  return `1999-${day.replaceAll('-', '')}-${String(seq).padStart(6, '0')}`;
}

/** A case as staff lists show it (no personal data). */
export interface CaseSummary {
  id: string;
  number: string;
  service: CaseService;
  dispatchItem: string | null;
  district: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  status: CaseStatus;
  source: CaseSource;
  channel: 'web' | 'kiosk' | null;
  kioskId: string | null;
  interpreterId: UserId | null;
  interpreterName: string | null;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
}

/** A case in full, for the interpreter who took it and for supervisors and admins. */
export interface CaseDetail extends CaseSummary {
  description: string | null;
  summary: string | null;
  agency: string | null;
  transferOutcome: TransferOutcome | null;
  callerName: string | null;
  callerPhone: string | null;
  callerEmail: string | null;
  callId: CallId | null;
  /** The call record of a video call: the id of the caller's place in line. */
  callRecordId: EntryId | null;
  chatSessionId: ChatSessionId | null;
  readBack: { answer: ReadBackAnswer | null; answeredAt: number | null; skippedReason: string | null };
  closingNote: string | null;
  /** Public words about the status (Open311 status_notes, the caller's message): no personal data. */
  statusNote: string | null;
  closedBy: string | null;
  history: CaseHistoryEntry[];
}

export interface CaseHistoryEntry {
  at: number;
  actor: string;
  action: 'filed' | 'status' | 'edited';
  from: CaseStatus | null;
  to: CaseStatus | null;
  note: string | null;
}

/** What the caller sees when their case is filed (their own receipt). */
export interface CaseReceipt {
  number: string;
  service: CaseService;
  dispatchItem: string | null;
  district: string | null;
  place: string | null;
  text: string;
  filedAt: number;
}
