import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLBACK_REFERENCE_PATTERN, type CallbackItem, type CallbackPage, type CallbackReceipt, type CaseRef } from '@sign-relay/shared';
import { freshDatabase, type FreshDatabase } from '../testing/freshDatabase.ts';
import { CallbackService } from '../callbacks/CallbackService.ts';
import { createLogger } from '../logger.ts';
import { connectClient, ok, request, startTestServer, type TestServer, type TestSocket } from '../testing/harness.ts';
import { asGuestId } from '@sign-relay/shared/testing/ids.ts';

/** The Taipei day of now, as the reference shows it (`MMDD`). */
const taipeiMmdd = (at = Date.now()): string => new Date(at + 8 * 3600_000).toISOString().slice(5, 10).replace('-', '');
const seqOf = (reference: string): number => Number(reference.split('-')[2]);

describe('call-back requests over HTTP and Postgres', () => {
  let db: FreshDatabase;
  let server: TestServer;
  const sockets: TestSocket[] = [];
  let guest: string;
  let kioskGuest: string;
  let interp1: Awaited<ReturnType<TestServer['staff']>>;
  let interp2: Awaited<ReturnType<TestServer['staff']>>;
  let supervisor: Awaited<ReturnType<TestServer['staff']>>;
  let admin: Awaited<ReturnType<TestServer['staff']>>;

  /** One request; `from` is the client's address as the trusted proxy in front names it (X-Forwarded-For). */
  const call = async (method: string, path: string, token: string | undefined, body?: unknown, from?: string) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(from ? { 'x-forwarded-for': from } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown> & { error?: { code: string } }) : null };
  };
  /** A request left by a caller: by default a new one each time (a caller may leave 3 a day). */
  const create = async (body: unknown, token?: string, from?: string) => call('POST', '/api/callbacks', token ?? (await server.guestToken()).token, body, from);
  const openPage = async (token: string, query = '') => (await call('GET', `/api/callbacks${query}`, token)).body as unknown as CallbackPage;
  const openList = async (token: string) => (await openPage(token, '?pageSize=100')).items;
  const count = async () => Number((await db.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM callback_requests')).rows[0]!.n);
  const audit = async (id: string) =>
    (await db.db.pool.query<{ action: string; actor_name: string }>(`SELECT action, actor_name FROM audit_log WHERE details->>'callbackId' = $1 ORDER BY id`, [id])).rows;

  beforeAll(async () => {
    db = await freshDatabase();
    // Behind one trusted proxy, as deployed: the limits per address are tested with addresses of their own.
    server = await startTestServer({ databaseUrl: db.url, env: { TRUST_PROXY: '1' } });
    guest = (await server.guestToken('web')).token;
    kioskGuest = (await server.guestToken('kiosk', 'DA-01')).token;
    interp1 = await server.staff('interpreter', { name: '林翻譯' });
    interp2 = await server.staff('interpreter', { name: '王翻譯' });
    supervisor = await server.staff('supervisor', { name: '張督導' });
    admin = await server.staff('admin');
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.close();
    await db?.drop();
  });

  it('takes a request by text message, e-mail or video call back, each with a reference the caller is shown', async () => {
    const sms = await create({ method: 'sms', name: '陳小明', phone: '0912-345-678', topic: 'dispatch', note: '家門口路燈不亮' });
    const email = await create({ method: 'email', name: '林小姐', email: 'lin@example.tw' });
    const videoPhone = await create({ method: 'video', name: '黃先生', phone: '0922 333 444' });
    const videoMail = await create({ method: 'video', name: 'Mr. Wu', email: 'wu@example.tw' }, kioskGuest);
    // An older client sends no method: a phone number is read as a text message.
    const legacy = await create({ name: '李小姐', phone: '0933111222' });
    for (const r of [sms, email, videoPhone, videoMail, legacy]) {
      expect(r.status).toBe(201);
      expect((r.body as unknown as CallbackReceipt).reference).toMatch(CALLBACK_REFERENCE_PATTERN);
    }
    expect([sms, email, videoPhone, videoMail, legacy].map((r) => (r.body as unknown as CallbackReceipt).method)).toEqual(['sms', 'email', 'video', 'video', 'sms']);
    const stored = await db.db.pool.query<{ contact_method: string; phone: string | null; email: string | null; channel: string; kiosk_id: string | null; reference: string }>(
      'SELECT contact_method, phone, email, channel, kiosk_id, reference FROM callback_requests ORDER BY seq',
    );
    expect(stored.rows.map((r) => [r.contact_method, r.phone, r.email, r.channel, r.kiosk_id])).toEqual([
      ['sms', '0912-345-678', null, 'web', null],
      ['email', null, 'lin@example.tw', 'web', null],
      ['video', '0922 333 444', null, 'web', null],
      ['video', null, 'wu@example.tw', 'kiosk', 'DA-01'],
      ['sms', '0933111222', null, 'web', null],
    ]);
    const receipt = sms.body as unknown as CallbackReceipt;
    expect(await audit(receipt.id)).toEqual([{ action: 'callback.create', actor_name: 'caller' }]);
  });

  it('refuses a request that does not say how to reach the caller, with a code, storing nothing', async () => {
    const before = await count();
    const bad = [
      { method: 'sms', name: '陳小明', email: 'chen@example.tw' },
      { method: 'email', name: '陳小明', phone: '0912345678' },
      { method: 'video', name: '陳小明' },
      { method: 'fax', name: '陳小明', phone: '0912345678' },
      { method: 'sms', name: '陳小明', phone: 'call me' },
      { method: 'email', name: '陳小明', email: 'not-an-address' },
      { method: 'sms', name: '   ', phone: '0912345678' },
      { method: 'sms', name: '陳小明', phone: '0912345678', note: 'x'.repeat(501) },
      { method: 'sms', name: '陳小明', phone: '0912345678', admin: true },
      { name: '陳小明' },
    ];
    for (const body of bad) {
      const r = await create(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body?.error?.code).toBe('BAD_REQUEST');
    }
    expect(await count()).toBe(before);
  });

  it('checks roles on every route', async () => {
    const anyId = (await openList(supervisor.token))[0]!.id;
    expect((await create({ method: 'sms', name: '陳小明', phone: '0912345678' }, interp1.token)).status).toBe(403);
    expect((await call('POST', '/api/callbacks', undefined, { method: 'sms', name: '陳小明', phone: '0912345678' })).status).toBe(401);
    expect((await call('GET', '/api/callbacks', guest)).body?.error?.code).toBe('FORBIDDEN');
    expect((await call('GET', '/api/callbacks', undefined)).status).toBe(401);
    expect((await call('GET', '/api/callbacks/closed', guest)).status).toBe(403);
    for (const action of ['claim', 'release', 'close']) {
      const body = action === 'close' ? { outcome: 'reached' } : undefined;
      for (const token of [guest, admin.token]) {
        const r = await call('POST', `/api/callbacks/${anyId}/${action}`, token, body);
        expect(r.status, `${action}`).toBe(403);
        expect(r.body?.error?.code).toBe('FORBIDDEN');
      }
      expect((await call('POST', `/api/callbacks/${anyId}/${action}`, undefined, body)).status).toBe(401);
    }
    for (const token of [interp1.token, supervisor.token, admin.token]) expect((await call('GET', '/api/callbacks', token)).status).toBe(200);
    expect(await audit(anyId)).toEqual([{ action: 'callback.create', actor_name: 'caller' }]);
  });

  it('lists open requests newest first, the contact masked until someone takes the request', async () => {
    const list = await openList(interp1.token);
    expect(list.length).toBeGreaterThanOrEqual(5);
    expect(list.map((i) => i.createdAt)).toEqual([...list.map((i) => i.createdAt)].sort((a, b) => b - a));
    const chen = list.find((i) => i.name === '陳小明')!;
    expect(chen).toMatchObject({ method: 'sms', phone: '0912-•••-678', masked: true, topic: 'dispatch', note: '家門口路燈不亮', claimedBy: null });
    expect((await openList(supervisor.token)).find((i) => i.id === chen.id)).toMatchObject({ phone: '0912-345-678', masked: false });
  });

  it('lets exactly one of two interpreters claim a request; the other sees who has it', async () => {
    const { id } = (await create({ method: 'video', name: '搶先生', phone: '0955666777' })).body as unknown as CallbackReceipt;
    const [a, b] = await Promise.all([call('POST', `/api/callbacks/${id}/claim`, interp1.token), call('POST', `/api/callbacks/${id}/claim`, interp2.token)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body?.error?.code).toBe('CONFLICT');
    const winner = a.status === 200 ? interp1 : interp2;
    const other = winner === interp1 ? interp2 : interp1;
    const row = await db.db.pool.query<{ claimed_by: string }>('SELECT claimed_by FROM callback_requests WHERE id = $1', [id]);
    expect(row.rows[0]!.claimed_by).toBe(winner.userId);
    const mine = (await openList(winner.token)).find((i) => i.id === id)!;
    expect(mine).toMatchObject({ phone: '0955666777', masked: false, claimedBy: { id: winner.userId } });
    const theirs = (await openList(other.token)).find((i) => i.id === id)!;
    expect(theirs).toMatchObject({ phone: '0955•••777', masked: true, claimedBy: { id: winner.userId, name: winner === interp1 ? '林翻譯' : '王翻譯' } });
    // A claim again by its holder is a CONFLICT too (nothing changes).
    expect((await call('POST', `/api/callbacks/${id}/claim`, winner.token)).body?.error?.code).toBe('CONFLICT');

    // Only the holder or a supervisor gives it back or closes it.
    expect((await call('POST', `/api/callbacks/${id}/release`, other.token)).body?.error?.code).toBe('FORBIDDEN');
    expect((await call('POST', `/api/callbacks/${id}/close`, other.token, { outcome: 'reached' })).body?.error?.code).toBe('FORBIDDEN');
    expect((await call('POST', `/api/callbacks/${id}/release`, winner.token)).status).toBe(200);
    expect((await call('POST', `/api/callbacks/${id}/release`, winner.token)).body?.error?.code).toBe('CONFLICT');
    expect((await call('POST', `/api/callbacks/${id}/claim`, other.token)).status).toBe(200);
    const released = await call('POST', `/api/callbacks/${id}/release`, supervisor.token);
    expect(released.status).toBe(200);
    expect((released.body as unknown as CallbackItem).claimedBy).toBeNull();
    expect((await audit(id)).map((e) => e.action)).toEqual(['callback.create', 'callback.claim', 'callback.release', 'callback.claim', 'callback.release']);
  });

  it('closes a request only with an outcome; it leaves the open list for the recently closed', async () => {
    const { id, reference } = (await create({ method: 'email', name: '結案測試', email: 'close@example.tw' })).body as unknown as CallbackReceipt;
    // An interpreter takes it before closing it.
    expect((await call('POST', `/api/callbacks/${id}/close`, interp1.token, { outcome: 'reached' })).body?.error?.code).toBe('CONFLICT');
    expect((await call('POST', `/api/callbacks/${id}/claim`, interp1.token)).status).toBe(200);
    for (const body of [{}, { outcome: 'done' }, { outcome: 'case-filed' }, { note: 'no outcome' }, { outcome: 'reached', note: 'x'.repeat(501) }]) {
      const r = await call('POST', `/api/callbacks/${id}/close`, interp1.token, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body?.error?.code).toBe('BAD_REQUEST');
    }
    expect((await db.db.pool.query('SELECT 1 FROM callback_requests WHERE id = $1 AND done_at IS NULL', [id])).rowCount).toBe(1);
    const closed = await call('POST', `/api/callbacks/${id}/close`, interp1.token, { outcome: 'resolved-by-text', note: '已用 e-mail 回覆開放時間' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ outcome: 'resolved-by-text', outcomeNote: '已用 e-mail 回覆開放時間', doneBy: { id: interp1.userId, name: '林翻譯' } });
    expect((await openList(interp1.token)).some((i) => i.id === id)).toBe(false);
    const recent = (await call('GET', '/api/callbacks/closed', interp2.token)).body as unknown as CallbackItem[];
    expect(recent.find((i) => i.id === id)).toMatchObject({ reference, outcome: 'resolved-by-text', masked: true });
    expect((await call('POST', `/api/callbacks/${id}/close`, interp1.token, { outcome: 'reached' })).body?.error?.code).toBe('CONFLICT');
    expect((await call('POST', `/api/callbacks/${id}/claim`, interp2.token)).body?.error?.code).toBe('CONFLICT');
    // A supervisor closes a duplicate nobody took.
    const dup = (await create({ method: 'email', name: '結案測試', email: 'close@example.tw' })).body as unknown as CallbackReceipt;
    expect((await call('POST', `/api/callbacks/${dup.id}/close`, supervisor.token, { outcome: 'duplicate' })).status).toBe(200);
    expect((await audit(id)).map((e) => e.action)).toEqual(['callback.create', 'callback.claim', 'callback.close']);
    expect((await call('POST', `/api/callbacks/${randomUUIDLike()}/claim`, interp1.token)).body?.error?.code).toBe('NOT_FOUND');
  });

  it('numbers requests of a Taipei day in sequence, without repeats, also when they arrive at once', async () => {
    const last = (await db.db.pool.query<{ seq: number }>('SELECT max(seq) AS seq FROM callback_requests')).rows[0]!.seq;
    const many = await Promise.all(Array.from({ length: 8 }, (_, n) => create({ method: 'sms', name: `同時${n}`, phone: '0912345678' }, undefined, `198.51.100.${n + 1}`)));
    const refs = many.map((r) => (r.body as unknown as CallbackReceipt).reference);
    expect(new Set(refs).size).toBe(8);
    expect(refs.map(seqOf).sort((a, b) => a - b)).toEqual(Array.from({ length: 8 }, (_, n) => last + 1 + n));
    for (const r of refs) expect(r.startsWith(`CB-${taipeiMmdd()}-`)).toBe(true);

    // At Taipei midnight (16:00 UTC) the numbers start again at 001; the day before keeps counting its own.
    let t = Date.parse('2027-03-04T23:59:58+08:00');
    const svc = new CallbackService({ pool: db.db.pool, logger: createLogger('silent'), now: () => t });
    const g = { guestId: asGuestId('6b1f8c8e-9a51-4a0e-8d5e-1f2a3b4c5d6e'), channel: 'web' as const, kioskId: null };
    const a = await svc.create(g, { method: 'sms', name: '夜', phone: '0912345678' });
    const b = await svc.create(g, { method: 'sms', name: '夜', phone: '0912345678' });
    t = Date.parse('2027-03-05T00:00:01+08:00');
    const c = await svc.create(g, { method: 'sms', name: '晨', phone: '0912345678' });
    expect([a.reference, b.reference, c.reference]).toEqual(['CB-0304-001', 'CB-0304-002', 'CB-0305-001']);
  });

  it('turns a claimed request into a case: the form opens with what the caller left, filing closes the request with its case', async () => {
    const { id } = (await create({ method: 'sms', name: '案件小姐', phone: '0912-000-111', topic: 'dispatch', note: '信義路五段人行道破損' })).body as unknown as CallbackReceipt;
    const ref: CaseRef = { kind: 'callback', callbackId: id };
    const s1 = await connectClient(server.url, interp1.token);
    const s2 = await connectClient(server.url, interp2.token);
    sockets.push(s1, s2);
    // Not before it is taken, and only by the one who took it.
    expect(await request(s1, 'case:open', { ref })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await call('POST', `/api/callbacks/${id}/claim`, interp1.token)).status).toBe(200);
    expect(await request(s2, 'case:open', { ref })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const ws = await ok(s1, 'case:open', { ref });
    expect(ws.draft).toEqual({ service: 'dispatch', callerName: '案件小姐', callerPhone: '0912-000-111', description: '信義路五段人行道破損' });
    expect(ws.context).toMatchObject({ topic: 'dispatch', channel: 'web', contact: { name: '案件小姐', phone: '0912-000-111' } });
    const draft = { ...ws.draft, dispatchItem: 'D01' as const, district: 'xinyi' as const, address: '臺北市信義區信義路五段 7 號前' };
    const saved = await ok(s1, 'case:saveDraft', { ref, draft, baseVersion: ws.version });
    expect(saved.version).toBe(ws.version + 1);
    // The caller is not on a screen of ours: no read-back; filing says why.
    expect(await request(s1, 'case:readBack', { ref })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await request(s1, 'case:file', { ref, clientKey: `cb-${randomBytes(6).toString('hex')}` })).toMatchObject({ ok: false, error: { code: 'READBACK_REQUIRED' } });
    const filed = await ok(s1, 'case:file', { ref, clientKey: `cb-${randomBytes(6).toString('hex')}`, skipReadBackReason: '回電時以簡訊確認' });
    expect(filed.case).toMatchObject({ source: 'callback', channel: 'web', dispatchItem: 'D01', callerName: '案件小姐' });

    const row = await db.db.pool.query<{ outcome: string; case_id: string; done_by: string }>('SELECT outcome, case_id, done_by FROM callback_requests WHERE id = $1', [id]);
    expect(row.rows[0]).toEqual({ outcome: 'case-filed', case_id: filed.case.id, done_by: interp1.userId });
    const recent = (await call('GET', '/api/callbacks/closed', interp1.token)).body as unknown as CallbackItem[];
    expect(recent.find((i) => i.id === id)).toMatchObject({ outcome: 'case-filed', caseId: filed.case.id, caseNumber: filed.case.number });
    expect((await audit(id)).map((e) => e.action)).toEqual(['callback.create', 'callback.claim', 'callback.close']);
    // The caller's receipt by SMS went to the outbox with the case.
    const outbox = await db.db.pool.query<{ channel: string; recipient: string }>('SELECT channel, recipient FROM notification_outbox WHERE case_id = $1', [filed.case.id]);
    expect(outbox.rows).toEqual([{ channel: 'sms', recipient: '0912-000-111' }]);
    // The request is done: its form is closed too, and it is off the open list.
    expect(await request(s1, 'case:open', { ref })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const after = await call('GET', '/api/callbacks', interp1.token);
    expect(after.status).toBe(200);
    expect((after.body as unknown as CallbackPage).items.some((i) => i.id === id)).toBe(false);
  });

  it('takes at most 3 open call-back requests a day from one caller (review #15)', async () => {
    const caller = (await server.guestToken()).token;
    const from = '203.0.113.15';
    const answers = [];
    for (let n = 0; n < 4; n++) answers.push(await create({ method: 'sms', name: `重複${n}`, phone: '0912345678' }, caller, from));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 429]);
    expect(answers[3]!.body?.error?.code).toBe('RATE_LIMITED');
    // Once one of them is closed, the caller may leave another.
    const { id } = answers[0]!.body as unknown as CallbackReceipt;
    expect((await call('POST', `/api/callbacks/${id}/close`, supervisor.token, { outcome: 'duplicate' })).status).toBe(200);
    expect((await create({ method: 'sms', name: '重複3', phone: '0912345678' }, caller, from)).status).toBe(201);
    // Another caller is not affected.
    expect((await create({ method: 'sms', name: '別人', phone: '0912345678' }, undefined, from)).status).toBe(201);
  });

  it('limits call-back requests from one address, whoever sends them (review #15)', async () => {
    const from = '203.0.113.16';
    const answers = [];
    for (let n = 0; n < 25; n++) answers.push(await create({ method: 'email', name: `洪水${n}`, email: 'flood@example.tw' }, undefined, from));
    const statuses = answers.map((a) => a.status);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses).toContain(429);
    expect(answers.find((a) => a.status === 429)!.body?.error?.code).toBe('RATE_LIMITED');
    expect((await create({ method: 'email', name: '鄰居', email: 'next@example.tw' }, undefined, '203.0.113.17')).status).toBe(201);
  });

  it('pages the list, the desk’s own first, then unclaimed, newest first, with a total (review #15)', async () => {
    // 600 open requests left one a minute on 1 January (the server's clock stands in December).
    await db.db.pool.query(
      `INSERT INTO callback_requests (id, guest_id, channel, contact_method, name, phone, day, seq, reference, created_at)
       SELECT gen_random_uuid(), gen_random_uuid(), 'web', 'sms', '排隊' || n, '0912345678', DATE '2026-01-01', n, 'CB-0101-' || lpad(n::text, 3, '0'),
              TIMESTAMPTZ '2026-01-01 08:00:00+08' + n * interval '1 minute'
       FROM generate_series(1, 600) AS n`,
    );
    const total = Number((await db.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM callback_requests WHERE done_at IS NULL')).rows[0]!.n);
    expect(total).toBeGreaterThanOrEqual(600);
    const newest = (await create({ method: 'sms', name: '最新的', phone: '0912345678' }, undefined, '203.0.113.18')).body as unknown as CallbackReceipt;
    // One taken by a colleague (it goes after the unclaimed), one taken by the supervisor reading (it comes first).
    const theirs = (await create({ method: 'sms', name: '同事的', phone: '0912345678' }, undefined, '203.0.113.18')).body as unknown as CallbackReceipt;
    const mine = (await db.db.pool.query<{ id: string }>(`SELECT id FROM callback_requests WHERE name = '排隊1'`)).rows[0]!.id;
    expect((await call('POST', `/api/callbacks/${theirs.id}/claim`, interp2.token)).status).toBe(200);
    expect((await call('POST', `/api/callbacks/${mine}/claim`, supervisor.token)).status).toBe(200);

    const first = await openPage(supervisor.token);
    expect(first).toMatchObject({ total: total + 2, page: 1, pageSize: 50 });
    expect(first.items).toHaveLength(50);
    expect(first.items[0]!.id).toBe(mine);
    // Then the unclaimed, newest first: the one just left comes before every one left in January.
    const newestOpen = await db.db.pool.query<{ id: string }>('SELECT id FROM callback_requests WHERE done_at IS NULL AND claimed_by IS NULL ORDER BY created_at DESC LIMIT 1');
    expect(first.items[1]!.id).toBe(newestOpen.rows[0]!.id);
    const at = (where: (i: CallbackItem) => boolean) => first.items.findIndex(where);
    expect(at((i) => i.id === newest.id)).toBeGreaterThan(0);
    expect(at((i) => i.id === newest.id)).toBeLessThan(at((i) => i.name.startsWith('排隊') && i.id !== mine));
    const unclaimed = first.items.slice(1).map((i) => i.createdAt);
    expect(unclaimed).toEqual([...unclaimed].sort((a, b) => b - a));
    expect(first.items.some((i) => i.id === theirs.id)).toBe(false);

    const second = await openPage(supervisor.token, '?page=2');
    expect(second.page).toBe(2);
    expect(second.items).toHaveLength(50);
    expect(second.items[0]!.createdAt).toBeLessThanOrEqual(first.items.at(-1)!.createdAt);
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(100);
    // The last page holds the rest, the colleague's at its end.
    const lastPage = Math.ceil((total + 2) / 100);
    const last = await openPage(supervisor.token, `?page=${lastPage}&pageSize=100`);
    expect(last.items.at(-1)!.id).toBe(theirs.id);
    expect(last.items).toHaveLength(total + 2 - (lastPage - 1) * 100);
    for (const bad of ['?page=0', '?pageSize=101', '?page=x', '?sort=oldest']) expect((await call('GET', `/api/callbacks${bad}`, supervisor.token)).status, bad).toBe(400);
  });
});

function randomUUIDLike(): string {
  const h = randomBytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
