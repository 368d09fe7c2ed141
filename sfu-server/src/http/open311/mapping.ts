/**
 * Pure mapping between Open311 GeoReport v2 and cases: W3C datetimes in Taipei time, the query of
 * GET requests.json, the body of POST requests.json (a case draft), and a stored case as a service request.
 * Everything here throws {@link Open311Error} for what a client sent wrong, so the router only wires.
 */
import {
  CASE_LIMITS,
  CASE_NUMBER_PATTERN,
  assertUnreachable,
  caseContent,
  caseProblems,
  district as districtOf,
  type CaseDraft,
  type CaseProblem,
  type CaseRule,
  type CaseService,
  type CaseStatus,
  type Open311ServiceRequest,
  TAIPEI_OFFSET_MS,
  w3cTaipei,
} from '@sign-relay/shared';
import { DISTRICT_ZIPCODES, JURISDICTION_ID, SERVICE_NOTICE, postable, serviceCodeOf, serviceDefinition, serviceNameOf, serviceTarget, type ServiceTarget } from './catalogue.ts';
import type { Open311CaseRow } from '../../store/repositories/open311Repository.ts';
import { Open311Error } from './errors.ts';

const DAY_MS = 86_400_000;
/** The spec's limits of GET requests.json: a span of at most 90 days, at most 1000 requests. */
export const MAX_SPAN_MS = 90 * DAY_MS;
export const MAX_RESULTS = 1000;
const MAX_MEDIA_URL = 1000;
const MAX_DEVICE_ID = 200;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// The offset's '+' often arrives as a space when a client forgets to encode it in a query string.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+\- ]\d{2}:?\d{2})$/;

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Parses a W3C datetime (a subset of ISO 8601) as the spec's date filters use it. A full datetime must carry
 * its offset (`Z` or `±hh:mm`); a bare date `YYYY-MM-DD` is a Taipei day, its start or (for `end_date`) its
 * last millisecond. Undefined when it is not such a datetime.
 */
export function parseW3c(text: string, edge: 'start' | 'end'): number | undefined {
  const s = text.trim();
  const date = DATE_ONLY.exec(s);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    if (!validDay(y, m, d)) return undefined;
    const start = Date.UTC(y, m - 1, d) - TAIPEI_OFFSET_MS;
    return edge === 'start' ? start : start + DAY_MS - 1;
  }
  const dt = DATE_TIME.exec(s);
  if (!dt) return undefined;
  const [y, mo, d, h, mi, sec] = [Number(dt[1]), Number(dt[2]), Number(dt[3]), Number(dt[4]), Number(dt[5]), Number(dt[6] ?? '0')];
  if (!validDay(y, mo, d) || h > 23 || mi > 59 || sec > 59) return undefined;
  const ms = Math.floor(Number(`0${dt[7] ?? ''}`) * 1000);
  const tz = dt[8]!;
  let offsetMin = 0;
  if (tz !== 'Z') {
    const digits = tz.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2));
    if (oh > 14 || om > 59) return undefined;
    offsetMin = (tz[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offsetMin * 60_000;
}

/** A query or body value as one trimmed string (undefined when absent or empty: the spec's "optional"). */
function one(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) throw new Open311Error(400, `${name} was given more than once.`);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw new Open311Error(400, `${name} must be text.`);
  const s = value.trim();
  return s.length > 0 ? s : undefined;
}

/** A list parameter: repeated and/or comma delimited (`status=open,closed`), empty items dropped. */
function list(value: unknown, name: string): string[] {
  if (value === undefined || value === null) return [];
  const parts = Array.isArray(value) ? value : [value];
  return parts.flatMap((p) => {
    if (typeof p !== 'string') throw new Open311Error(400, `${name} must be text.`);
    return p
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  });
}

/** Refuses another jurisdiction (404, as the spec says for one not found); none given is this one. */
export function checkJurisdiction(value: unknown): void {
  const j = one(value, 'jurisdiction_id');
  if (j !== undefined && j.toLowerCase() !== JURISDICTION_ID) throw new Open311Error(404, `jurisdiction_id ${j} was not found: this endpoint serves ${JURISDICTION_ID}.`);
}

