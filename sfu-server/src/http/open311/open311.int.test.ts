/**
 * Open311 GeoReport v2 conformance of the city API, against the real server and database: every endpoint,
 * the spec's field names and types, W3C datetimes, the 90-day window and 1000-request limit of
 * GET requests.json, the error shape and statuses, and that no GET ever carries a person's name, phone or
 * e-mail. Cases are seeded straight into the database (some older than 90 days) or filed by POST.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_NUMBER_PATTERN, DISPATCH_ITEMS, DISTRICTS } from '@sign-relay/shared';
import { call, city, DAY, expectError, expectServiceRequest, get, numberOf, PERSONAL, PETITION_TEXT, pool, postKey, pothole, readOnlyKey, revokedKey, seedCase, startCityApi, stopCityApi, taipeiDay, V2, w3c } from '../../testing/open311TestKit.ts';

beforeAll(startCityApi);
afterAll(stopCityApi);

describe('service discovery and services', () => {
  it('GET discovery.json names the GeoReport v2 endpoint, its JSON format and where keys come from', async () => {
    const a = await get(`${V2}/discovery.json`);
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const d = a.json as Record<string, unknown>;
    expect(Object.keys(d).sort()).toEqual(['changeset', 'contact', 'endpoints', 'key_service']);
    for (const f of ['changeset', 'contact', 'key_service'] as const) expect(typeof d[f]).toBe('string');
    expect(d.endpoints).toEqual([
      { specification: 'http://wiki.open311.org/GeoReport_v2', url: expect.stringMatching(/\/open311\/v2$/), changeset: d.changeset, type: 'production', formats: ['application/json'] },
    ]);
  });

  it('GET services.json lists D01–D22 (派工 dispatch), P01, and C01/T01 as blackbox, with every field typed', async () => {
    const a = await get(`${V2}/services.json`);
    expect(a.status).toBe(200);
    const services = a.json as Record<string, unknown>[];
    expect(services.map((s) => s.service_code)).toEqual([...DISPATCH_ITEMS.map((i) => i.code), 'P01', 'C01', 'T01']);
    for (const s of services) {
      expect(Object.keys(s).sort()).toEqual(['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
      for (const f of ['service_code', 'service_name', 'description', 'keywords', 'group'] as const) expect(typeof s[f]).toBe('string');
      expect(typeof s.metadata).toBe('boolean');
      expect(['realtime', 'batch', 'blackbox']).toContain(s.type);
    }
    expect(services.filter((s) => s.group === '派工 dispatch')).toHaveLength(22);
    expect(services.filter((s) => s.type === 'blackbox').map((s) => s.service_code)).toEqual(['C01', 'T01']);
  });

  it('GET services/{code}.json defines every listed service; dispatch needs district from the 12 districts', async () => {
    const listed = (await get(`${V2}/services.json`)).json as { service_code: string; metadata: boolean }[];
    for (const s of listed) {
      const a = await get(`${V2}/services/${s.service_code}.json`);
      expect(a.status, s.service_code).toBe(200);
      const def = a.json as { service_code: string; attributes: Record<string, unknown>[] };
      expect(Object.keys(def).sort()).toEqual(['attributes', 'service_code']);
      expect(def.service_code).toBe(s.service_code);
      expect(def.attributes.length > 0).toBe(s.metadata);
      for (const attr of def.attributes) {
        expect(Object.keys(attr).sort()).toEqual(['code', 'datatype', 'datatype_description', 'description', 'order', 'required', 'values', 'variable']);
        expect(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']).toContain(attr.datatype);
      }
    }
    const d01 = (await get(`${V2}/services/D01.json`)).json as { attributes: { code: string; datatype: string; required: boolean; order: number; values: { key: string; name: string }[] }[] };
    expect(d01.attributes).toHaveLength(1);
    expect(d01.attributes[0]).toMatchObject({ code: 'district', datatype: 'singlevaluelist', required: true, order: 1, variable: true });
    expect(d01.attributes[0]!.values).toEqual(DISTRICTS.map((x) => ({ key: x.code, name: `${x.zh} ${x.en}` })));
  });

  it('answers an unknown service code with 404, another jurisdiction with 404, XML and unknown paths with 404', async () => {
    expectError(await get(`${V2}/services/D99.json`), 404, /D99/);
    expect((await get(`${V2}/services.json?jurisdiction_id=taipei.gov.tw`)).status).toBe(200);
    expectError(await get(`${V2}/services.json?jurisdiction_id=sfgov.org`), 404, /jurisdiction_id/);
    expectError(await get(`${V2}/services.xml`), 404, /JSON/);
    expectError(await get(`${V2}/nothing-here.json`), 404);
  });
});

describe('POST requests.json', () => {
  it('refuses a missing, unknown or revoked key, and a key that may not post, with 403', async () => {
    expectError(await call('POST', `${V2}/requests.json`, { form: pothole() }), 403, /api_key is required/);
    expectError(await call('POST', `${V2}/requests.json`, { form: { ...pothole(), api_key: 'sr_not-a-key' } }), 403, /not valid or has been revoked/);
    expectError(await call('POST', `${V2}/requests.json`, { form: { ...pothole(), api_key: revokedKey } }), 403, /not valid or has been revoked/);
    expectError(await call('POST', `${V2}/requests.json`, { form: { ...pothole(), api_key: readOnlyKey } }), 403, /may not post/);
  });

  it('answers 400 for a missing district, bad coordinates, a service interpreters record; 404 for an unknown service', async () => {
    const { 'attribute[district]': _d, ...noDistrict } = pothole();
    expectError(await call('POST', `${V2}/requests.json`, { form: { ...noDistrict, api_key: postKey } }), 400, /attribute\[district\] is required/);
    expectError(await call('POST', `${V2}/requests.json`, { form: { ...pothole({ lat: '25.0330', long: '119.9000' }), api_key: postKey } }), 400, /outside Taipei/);
    expectError(await call('POST', `${V2}/requests.json`, { form: { ...pothole({ lat: 'north' }), api_key: postKey } }), 400, /lat must be a number/);
    expectError(await call('POST', `${V2}/requests.json`, { form: { ...pothole({ service_code: 'C01' }), api_key: postKey } }), 400, /interpreters/);
    expectError(await call('POST', `${V2}/requests.json`, { form: { ...pothole({ service_code: 'Z99' }), api_key: postKey } }), 404, /Z99/);
    expectError(await call('POST', `${V2}/requests.json`, { form: { ...pothole({ service_code: '' }), api_key: postKey } }), 400, /service_code is required/);
    expectError(await call('POST', `${V2}/requests.json`, { form: { ...pothole(), api_key: postKey, jurisdiction_id: 'nyc.gov' } }), 404);
  });

  it('answers a malformed JSON body in the Open311 shape', async () => {
    const res = await fetch(`${city.base}${V2}/requests.json`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': postKey }, body: '{"service_code": "D01",' });
    const text = await res.text();
    expectError({ status: res.status, text, json: JSON.parse(text), headers: res.headers }, 400);
  });

  it('files a form-encoded request as a case: [{service_request_id, service_notice, account_id}]', async () => {
    const a = await call('POST', `${V2}/requests.json`, { form: { ...pothole(), api_key: postKey, device_id: 'ios-123', media_url: 'https://example.org/p/1.jpg' } });
    expect(a.status, a.text).toBe(201);
    expect(a.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const [r, ...rest] = a.json as Record<string, unknown>[];
    expect(rest).toEqual([]);
    expect(Object.keys(r!).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
    expect(r!.service_request_id).toMatch(CASE_NUMBER_PATTERN);
    expect(typeof r!.service_notice).toBe('string');
    expect(r!.account_id).toBeNull();
    const row = await pool.query(`SELECT source, service, dispatch_item, district, api_key_id, device_id, media_url FROM cases WHERE number = $1`, [r!.service_request_id]);
    expect(row.rows[0]).toMatchObject({ source: 'open311', service: 'dispatch', dispatch_item: 'D01', district: 'daan', device_id: 'ios-123', media_url: 'https://example.org/p/1.jpg' });
    const audit = await pool.query(`SELECT actor_kind, actor_name FROM audit_log WHERE action = 'case.file' AND details->>'number' = $1`, [r!.service_request_id]);
    expect(audit.rows).toEqual([{ actor_kind: 'api', actor_name: '臺北市 1999 派工系統' }]);
  });

  it('files a JSON request with the key in a header, and the person never appears in any GET', async () => {
    const a = await call('POST', `${V2}/requests.json`, {
      json: { ...pothole({ service_code: 'D06', description: '路燈整排不亮' }), attribute: { district: 'daan' }, first_name: PERSONAL.first, last_name: PERSONAL.last, phone: PERSONAL.phone, email: PERSONAL.email },
      headers: { authorization: `Bearer ${postKey}` },
    });
    expect(a.status, a.text).toBe(201);
    const id = (a.json as { service_request_id: string }[])[0]!.service_request_id;
    const stored = await pool.query(`SELECT caller_name, caller_phone, caller_email FROM cases WHERE number = $1`, [id]);
    expect(stored.rows[0]).toEqual({ caller_name: PERSONAL.fullName, caller_phone: PERSONAL.phone, caller_email: PERSONAL.email });

    const list = await get(`${V2}/requests.json`);
    const one = await get(`${V2}/requests/${id}.json`);
    const byId = await get(`${V2}/requests.json?service_request_id=${id}`);
    expect((list.json as { service_request_id: string }[]).map((r) => r.service_request_id)).toContain(id);
    expect((one.json as unknown[]).length).toBe(1);
    expect((byId.json as { service_request_id: string }[]).map((r) => r.service_request_id)).toEqual([id]);
    for (const answer of [list, one, byId]) {
      for (const value of [PERSONAL.first, PERSONAL.last, PERSONAL.fullName, PERSONAL.phone, PERSONAL.email, 'first_name', 'last_name', 'phone', 'email']) {
        expect(answer.text).not.toContain(value);
      }
    }
    expect((one.json as Record<string, unknown>[])[0]).toMatchObject({ service_code: 'D06', description: '路燈整排不亮', status: 'open', zipcode: '106', lat: 25.0375, long: 121.55 });
  });

  it('files one case for a POST sent again with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'dispatch-system-req-8841', 'x-api-key': postKey };
    const form = pothole({ service_code: 'D13', description: '積水到腳踝（重送測試）' });
    const first = await call('POST', `${V2}/requests.json`, { form, headers });
    const again = await call('POST', `${V2}/requests.json`, { form, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    const n = await pool.query(`SELECT count(*)::int AS n FROM cases WHERE description = $1`, ['積水到腳踝（重送測試）']);
    expect(n.rows[0].n).toBe(1);
    const other = await call('POST', `${V2}/requests.json`, { form, headers: { ...headers, 'idempotency-key': 'dispatch-system-req-8842' } });
    expect((other.json as { service_request_id: string }[])[0]!.service_request_id).not.toBe((first.json as { service_request_id: string }[])[0]!.service_request_id);
  });

  it('files a petition with its person, and GETs show neither the person nor the text', async () => {
    const a = await call('POST', `${V2}/requests.json`, {
      form: { service_code: 'P01', 'attribute[district]': 'songshan', description: PETITION_TEXT, first_name: PERSONAL.first, last_name: PERSONAL.last, email: PERSONAL.email, api_key: postKey },
    });
    expect(a.status, a.text).toBe(201);
    const id = (a.json as { service_request_id: string }[])[0]!.service_request_id;
    const one = await get(`${V2}/requests/${id}.json`);
    expect((one.json as Record<string, unknown>[])[0]).toMatchObject({ service_code: 'P01', description: null, address: null, zipcode: '105' });
    for (const value of [PETITION_TEXT, PERSONAL.fullName, PERSONAL.email]) expect(one.text).not.toContain(value);
    expectError(await call('POST', `${V2}/requests.json`, { form: { service_code: 'P01', description: '匿名陳情', api_key: postKey } }), 400, /first_name and last_name are required/);
  });
});

describe('GET requests.json and requests/{id}.json', () => {
  let old89: string;
  let old100: string;
  let old200: string;
  let seededPetition: string;

  beforeAll(async () => {
    old89 = await seedCase(89, 1, { service: 'dispatch', item: 'D01', district: 'neihu', description: '89 天前' });
    old100 = await seedCase(100, 1, { service: 'dispatch', item: 'D01', district: 'neihu', description: '100 天前' });
    old200 = await seedCase(200, 1, { service: 'dispatch', item: 'D01', district: 'neihu', description: '200 天前' });
    seededPetition = await seedCase(5, 1, { service: 'petition', district: 'wenshan', description: PETITION_TEXT, name: PERSONAL.seedName, phone: PERSONAL.seedPhone, email: PERSONAL.seedEmail });
    await seedCase(5, 2, { service: 'dispatch', item: 'D22', district: 'wenshan', description: '受傷的貓', name: PERSONAL.seedName, phone: PERSONAL.seedPhone, status: 'in-progress' });
    await seedCase(5, 3, { service: 'consultation', description: '問育兒津貼', name: PERSONAL.seedName, status: 'closed' });
    // 1001 dispatch cases ten days ago: more than one answer may hold.
    const at = Date.now() - 10 * DAY;
    await pool.query(
      `INSERT INTO cases (id, number, day, seq, service, dispatch_item, district, address, description, status, source, client_key, created_at, updated_at)
       SELECT gen_random_uuid(), $1 || lpad(g::text, 6, '0'), $2::date, g, 'dispatch', 'D05', 'wanhua', '西園路二段', '路面油漬', 'open', 'call', 'bulk-' || g, $3::timestamptz + g * interval '1 second', $3::timestamptz + g * interval '1 second'
       FROM generate_series(1, 1001) g`,
      [numberOf(at, 0).slice(0, -6), taipeiDay(at), new Date(at)],
    );
  });

  it('answers every request with every field of the spec, Taipei W3C datetimes, newest first, at most 1000', async () => {
    const a = await get(`${V2}/requests.json`);
    expect(a.status).toBe(200);
    const rows = a.json as Record<string, unknown>[];
    expect(rows).toHaveLength(1000);
    for (const r of rows) expectServiceRequest(r);
    const times = rows.map((r) => Date.parse(String(r.requested_datetime)));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    const codes = new Set(((await get(`${V2}/services.json`)).json as { service_code: string }[]).map((s) => s.service_code));
    for (const r of rows) expect(codes.has(String(r.service_code))).toBe(true);
  });

  it('defaults to the last 90 days', async () => {
    const ids = ((await get(`${V2}/requests.json?service_code=D01`)).json as { service_request_id: string }[]).map((r) => r.service_request_id);
    expect(ids).toContain(old89);
    expect(ids).not.toContain(old100);
    expect(ids).not.toContain(old200);
  });

  it('filters by start_date and end_date (W3C, within 90 days), service_code and status', async () => {
    const from = w3c(Date.now() - 120 * DAY);
    const to = w3c(Date.now() - 95 * DAY);
    const a = await get(`${V2}/requests.json?start_date=${encodeURIComponent(from)}&end_date=${encodeURIComponent(to)}`);
    expect((a.json as { service_request_id: string }[]).map((r) => r.service_request_id)).toEqual([old100]);
    const onlyEnd = await get(`${V2}/requests.json?service_code=D01&end_date=${encodeURIComponent(w3c(Date.now() - 95 * DAY))}`);
    expect((onlyEnd.json as { service_request_id: string }[]).map((r) => r.service_request_id)).toEqual([old100]);

    const d22 = (await get(`${V2}/requests.json?service_code=D22,P01`)).json as { service_code: string; status: string }[];
    expect(new Set(d22.map((r) => r.service_code))).toEqual(new Set(['D22', 'P01']));
    const open = (await get(`${V2}/requests.json?service_code=D22&status=open`)).json as { status: string }[];
    expect(open.map((r) => r.status)).toEqual(['open']); // in-progress is Open311 open
    expect(((await get(`${V2}/requests.json?service_code=D22&status=closed`)).json as unknown[]).length).toBe(0);
    const consult = (await get(`${V2}/requests.json?service_code=C01&status=closed`)).json as Record<string, unknown>[];
    expect(consult).toHaveLength(1);
    expect(consult[0]).toMatchObject({ service_code: 'C01', service_name: '市政諮詢', description: null, status: 'closed' });
  });

  it('lets service_request_id override the dates: a case older than 90 days by its id', async () => {
    const a = await get(`${V2}/requests.json?service_request_id=${old200},${old89}&start_date=2020-01-01T00:00:00Z`);
    expect((a.json as { service_request_id: string }[]).map((r) => r.service_request_id)).toEqual([old89, old200]);
  });

  it('refuses bad dates with 400: unparseable, without an offset, end before start, a span over 90 days', async () => {
    expectError(await get(`${V2}/requests.json?start_date=yesterday`), 400, /start_date/);
    expectError(await get(`${V2}/requests.json?end_date=2026-12-01T10:00:00`), 400, /end_date/);
    expectError(await get(`${V2}/requests.json?start_date=2026-12-01T00:00:00Z&end_date=2026-11-01T00:00:00Z`), 400, /before start_date/);
    expectError(await get(`${V2}/requests.json?start_date=2026-01-01T00:00:00%2B08:00&end_date=2026-06-01T00:00:00%2B08:00`), 400, /90 days/);
    expectError(await get(`${V2}/requests.json?status=pending`), 400, /status/);
    expectError(await get(`${V2}/requests.json?service_code=D77`), 404, /D77/);
    expectError(await get(`${V2}/requests.json?jurisdiction_id=example.com`), 404);
  });

  it('GET requests/{id}.json answers an array of one, and 404 for an unknown or malformed id', async () => {
    const a = await get(`${V2}/requests/${old89}.json`);
    expect(a.status).toBe(200);
    const rows = a.json as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expectServiceRequest(rows[0]!);
    expect(rows[0]).toMatchObject({ service_request_id: old89, service_code: 'D01', description: '89 天前', zipcode: '114' });
    expectError(await get(`${V2}/requests/1999-20000101-000001.json`), 404, /not found/);
    expectError(await get(`${V2}/requests/12345.json`), 404);
  });

  it('never shows seeded personal data or a petition’s text in any GET', async () => {
    const answers = [
      await get(`${V2}/requests.json?service_code=P01,D22,C01`),
      await get(`${V2}/requests.json?service_request_id=${seededPetition}`),
      await get(`${V2}/requests/${seededPetition}.json`),
    ];
    for (const a of answers) {
      expect(a.status).toBe(200);
      for (const value of [PERSONAL.seedName, PERSONAL.seedPhone, PERSONAL.seedEmail, PETITION_TEXT, '問育兒津貼']) expect(a.text).not.toContain(value);
    }
  });
});
