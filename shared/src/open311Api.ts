/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) as this service serves it under `/open311/v2`:
 * each route declared once — method, path, access, the zod schema of its query or body, its response type —
 * with the spec's own field names. The schemas take the spec's parameters as the strings a form or query
 * carries; the rules beyond their shape (dates, service codes, the case rules) are the server's, answered in
 * Open311's error shape.
 */
import { z } from 'zod';
import { httpRoute } from './http.ts';

export const OPEN311_BASE = '/open311/v2';

/** GET services.json: one service. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values: { key: string; name: string }[];
}

/** GET services/{code}.json. */
export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

/** GET requests.json: one service request, every field of the spec present (null when not known). */
export interface Open311ServiceRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export interface Open311Discovery {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: { specification: string; url: string; changeset: string; type: 'production' | 'test'; formats: string[] }[];
}

/** POST requests.json's answer. */
export type Open311PostAnswer = { service_request_id: string; service_notice: string; account_id: null }[];

/** Every error: a list of codes (the HTTP status) and descriptions. */
export type Open311Errors = { code: number; description: string }[];

/**
 * A parameter as a query string, a form or JSON carries it: text, a number (JSON), or the same name repeated
 * (which only list parameters accept; the server says so for the others).
 */
const param = z.union([z.string().max(20_000), z.number(), z.array(z.string().max(20_000)).max(1000)]).optional();
const jurisdiction = { jurisdiction_id: param };

/** Parameters of GET requests.json (others, such as an api_key, are ignored as the spec allows). */
export const open311RequestsQuerySchema = z.looseObject({
  ...jurisdiction,
  service_request_id: param,
  service_code: param,
  start_date: param,
  end_date: param,
  status: param,
});

/** Parameters of POST requests.json: form fields, or the same names in JSON (where `attribute` may be an object). */
export const open311PostSchema = z.looseObject({
  ...jurisdiction,
  api_key: param,
  service_code: param,
  lat: param,
  long: param,
  address_string: param,
  address_id: param,
  email: param,
  device_id: param,
  account_id: param,
  first_name: param,
  last_name: param,
  phone: param,
  description: param,
  media_url: param,
  attribute: z.record(z.string().max(100), z.union([z.string().max(2000), z.array(z.string().max(2000)).max(50)])).optional(),
});

const jurisdictionQuery = z.looseObject(jurisdiction);

export const open311Routes = {
  discovery: httpRoute<Open311Discovery>()({ method: 'GET', path: `${OPEN311_BASE}/discovery.json`, access: 'public' }),
  services: httpRoute<Open311Service[]>()({ method: 'GET', path: `${OPEN311_BASE}/services.json`, access: 'public', query: jurisdictionQuery }),
  service: httpRoute<Open311ServiceDefinition>()({
    method: 'GET',
    path: `${OPEN311_BASE}/services/:code.json`,
    access: 'public',
    params: z.object({ code: z.string().max(100) }),
    query: jurisdictionQuery,
  }),
  requests: httpRoute<Open311ServiceRequest[]>()({ method: 'GET', path: `${OPEN311_BASE}/requests.json`, access: 'public', query: open311RequestsQuerySchema }),
  request: httpRoute<Open311ServiceRequest[]>()({
    method: 'GET',
    path: `${OPEN311_BASE}/requests/:id.json`,
    access: 'public',
    params: z.object({ id: z.string().max(100) }),
    query: jurisdictionQuery,
  }),
  /** Needs an API key that may post (`api_key`, `X-Api-Key` or `Authorization: Bearer`). */
  post: httpRoute<Open311PostAnswer>()({ method: 'POST', path: `${OPEN311_BASE}/requests.json`, access: 'api-key', body: open311PostSchema }),
} as const;