/** Open311 statuses as the cases' statuses: our 'open' and 'in-progress' are both Open311 'open'. */
const STATUS_FILTER: Record<'open' | 'closed', CaseStatus[]> = { open: ['open', 'in-progress'], closed: ['closed'] };

/** GET requests.json, parsed: either a list of request ids (which overrides every other filter) or a search. */
export type RequestsQuery =
  | { kind: 'ids'; numbers: string[] }
  | { kind: 'search'; from: Date; to: Date; targets: ServiceTarget[] | null; statuses: CaseStatus[] | null; limit: number };

/**
 * Reads GET requests.json's parameters as the spec defines them: `service_request_id` (comma list) overrides
 * the rest; `service_code` and `status` are comma lists; without dates the range is the last 90 days, with
 * one date the 90 days from or up to it, and a range may not span more than 90 days. Newest first, at most
 * 1000 (a client pages back by passing the oldest requested_datetime it got as the next end_date).
 */
export function parseRequestsQuery(q: Record<string, unknown>, now: number): RequestsQuery {
  checkJurisdiction(q.jurisdiction_id);
  const ids = list(q.service_request_id, 'service_request_id');
  if (ids.length > 0) {
    if (ids.length > MAX_RESULTS) throw new Open311Error(400, `service_request_id may name at most ${MAX_RESULTS} requests.`);
    const bad = ids.find((id) => !CASE_NUMBER_PATTERN.test(id));
    if (bad !== undefined) throw new Open311Error(400, `service_request_id ${bad.slice(0, 40)} is not a request id (1999-YYYYMMDD-NNNNNN).`);
    return { kind: 'ids', numbers: [...new Set(ids)] };
  }

  const codes = list(q.service_code, 'service_code');
  const targets = codes.map((code) => {
    const t = serviceTarget(code);
    if (!t) throw new Open311Error(404, `service_code ${code.slice(0, 40)} was not found.`);
    return t;
  });

  const statuses = list(q.status, 'status').map((s) => {
    if (s !== 'open' && s !== 'closed') throw new Open311Error(400, `status must be open or closed (comma delimited), not ${s.slice(0, 40)}.`);
    return s;
  });

  const startText = one(q.start_date, 'start_date');
  const endText = one(q.end_date, 'end_date');
  const start = startText === undefined ? undefined : parseW3c(startText, 'start');
  const end = endText === undefined ? undefined : parseW3c(endText, 'end');
  const problems: string[] = [];
  if (startText !== undefined && start === undefined) problems.push('start_date must be a W3C datetime with its offset, e.g. 2026-12-01T00:00:00+08:00.');
  if (endText !== undefined && end === undefined) problems.push('end_date must be a W3C datetime with its offset, e.g. 2026-12-31T23:59:59+08:00.');
  if (problems.length > 0) throw new Open311Error(400, problems);
  let from: number;
  let to: number;
  if (start === undefined && end === undefined) [from, to] = [now - MAX_SPAN_MS, now];
  else if (start !== undefined && end === undefined) [from, to] = [start, start + MAX_SPAN_MS];
  else if (start === undefined && end !== undefined) [from, to] = [end - MAX_SPAN_MS, end];
  else [from, to] = [start!, end!];
  if (to < from) throw new Open311Error(400, 'end_date is before start_date.');
  if (to - from > MAX_SPAN_MS) throw new Open311Error(400, 'start_date and end_date may not span more than 90 days.');

  const statusList = [...new Set(statuses)].flatMap((s) => STATUS_FILTER[s]);
  return { kind: 'search', from: new Date(from), to: new Date(to), targets: targets.length > 0 ? targets : null, statuses: statusList.length > 0 ? statusList : null, limit: MAX_RESULTS };
}

