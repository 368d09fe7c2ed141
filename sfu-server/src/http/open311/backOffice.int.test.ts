/**
 * The city's back office moving cases on by API key, against the real server and database: who may, what it
 * needs, and what Open311, the caller's notifications and the audit log show of it afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectServiceRequest, get, PERSONAL, pool, postKey, pothole, revokedKey, startCityApi, statusKey, stopCityApi, V2, w3c } from '../../testing/open311TestKit.ts';

beforeAll(startCityApi);
afterAll(stopCityApi);

describe('the back office', () => {
  let filed: string;

  beforeAll(async () => {
    const a = await call('POST', `${V2}/requests.json`, { form: { ...pothole({ service_code: 'D18', description: '號誌全暗' }), phone: PERSONAL.phone, first_name: PERSONAL.first, last_name: PERSONAL.last, api_key: postKey } });
    filed = (a.json as { service_request_id: string }[])[0]!.service_request_id;
  });

  const status = (ref: string, body: unknown, key?: string) =>
    call('POST', `/api/backoffice/cases/${ref}/status`, { json: body, ...(key ? { headers: { 'x-api-key': key } } : {}) });

  it('needs a key (401), one that may update statuses (403), a known case (404), a note to close (422)', async () => {
    expect((await status(filed, { status: 'in-progress' })).status).toBe(401);
    expect((await status(filed, { status: 'in-progress' }, postKey)).status).toBe(403);
    expect((await status(filed, { status: 'in-progress' }, revokedKey)).status).toBe(403);
    expect((await status('1999-20000101-000009', { status: 'in-progress' }, statusKey)).status).toBe(404);
    const noNote = await status(filed, { status: 'closed' }, statusKey);
    expect(noNote.status).toBe(422);
    expect(noNote.json).toMatchObject({ error: { code: 'CASE_INCOMPLETE' } });
  });

  it('moves a case on by its number or its id; Open311 shows the status, status_notes and updated_datetime', async () => {
    const progress = await status(filed, { status: 'in-progress', publicNote: '已通知交通局 Traffic office notified' }, statusKey);
    expect(progress.status, progress.text).toBe(200);
    const { id } = progress.json as { id: string; number: string; status: string };
    expect(progress.json).toEqual({ id, number: filed, status: 'in-progress' });
    let r = ((await get(`${V2}/requests/${filed}.json`)).json as Record<string, unknown>[])[0]!;
    expect(r).toMatchObject({ status: 'open', status_notes: '已通知交通局 Traffic office notified' });

    await new Promise((resolve) => setTimeout(resolve, 1100)); // updated_datetime is to the second
    const closed = await status(id, { status: 'closed', note: '號誌控制器已更換', publicNote: '已修復 Repaired' }, statusKey);
    expect(closed.status, closed.text).toBe(200);
    expect(closed.json).toEqual({ id, number: filed, status: 'closed' });
    r = ((await get(`${V2}/requests/${filed}.json`)).json as Record<string, unknown>[])[0]!;
    expectServiceRequest(r);
    expect(r).toMatchObject({ status: 'closed', status_notes: '已修復 Repaired' });
    const db = await pool.query<{ updated_at: Date; closed_at: Date }>(`SELECT updated_at, closed_at FROM cases WHERE id = $1`, [id]);
    expect(r.updated_datetime).toBe(w3c(db.rows[0]!.updated_at.getTime()));
    expect(Date.parse(String(r.updated_datetime))).toBeGreaterThan(Date.parse(String(r.requested_datetime)));
    const closedList = (await get(`${V2}/requests.json?status=closed&service_code=D18`)).json as { service_request_id: string }[];
    expect(closedList.map((x) => x.service_request_id)).toContain(filed);

    // The caller hears of it (SMS to the phone the request gave), and the change is audited as the key's.
    const outbox = await pool.query(`SELECT kind, channel FROM notification_outbox WHERE case_id = $1 ORDER BY created_at`, [id]);
    expect(outbox.rows).toEqual([
      { kind: 'case-filed', channel: 'sms' },
      { kind: 'case-status', channel: 'sms' },
      { kind: 'case-closed', channel: 'sms' },
    ]);
    const audit = await pool.query(`SELECT actor_kind, actor_name FROM audit_log WHERE action = 'case.status' AND case_id = $1`, [id]);
    expect(audit.rows).toEqual([
      { actor_kind: 'api', actor_name: '工務局後台 back office' },
      { actor_kind: 'api', actor_name: '工務局後台 back office' },
    ]);
  });
});
