/**
 * The Open311 service list of Taipei's 1999 relay: every kind of case as a GeoReport v2 service, so every
 * case's service_code resolves. Pure data and lookups; the router serves them as they are.
 *
 * - D01–D22: the 22 dispatch items (派工), realtime, with a required `district` attribute.
 * - P01: petition / complaint / suggestion (陳情・申訴・建議), realtime; a petition needs the person's name
 *   and a phone or e-mail (anonymous reports are not petitions), so clients must send them.
 * - C01 consultation (市政諮詢) and T01 transfer (轉接): filed by interpreters during a call, never through
 *   this API. They are listed (type `blackbox`) only so that such cases in GET requests have a service_code
 *   a client can look up; a POST for them is refused.
 */
import { DISPATCH_ITEMS, DISTRICTS, type CaseService, type DistrictCode, type Open311Attribute, type Open311Service, type Open311ServiceDefinition } from '@sign-relay/shared';

/** The jurisdiction this endpoint serves (Open311 `jurisdiction_id`: the city's web domain). */
export const JURISDICTION_ID = 'taipei.gov.tw';
/** When the service list or a definition last changed (discovery `changeset`): change it with them. */
export const CATALOGUE_CHANGESET = '2026-12-01T00:00:00+08:00';
export const GEOREPORT_V2 = 'http://wiki.open311.org/GeoReport_v2';

export const PETITION_CODE = 'P01';
export const CONSULTATION_CODE = 'C01';
export const TRANSFER_CODE = 'T01';

/** What a service code files: the case service and, for dispatch, the item. */
export type ServiceTarget = { service: 'dispatch'; item: string } | { service: Exclude<CaseService, 'dispatch'> };

const GROUP = {
  dispatch: '派工 dispatch',
  petition: '陳情 petition',
  consultation: '市政諮詢 consultation',
  transfer: '轉接 transfer',
} as const satisfies Record<CaseService, string>;

/** Postal codes (3 digits) of Taipei's districts: Open311 `zipcode`, known from the district alone. */
export const DISTRICT_ZIPCODES: Record<DistrictCode, string> = {
  zhongzheng: '100',
  datong: '103',
  zhongshan: '104',
  songshan: '105',
  daan: '106',
  wanhua: '108',
  xinyi: '110',
  shilin: '111',
  beitou: '112',
  neihu: '114',
  nangang: '115',
  wenshan: '116',
};

/** What the city tells the filer will happen (Open311 `service_notice`), by case service. */
export const SERVICE_NOTICE: Record<CaseService, string> = {
  dispatch: '派工案件已受理，將交由權責機關處理。The work order has been received and passed to the responsible agency.',
  petition: '陳情案件已受理，承辦機關將與您聯絡。The petition has been received; the agency in charge will contact you.',
  consultation: '市政諮詢已由 1999 手語翻譯員答覆。Answered by a 1999 sign-language interpreter.',
  transfer: '已由 1999 手語翻譯員轉接機關。Transferred to the agency by a 1999 sign-language interpreter.',
};

const EN_STOPWORDS = new Set(['a', 'an', 'and', 'or', 'in', 'on', 'of', 'the', 'out', 'from', 'no']);

/**
 * A dispatch item's keywords: the fragments of its Chinese name (split at its punctuation, without the
 * "(含…)" notes) and the words of its English name, each once, comma separated as Open311 wants.
 */
export function itemKeywords(item: { code: string; zh: string; en: string }): string {
  const zh = item.zh
    .split(/[、()（）,，]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !s.startsWith('含'));
  const en = item.en
    .toLowerCase()
    .split(/[^a-z-]+/)
    .filter((w) => w.length > 1 && !EN_STOPWORDS.has(w));
  return [...new Set([...zh, ...en])].join(', ');
}

const DISPATCH_SERVICES: Open311Service[] = DISPATCH_ITEMS.map((i) => ({
  service_code: i.code,
  service_name: i.zh,
  description: `派工：${i.zh}。Dispatch: ${i.en}.`,
  metadata: true,
  type: 'realtime',
  keywords: itemKeywords(i),
  group: GROUP.dispatch,
}));