/** A person's name from Open311's given and family names: 王 + 小明 → 王小明; John + Smith → John Smith. */
export function personName(first: string | undefined, last: string | undefined): string | undefined {
  if (first === undefined && last === undefined) return undefined;
  if (first === undefined) return last;
  if (last === undefined) return first;
  const cjk = /[\u3400-\u9fff\uf900-\ufaff]/u;
  return cjk.test(first) && cjk.test(last) ? `${last}${first}` : `${first} ${last}`;
}

/** The Open311 words for a rule a case breaks (each names the parameter to fix). */
export function problemDescription(p: CaseProblem): string {
  const rule: CaseRule = p.rule;
  switch (rule) {
    case 'service-required':
      return 'service_code is required.';
    case 'item-required':
    case 'item-unknown':
      return 'service_code is not a dispatch item.';
    case 'district-required':
      return 'attribute[district] is required: a Taipei district code (see the service definition).';
    case 'district-unknown':
      return 'attribute[district] is not a Taipei district code (see the service definition).';
    case 'location-required':
      return 'A location is required: lat and long, or address_string.';
    case 'coordinates-incomplete':
      return 'lat and long must be given together.';
    case 'coordinates-outside-taipei':
      return 'lat and long are outside Taipei City.';
    case 'description-required':
      return 'description is required.';
    case 'description-too-long':
      return `description is longer than ${CASE_LIMITS.description} characters.`;
    case 'address-too-long':
      return `address_string is longer than ${CASE_LIMITS.address} characters.`;
    case 'name-required':
      return 'first_name and last_name are required for a petition (anonymous reports are not accepted as petitions).';
    case 'name-too-long':
      return `first_name and last_name together are longer than ${CASE_LIMITS.name} characters.`;
    case 'contact-required':
      return 'phone or email is required for a petition.';
    case 'phone-invalid':
      return 'phone is not a phone number.';
    case 'email-invalid':
      return 'email is not an e-mail address.';
    case 'agency-required':
    case 'agency-too-long':
    case 'transfer-outcome-required':
    case 'summary-too-long':
    case 'closing-note-required':
      // Rules of transfers, summaries and closing: a POST never makes such a case.
      return `The request breaks the case rule ${rule}.`;
    default:
      return assertUnreachable(rule);
  }
}

/** A case to file from POST requests.json. */
export interface PostedRequest {
  content: CaseDraft;
  service: CaseService;
  deviceId: string | null;
  mediaUrl: string | null;
}

/** The attributes of a POST: `attribute[code]=value` (form) or `attribute: {code: value}` (JSON, or a nested form parser). */
function attributesOf(body: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const nested = body.attribute;
  if (nested !== undefined && nested !== null) {
    if (typeof nested !== 'object' || Array.isArray(nested)) throw new Open311Error(400, 'attribute must be given as attribute[code]=value.');
    for (const [k, v] of Object.entries(nested as Record<string, unknown>)) out.set(k, v);
  }
  for (const [k, v] of Object.entries(body)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(k);
    if (m) out.set(m[1]!, v);
  }
  return out;
}

function coordinate(value: unknown, name: 'lat' | 'long'): number | undefined {
  const s = one(value, name);
  if (s === undefined) return undefined;
  if (!/^[+-]?\d{1,3}(\.\d+)?$/.test(s)) throw new Open311Error(400, `${name} must be a number in WGS84 degrees.`);
  return Number(s);
}

/**
 * Reads POST requests.json (form-encoded or JSON) as a case: the service code (404 unknown, 400 for services
 * interpreters record), the location, the attributes of its service definition, the person and the text.
 * The case rules ({@link caseProblems}) then name every problem at once, each as one error.
 */
