import { describe, expect, it } from 'vitest';
import { CASE_RULES } from '@sign-relay/shared';
import type { Open311CaseRow } from '../../store/repositories/open311Repository.ts';
import { Open311Error } from './errors.ts';
import { MAX_RESULTS, MAX_SPAN_MS, parsePostRequest, parseRequestsQuery, parseW3c, personName, problemDescription, toServiceRequest } from './mapping.ts';
import { w3cTaipei } from '@sign-relay/shared';

const NOW = Date.parse('2026-12-01T10:00:00+08:00');
const DAY = 86_400_000;

/** The Open311 error a call throws: its status and descriptions. */
function failure(fn: () => unknown): { status: number; descriptions: readonly string[] } {
  try {
    fn();
  } catch (e) {
    if (e instanceof Open311Error) return { status: e.status, descriptions: e.descriptions };
    throw e;
  }
  throw new Error('expected an Open311Error');
}

describe('W3C datetimes', () => {
  it('writes Taipei time with its +08:00 offset, to the second', () => {
    expect(w3cTaipei(Date.parse('2026-12-01T02:15:00.789Z'))).toBe('2026-12-01T10:15:00+08:00');
    expect(w3cTaipei(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00:00+08:00');
  });

  it('reads datetimes with Z or an offset, seconds and fractions optional', () => {
    expect(parseW3c('2026-12-01T10:15:00+08:00', 'start')).toBe(Date.parse('2026-12-01T02:15:00Z'));
    expect(parseW3c('2026-12-01T02:15:00Z', 'start')).toBe(Date.parse('2026-12-01T02:15:00Z'));
    expect(parseW3c('2026-12-01T02:15Z', 'start')).toBe(Date.parse('2026-12-01T02:15:00Z'));
    expect(parseW3c('2026-12-01T02:15:00.25Z', 'start')).toBe(Date.parse('2026-12-01T02:15:00.250Z'));
    expect(parseW3c('2026-11-30T21:15:00-05:00', 'start')).toBe(Date.parse('2026-12-01T02:15:00Z'));
  });

  it('takes a space for the "+" a client forgot to encode in a query string', () => {
    expect(parseW3c('2026-12-01T10:15:00 08:00', 'start')).toBe(Date.parse('2026-12-01T02:15:00Z'));
  });

  it('reads a bare date as a Taipei day: its first or its last millisecond', () => {
    expect(parseW3c('2026-12-01', 'start')).toBe(Date.parse('2026-12-01T00:00:00+08:00'));
    expect(parseW3c('2026-12-01', 'end')).toBe(Date.parse('2026-12-02T00:00:00+08:00') - 1);
  });

  it.each(['', 'yesterday', '2026-12-01T10:15:00', '2026-13-01', '2026-02-30', '2026-12-01T24:00:00Z', '2026-12-01T10:60:00Z', '2026-12-01T10:00:00+15:00', '1733000000', '2026-12-01 10:00:00+08:00'])(
    'refuses %j',
    (text) => {
      expect(parseW3c(text, 'start')).toBeUndefined();
    },
  );
});

describe('GET requests.json parameters', () => {
  it('defaults to the last 90 days, every service and status, at most 1000 requests', () => {
    expect(parseRequestsQuery({}, NOW)).toEqual({ kind: 'search', from: new Date(NOW - 90 * DAY), to: new Date(NOW), targets: null, statuses: null, limit: MAX_RESULTS });
    expect(MAX_RESULTS).toBe(1000);
  });

  it('treats empty parameters as not given', () => {
    expect(parseRequestsQuery({ start_date: '', end_date: '', status: '', service_code: '', service_request_id: '' }, NOW)).toEqual(parseRequestsQuery({}, NOW));
  });

  it('with one date takes the 90 days from or up to it', () => {
    const start = Date.parse('2026-06-01T00:00:00+08:00');
    expect(parseRequestsQuery({ start_date: '2026-06-01T00:00:00+08:00' }, NOW)).toMatchObject({ from: new Date(start), to: new Date(start + MAX_SPAN_MS) });
    expect(parseRequestsQuery({ end_date: '2026-06-01T00:00:00+08:00' }, NOW)).toMatchObject({ from: new Date(start - MAX_SPAN_MS), to: new Date(start) });
  });

  it('accepts a span of exactly 90 days and refuses one longer, or one that ends before it starts', () => {
    expect(parseRequestsQuery({ start_date: '2026-09-02T00:00:00+08:00', end_date: '2026-12-01T00:00:00+08:00' }, NOW)).toMatchObject({ kind: 'search' });
    expect(failure(() => parseRequestsQuery({ start_date: '2026-09-01T23:59:59+08:00', end_date: '2026-12-01T00:00:00+08:00' }, NOW))).toEqual({
      status: 400,
      descriptions: ['start_date and end_date may not span more than 90 days.'],
    });
    expect(failure(() => parseRequestsQuery({ start_date: '2026-12-01T00:00:00Z', end_date: '2026-11-30T00:00:00Z' }, NOW))).toEqual({ status: 400, descriptions: ['end_date is before start_date.'] });
  });

  it('names every unparseable date', () => {
    const f = failure(() => parseRequestsQuery({ start_date: 'soon', end_date: '2026-12-01T10:00:00' }, NOW));
    expect(f.status).toBe(400);
    expect(f.descriptions).toHaveLength(2);
    expect(f.descriptions[0]).toMatch(/^start_date/);
    expect(f.descriptions[1]).toMatch(/^end_date/);
  });

  it('reads service codes and statuses as comma lists, given once or repeated', () => {
    const q = parseRequestsQuery({ service_code: ['D01,P01', 'C01'], status: 'open,closed' }, NOW);
    expect(q).toMatchObject({
      targets: [{ service: 'dispatch', item: 'D01' }, { service: 'petition' }, { service: 'consultation' }],
      statuses: ['open', 'in-progress', 'closed'],
    });
    expect(parseRequestsQuery({ status: 'open' }, NOW)).toMatchObject({ statuses: ['open', 'in-progress'] });
    expect(parseRequestsQuery({ status: 'closed' }, NOW)).toMatchObject({ statuses: ['closed'] });
  });

  it('refuses an unknown service code (404) and an unknown status (400)', () => {
    expect(failure(() => parseRequestsQuery({ service_code: 'D01,D99' }, NOW)).status).toBe(404);
    expect(failure(() => parseRequestsQuery({ status: 'in-progress' }, NOW)).status).toBe(400);
  });

  it('lets service_request_id override every other parameter', () => {
    expect(parseRequestsQuery({ service_request_id: '1999-20261201-000002,1999-20261201-000001,1999-20261201-000002', start_date: 'nonsense', status: 'x' }, NOW)).toEqual({
      kind: 'ids',
      numbers: ['1999-20261201-000002', '1999-20261201-000001'],
    });
    expect(failure(() => parseRequestsQuery({ service_request_id: '1999-20261201-1' }, NOW)).status).toBe(400);
  });

  it('serves taipei.gov.tw and refuses another jurisdiction with 404', () => {
    expect(parseRequestsQuery({ jurisdiction_id: 'taipei.gov.tw' }, NOW)).toMatchObject({ kind: 'search' });
    expect(failure(() => parseRequestsQuery({ jurisdiction_id: 'sfgov.org' }, NOW)).status).toBe(404);
  });
});

describe('personName', () => {
  it('writes a Chinese name family name first without a space, others given name first', () => {
    expect(personName('小明', '王')).toBe('王小明');
    expect(personName('John', 'Smith')).toBe('John Smith');
    expect(personName('Mei', '林')).toBe('Mei 林');
    expect(personName(undefined, '王')).toBe('王');
    expect(personName('小明', undefined)).toBe('小明');
    expect(personName(undefined, undefined)).toBeUndefined();
  });
});

describe('POST requests.json', () => {
  const pothole = { service_code: 'D01', 'attribute[district]': 'daan', lat: '25.0330', long: '121.5436', description: '路面有大坑洞', api_key: 'sr_x' };

  it('reads a form-encoded dispatch request (attribute[district]) as a dispatch case', () => {
    expect(parsePostRequest(pothole)).toEqual({
      content: { service: 'dispatch', dispatchItem: 'D01', district: 'daan', lat: 25.033, lng: 121.5436, description: '路面有大坑洞' },
      service: 'dispatch',
      deviceId: null,
      mediaUrl: null,
    });
  });

  it('reads JSON with a nested attribute object, numbers as numbers, and the person', () => {
    const r = parsePostRequest({
      service_code: 'D06',
      attribute: { district: 'xinyi' },
      address_string: '信義路五段7號',
      lat: 25.0339,
      long: 121.5645,
      description: ' 路燈不亮 ',
      first_name: '小明',
      last_name: '王',
      phone: '0912-345-678',
      email: 'ming@example.com',
      device_id: 'dev-1',
      media_url: 'https://example.com/p.jpg',
    });
    expect(r.content).toMatchObject({ dispatchItem: 'D06', district: 'xinyi', address: '信義路五段7號', description: '路燈不亮', callerName: '王小明', callerPhone: '0912-345-678', callerEmail: 'ming@example.com' });
    expect(r).toMatchObject({ deviceId: 'dev-1', mediaUrl: 'https://example.com/p.jpg' });
  });

  it('needs a district for dispatch, a known one', () => {
    const { 'attribute[district]': _district, ...without } = pothole;
    expect(failure(() => parsePostRequest(without))).toEqual({ status: 400, descriptions: [expect.stringMatching(/^attribute\[district\] is required/)] });
    expect(failure(() => parsePostRequest({ ...pothole, 'attribute[district]': 'taichung' })).descriptions).toEqual([expect.stringMatching(/^attribute\[district\] is not a Taipei district/)]);
  });

  it('names every broken rule at once', () => {
    const f = failure(() => parsePostRequest({ service_code: 'D01' }));
    expect(f.status).toBe(400);
    expect(f.descriptions).toEqual([expect.stringMatching(/^attribute\[district\]/), expect.stringMatching(/^A location is required/), 'description is required.']);
  });

  it('refuses coordinates outside Taipei, half a pair, and text that is not a number', () => {
    expect(failure(() => parsePostRequest({ ...pothole, lat: '22.6273', long: '120.3014' })).descriptions).toEqual(['lat and long are outside Taipei City.']);
    const { long: _long, ...halfPair } = pothole;
    expect(failure(() => parsePostRequest(halfPair)).descriptions).toEqual(['lat and long must be given together.', 'A location is required: lat and long, or address_string.']);
    expect(failure(() => parsePostRequest({ ...pothole, lat: '25.03N' }))).toEqual({ status: 400, descriptions: ['lat must be a number in WGS84 degrees.'] });
  });

  it('needs a service code (400), a known one (404), one clients may post (400)', () => {
    expect(failure(() => parsePostRequest({ ...pothole, service_code: undefined })).status).toBe(400);
    expect(failure(() => parsePostRequest({ ...pothole, service_code: 'D99' })).status).toBe(404);
    expect(failure(() => parsePostRequest({ ...pothole, service_code: 'C01' })).descriptions[0]).toMatch(/recorded by 1999 interpreters/);
    expect(failure(() => parsePostRequest({ ...pothole, service_code: 'T01' })).status).toBe(400);
  });

  it('needs a petition’s name and a phone or e-mail', () => {
    const f = failure(() => parsePostRequest({ service_code: 'P01', description: '人行道違停太多' }));
    expect(f.descriptions).toEqual([expect.stringMatching(/^first_name and last_name are required/), 'phone or email is required for a petition.']);
    expect(parsePostRequest({ service_code: 'P01', description: '人行道違停太多', first_name: '小明', last_name: '王', email: 'ming@example.com' }).content).toMatchObject({
      service: 'petition',
      callerName: '王小明',
    });
  });

  it('refuses attributes the service does not define, repeated values, bad media URLs, another jurisdiction', () => {
    expect(failure(() => parsePostRequest({ ...pothole, 'attribute[colour]': 'red' })).descriptions[0]).toMatch(/^attribute\[colour\] is not an attribute of service D01/);
    expect(failure(() => parsePostRequest({ ...pothole, description: ['a', 'b'] })).descriptions).toEqual(['description was given more than once.']);
    expect(failure(() => parsePostRequest({ ...pothole, media_url: 'javascript:alert(1)' })).status).toBe(400);
    expect(failure(() => parsePostRequest({ ...pothole, jurisdiction_id: 'city.gov' })).status).toBe(404);
    expect(parsePostRequest({ ...pothole, jurisdiction_id: 'taipei.gov.tw' }).service).toBe('dispatch');
  });

  it('does not take address_id alone as a location', () => {
    const { lat: _lat, long: _long, ...noPlace } = pothole;
    expect(failure(() => parsePostRequest({ ...noPlace, address_id: '545483' })).descriptions[0]).toMatch(/^address_id is not used/);
  });

  it('has words for every case rule, each naming what to fix', () => {
    for (const rule of CASE_RULES) expect(problemDescription({ field: 'description', rule }).length).toBeGreaterThan(10);
  });
});

describe('a case as a service request', () => {
  const row: Open311CaseRow = {
    number: '1999-20261201-000007',
    service: 'dispatch',
    dispatchItem: 'D01',
    district: 'daan',
    address: '忠孝東路四段1號',
    lat: 25.0416,
    lng: 121.5438,
    description: '坑洞約 30 公分',
    agency: null,
    status: 'in-progress',
    statusNote: '已派工',
    mediaUrl: 'https://example.com/a.jpg',
    createdAt: new Date('2026-12-01T02:15:00Z'),
    updatedAt: new Date('2026-12-01T03:00:00Z'),
  };

  it('gives every field of the spec; in-progress is Open311 open', () => {
    expect(toServiceRequest(row)).toEqual({
      service_request_id: '1999-20261201-000007',
      status: 'open',
      status_notes: '已派工',
      service_name: '市區道路坑洞處理',
      service_code: 'D01',
      description: '坑洞約 30 公分',
      agency_responsible: null,
      service_notice: expect.stringContaining('派工案件已受理'),
      requested_datetime: '2026-12-01T10:15:00+08:00',
      updated_datetime: '2026-12-01T11:00:00+08:00',
      expected_datetime: null,
      address: '忠孝東路四段1號, 大安區, 臺北市',
      address_id: null,
      zipcode: '106',
      lat: 25.0416,
      long: 121.5438,
      media_url: 'https://example.com/a.jpg',
    });
    expect(toServiceRequest({ ...row, status: 'open' }).status).toBe('open');
    expect(toServiceRequest({ ...row, status: 'closed' }).status).toBe('closed');
  });

  it('keeps a petition’s or consultation’s text and place out, but shows its service and district zipcode', () => {
    for (const service of ['petition', 'consultation'] as const) {
      const r = toServiceRequest({ ...row, service, dispatchItem: null });
      expect(r).toMatchObject({ description: null, address: null, lat: null, long: null, media_url: null, zipcode: '106', service_code: service === 'petition' ? 'P01' : 'C01' });
    }
  });

  it('shows the agency a transfer went to', () => {
    expect(toServiceRequest({ ...row, service: 'transfer', dispatchItem: null, district: null, agency: '臺北市政府社會局' })).toMatchObject({
      service_code: 'T01',
      agency_responsible: '臺北市政府社會局',
      zipcode: null,
    });
  });

  it('names the district when a dispatch case has only coordinates', () => {
    expect(toServiceRequest({ ...row, address: null }).address).toBe('大安區, 臺北市');
  });
});