const OTHER_SERVICES: Open311Service[] = [
  {
    service_code: PETITION_CODE,
    service_name: '陳情・申訴・建議',
    description: '陳情、申訴或建議：需要真實姓名及電話或電子郵件。Petition, complaint or suggestion: needs the real name and a phone number or e-mail.',
    metadata: true,
    type: 'realtime',
    keywords: '陳情, 申訴, 建議, petition, complaint, suggestion',
    group: GROUP.petition,
  },
  {
    service_code: CONSULTATION_CODE,
    service_name: '市政諮詢',
    description: '手語翻譯員答覆的市政諮詢（只能由翻譯員登錄）。A question about city services answered by an interpreter (recorded by interpreters only).',
    metadata: false,
    type: 'blackbox',
    keywords: '諮詢, 市政, consultation, question',
    group: GROUP.consultation,
  },
  {
    service_code: TRANSFER_CODE,
    service_name: '轉接',
    description: '手語翻譯員轉接機關（只能由翻譯員登錄）。A call the interpreter relayed to an agency (recorded by interpreters only).',
    metadata: false,
    type: 'blackbox',
    keywords: '轉接, 機關, transfer, agency',
    group: GROUP.transfer,
  },
];

/** GET services.json: the 22 dispatch items, then petition, consultation and transfer. */
export const OPEN311_SERVICES: readonly Open311Service[] = [...DISPATCH_SERVICES, ...OTHER_SERVICES];

const districtAttribute = (required: boolean): Open311Attribute => ({
  variable: true,
  code: 'district',
  datatype: 'singlevaluelist',
  required,
  datatype_description: '臺北市行政區代碼 A Taipei district code',
  order: 1,
  description: required ? '發生地點的行政區。The district where it is.' : '相關地點的行政區（如有）。The district concerned, if any.',
  values: DISTRICTS.map((d) => ({ key: d.code, name: `${d.zh} ${d.en}` })),
});

/** GET services/{code}.json, or undefined for an unknown code. */
export function serviceDefinition(code: string): Open311ServiceDefinition | undefined {
  const target = serviceTarget(code);
  if (!target) return undefined;
  switch (target.service) {
    case 'dispatch':
      return { service_code: code, attributes: [districtAttribute(true)] };
    case 'petition':
      return { service_code: code, attributes: [districtAttribute(false)] };
    case 'consultation':
    case 'transfer':
      return { service_code: code, attributes: [] };
  }
}

/** The case service (and item) a service code stands for; undefined for an unknown code. */
export function serviceTarget(code: string): ServiceTarget | undefined {
  if (DISPATCH_ITEMS.some((i) => i.code === code)) return { service: 'dispatch', item: code };
  if (code === PETITION_CODE) return { service: 'petition' };
  if (code === CONSULTATION_CODE) return { service: 'consultation' };
  if (code === TRANSFER_CODE) return { service: 'transfer' };
  return undefined;
}

/** The service code of a case: its dispatch item, or the code of its service. */
export function serviceCodeOf(c: { service: CaseService; dispatchItem: string | null }): string {
  switch (c.service) {
    case 'dispatch':
      // A dispatch case always has its item (the filing rules require it); 'D00' would show a broken row, not hide it.
      return c.dispatchItem ?? 'D00';
    case 'petition':
      return PETITION_CODE;
    case 'consultation':
      return CONSULTATION_CODE;
    case 'transfer':
      return TRANSFER_CODE;
  }
}

/** The service_name shown with a case of that code. */
export function serviceNameOf(code: string): string {
  return OPEN311_SERVICES.find((s) => s.service_code === code)?.service_name ?? code;
}

/** Whether a service can be requested through POST requests.json (consultation and transfer cannot). */
export function postable(code: string): boolean {
  return OPEN311_SERVICES.some((s) => s.service_code === code && s.type === 'realtime');
}