export function parsePostRequest(body: Record<string, unknown>): PostedRequest {
  checkJurisdiction(body.jurisdiction_id);
  const code = one(body.service_code, 'service_code');
  if (code === undefined) throw new Open311Error(400, 'service_code is required.');
  const target = serviceTarget(code);
  const definition = serviceDefinition(code);
  if (!target || !definition) throw new Open311Error(404, `service_code ${code.slice(0, 40)} was not found.`);
  if (!postable(code)) throw new Open311Error(400, `service_code ${code} cannot be requested through this API: such cases are recorded by 1999 interpreters.`);

  const attributes = attributesOf(body);
  const known = new Set(definition.attributes.map((a) => a.code));
  const unknown = [...attributes.keys()].find((k) => !known.has(k));
  if (unknown !== undefined) throw new Open311Error(400, `attribute[${unknown.slice(0, 40)}] is not an attribute of service ${code}.`);
  const district = one(attributes.get('district'), 'attribute[district]');

  const lat = coordinate(body.lat, 'lat');
  const lng = coordinate(body.long, 'long');
  const address = one(body.address_string, 'address_string');
  if (one(body.address_id, 'address_id') !== undefined && address === undefined && lat === undefined && lng === undefined) {
    throw new Open311Error(400, 'address_id is not used by this endpoint: send lat and long, or address_string.');
  }

  const mediaUrl = one(body.media_url, 'media_url');
  if (mediaUrl !== undefined && (mediaUrl.length > MAX_MEDIA_URL || !/^https?:\/\/[^\s]+$/i.test(mediaUrl) || !URL.canParse(mediaUrl))) {
    throw new Open311Error(400, `media_url must be an http(s) URL of at most ${MAX_MEDIA_URL} characters.`);
  }
  const deviceId = one(body.device_id, 'device_id');
  if (deviceId !== undefined && deviceId.length > MAX_DEVICE_ID) throw new Open311Error(400, `device_id is longer than ${MAX_DEVICE_ID} characters.`);

  const draft: CaseDraft = {
    service: target.service,
    ...(target.service === 'dispatch' ? { dispatchItem: target.item } : {}),
    ...(district !== undefined ? { district } : {}),
    ...(address !== undefined ? { address } : {}),
    ...(lat !== undefined ? { lat } : {}),
    ...(lng !== undefined ? { lng } : {}),
  };
  const description = one(body.description, 'description');
  const callerName = personName(one(body.first_name, 'first_name'), one(body.last_name, 'last_name'));
  const callerPhone = one(body.phone, 'phone');
  const callerEmail = one(body.email, 'email');
  if (description !== undefined) draft.description = description;
  if (callerName !== undefined) draft.callerName = callerName;
  if (callerPhone !== undefined) draft.callerPhone = callerPhone;
  if (callerEmail !== undefined) draft.callerEmail = callerEmail;

  const content = caseContent(draft);
  const problems = caseProblems(content);
  if (problems.length > 0) throw new Open311Error(400, [...new Set(problems.map(problemDescription))]);
  return { content, service: target.service, deviceId: deviceId ?? null, mediaUrl: mediaUrl ?? null };
}

/**
 * A case as an Open311 service request. Only dispatch cases show their description and place: a work order
 * describes a place in the city, but the text of a petition or a consultation is the caller's own story and
 * its place may be their home, so those stay out of a public API (the district's zipcode is shown for all).
 */
export function toServiceRequest(c: Open311CaseRow): Open311ServiceRequest {
  const code = serviceCodeOf(c);
  const dispatch = c.service === 'dispatch';
  const district = c.district ? districtOf(c.district) : undefined;
  return {
    service_request_id: c.number,
    status: c.status === 'closed' ? 'closed' : 'open',
    status_notes: c.statusNote,
    service_name: serviceNameOf(code),
    service_code: code,
    description: dispatch ? c.description : null,
    // The agency a transfer went to is public; other cases do not record one.
    agency_responsible: c.service === 'transfer' ? c.agency : null,
    service_notice: SERVICE_NOTICE[c.service],
    requested_datetime: w3cTaipei(c.createdAt),
    updated_datetime: w3cTaipei(c.updatedAt),
    expected_datetime: null,
    address: dispatch ? [c.address, district ? `${district.zh}, 臺北市` : null].filter(Boolean).join(', ') || null : null,
    address_id: null,
    zipcode: district ? DISTRICT_ZIPCODES[district.code] : null,
    lat: dispatch ? c.lat : null,
    long: dispatch ? c.lng : null,
    media_url: dispatch ? c.mediaUrl : null,
  };
}
