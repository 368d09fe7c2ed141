import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDraft, CaseRef, CaseRule } from '@sign-relay/shared';
import { freshDatabase, type FreshDatabase } from '../testing/freshDatabase.ts';
import { answeredTextChat, connectClient, nextEvent, ok, request, startTestServer, type TestServer, type TestSocket } from '../testing/harness.ts';
import { asChatSessionId } from '@sign-relay/shared/testing/ids.ts';

const key = () => `case-${randomBytes(8).toString('hex')}`;

/** A complete dispatch case: a pothole on a Da'an street, with a point on the map. */
const POTHOLE: CaseDraft = {
  service: 'dispatch',
  dispatchItem: 'D01',
  district: 'daan',
  address: '臺北市大安區復興南路一段 390 號前',
  lat: 25.0268,
  lng: 121.5434,
  description: '路面坑洞約 50 公分，機車容易摔倒',
  summary: '復興南路一段 390 號前路面坑洞',
  callerPhone: '0912-345-678',
};

describe('cases over real sockets and Postgres', () => {
  let db: FreshDatabase;
  let server: TestServer;
  const sockets: TestSocket[] = [];
  const track = async (token: string) => {
    const s = await connectClient(server.url, token);
    sockets.push(s);
    return s;
  };
  const count = async (table: string) => Number((await db.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

  /** A caller's text chat answered by a fresh interpreter (who then stops taking chats). */
  const answeredChat = async (opts: { topic?: 'dispatch' | 'petition' | 'consultation' | 'transfer'; kioskId?: string } = {}) => {
    const chat = await answeredTextChat(server, track, opts);
    return { ...chat, ref: { kind: 'chat', sessionId: chat.sessionId } as CaseRef };
  };

  /** A caller's video call answered by a fresh interpreter. */
  const answeredCall = async (opts: { topic?: 'dispatch'; kioskId?: string; contact?: { name: string; phone: string } } = {}) => {
    const interp = await server.staff('interpreter');
    const desk = await track(interp.token);
    await ok(desk, 'desk:setStatus', { status: 'available' });
    const g = await server.guestToken(opts.kioskId ? 'kiosk' : 'web', opts.kioskId);
    const caller = await track(g.token);
    const offer = nextEvent(desk, 'desk:offer');
    const st = await ok(caller, 'queue:join', { ...(opts.topic ? { topic: opts.topic } : {}), ...(opts.contact ? { contact: opts.contact } : {}) });
    await offer;
    const { callId } = await ok(desk, 'desk:accept', { entryId: st.entryId });
    return { interp, desk, caller, guestId: g.guestId, entryId: st.entryId, callId, ref: { kind: 'call', callId } as CaseRef };
  };

  beforeAll(async () => {
    db = await freshDatabase();
    server = await startTestServer({ databaseUrl: db.url });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.close();
    await db?.drop();
  });

  describe('every rule refuses the case with a coded error and writes nothing', () => {
    const cases: [string, CaseDraft, CaseRule][] = [
      ['a dispatch without an item', { ...POTHOLE, dispatchItem: undefined }, 'item-required'],
      ['a dispatch with an unknown item', { ...POTHOLE, dispatchItem: 'D23' }, 'item-unknown'],
      ['a dispatch without a district', { ...POTHOLE, district: undefined }, 'district-required'],
      ['an unknown district', { ...POTHOLE, district: 'taichung' }, 'district-unknown'],
      ['a dispatch without a location', { ...POTHOLE, address: ' ', lat: null, lng: null }, 'location-required'],
      ['coordinates outside Taipei', { ...POTHOLE, lat: 24.1477, lng: 120.6736 }, 'coordinates-outside-taipei'],
      ['half a coordinate', { ...POTHOLE, lng: null }, 'coordinates-incomplete'],
      ['a description over 1,000 characters', { ...POTHOLE, description: '坑'.repeat(1001) }, 'description-too-long'],
      ['a petition without a name', { service: 'petition', description: '公園路燈太暗', callerPhone: '0912345678' }, 'name-required'],
      ['a petition without a phone or e-mail', { service: 'petition', description: '公園路燈太暗', callerName: '王小明' }, 'contact-required'],
      ['a malformed e-mail', { service: 'petition', description: '公園路燈太暗', callerName: '王小明', callerEmail: 'not-an-address' }, 'email-invalid'],
      ['a transfer without an agency', { service: 'transfer', transferOutcome: 'connected' }, 'agency-required'],
      ['no service at all', {}, 'service-required'],
    ];
    let chat: Awaited<ReturnType<typeof answeredChat>>;
    beforeAll(async () => {
      chat = await answeredChat();
    });

    it.each(cases)('%s', async (_name, draft, rule) => {
      const before = await Promise.all(['cases', 'case_history', 'notification_outbox', 'case_day_counters'].map(count));
      const ws = await ok(chat.desk, 'case:open', { ref: chat.ref });
      await ok(chat.desk, 'case:saveDraft', { ref: chat.ref, draft, baseVersion: ws.version });
      const readBack = await request(chat.desk, 'case:readBack', { ref: chat.ref });
      expect(readBack).toMatchObject({ ok: false, error: { code: 'CASE_INCOMPLETE' } });
      const filed = await request(chat.desk, 'case:file', { ref: chat.ref, clientKey: key(), skipReadBackReason: 'test' });
      expect(filed).toMatchObject({ ok: false, error: { code: 'CASE_INCOMPLETE' } });
      if (filed.ok) return;
      expect(filed.error.details?.map((d) => d.rule)).toContain(rule);
      expect(await Promise.all(['cases', 'case_history', 'notification_outbox', 'case_day_counters'].map(count))).toEqual(before);
    });

    it('a payload that is not a draft at all is refused before the service sees it', async () => {
      const r = await request(chat.desk, 'case:saveDraft', { ref: chat.ref, draft: { service: 'dispatch', lat: 'north' } as never, baseVersion: 0 });
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    });
  });

  it('a kiosk call opens with the caller’s topic and the kiosk’s district and site', async () => {
    await db.db.pool.query(`INSERT INTO kiosks (id, name_zh, name_en, district, address, lat, lng) VALUES ('K-DAAN-01', '大安區公所', 'Da''an District Office', 'daan', '臺北市大安區新生南路二段 86 號', 25.0334, 121.5339)`);
    const call = await answeredCall({ topic: 'dispatch', kioskId: 'K-DAAN-01' });
    const ws = await ok(call.desk, 'case:open', { ref: call.ref });
    expect(ws.draft).toMatchObject({ service: 'dispatch', district: 'daan', address: '臺北市大安區新生南路二段 86 號', lat: 25.0334, lng: 121.5339 });
    expect(ws.context).toMatchObject({ topic: 'dispatch', channel: 'kiosk', kioskId: 'K-DAAN-01', kiosk: { nameZh: '大安區公所', district: 'daan' } });
    await ok(call.desk, 'desk:setStatus', { status: 'offline' }).catch(() => undefined);
  });

  it('read-back, confirmation, filing: the caller sees the summary, confirms, and gets the number; the draft survives a transfer', async () => {
    const call = await answeredCall({ topic: 'dispatch', contact: { name: '王小明', phone: '0912-345-678' } });
    const ws = await ok(call.desk, 'case:open', { ref: call.ref });
    expect(ws.draft).toMatchObject({ service: 'dispatch', callerName: '王小明', callerPhone: '0912-345-678' });
    const saved = await ok(call.desk, 'case:saveDraft', { ref: call.ref, draft: POTHOLE, baseVersion: ws.version });
    // A save made on an older version is a conflict, and changes nothing.
    expect(await request(call.desk, 'case:saveDraft', { ref: call.ref, draft: { service: 'consultation' }, baseVersion: ws.version })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Filing before the caller confirmed is refused.
    expect(await request(call.desk, 'case:file', { ref: call.ref, clientKey: key() })).toMatchObject({ ok: false, error: { code: 'READBACK_REQUIRED' } });

    const shown = nextEvent(call.caller, 'case:readBack');
    const rb = await ok(call.desk, 'case:readBack', { ref: call.ref });
    expect(await shown).toMatchObject({ id: rb.id, service: 'dispatch', dispatchItem: 'D01', district: 'daan', place: POTHOLE.address, text: POTHOLE.summary });
    // After a reload the caller finds the read-back still waiting.
    expect((await ok(call.caller, 'case:mine', {})).readBack).toMatchObject({ id: rb.id });

    // A colleague takes the call over and sees the same draft.
    const colleague = await server.staff('interpreter');
    const colleagueDesk = await track(colleague.token);
    await ok(colleagueDesk, 'desk:setStatus', { status: 'available' });
    const transferOffer = nextEvent(colleagueDesk, 'desk:offer');
    await ok(call.desk, 'desk:transfer', { toUserId: colleague.userId });
    await transferOffer;
    await ok(colleagueDesk, 'desk:accept', { entryId: call.entryId });
    const theirs = await ok(colleagueDesk, 'case:open', { ref: call.ref });
    expect(theirs.draft).toEqual(POTHOLE);
    expect(theirs.version).toBe(saved.version);
    expect(theirs.readBack).toMatchObject({ id: rb.id, answer: null, current: true });
    // The first interpreter no longer works on it (but may still wrap up their part).
    expect(await request(call.desk, 'case:saveDraft', { ref: call.ref, draft: POTHOLE, baseVersion: saved.version })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await ok(call.desk, 'desk:wrapUp', { ref: call.ref, outcome: 'transferred', notes: '交給同事' });

    const answered = nextEvent(colleagueDesk, 'case:readBackAnswered');
    await ok(call.caller, 'case:readBackAnswer', { readBackId: rb.id, answer: 'correct' });
    expect(await answered).toMatchObject({ ref: call.ref, readBack: { id: rb.id, answer: 'correct', current: true } });
    // Another caller cannot answer someone else's read-back.
    const stranger = await track((await server.guestToken()).token);
    expect(await request(stranger, 'case:readBackAnswer', { readBackId: rb.id, answer: 'change' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const receipt = nextEvent(call.caller, 'case:filed');
    const clientKey = key();
    // Double clicks and resends: four filings with one key at once file one case.
    const answers = await Promise.all(Array.from({ length: 4 }, () => ok(colleagueDesk, 'case:file', { ref: call.ref, clientKey })));
    expect(new Set(answers.map((x) => x.case.id)).size).toBe(1);
    expect(answers.filter((x) => !x.duplicate)).toHaveLength(1);
    const filed = answers[0]!.case;
    expect(filed.number).toMatch(/^1999-20\d{6}-\d{6}$/);
    expect(filed).toMatchObject({ service: 'dispatch', dispatchItem: 'D01', district: 'daan', status: 'open', source: 'call', callId: call.callId, callRecordId: call.entryId, readBack: { answer: 'correct' } });
    expect(filed.readBack.answeredAt).toEqual(expect.any(Number));
    expect(await receipt).toMatchObject({ number: filed.number, service: 'dispatch', dispatchItem: 'D01', district: 'daan' });
    expect((await ok(call.caller, 'case:mine', {})).receipts.map((r) => r.number)).toEqual([filed.number]);
    // A resend after a reconnect answers with the same case.
    expect(await ok(colleagueDesk, 'case:file', { ref: call.ref, clientKey })).toMatchObject({ duplicate: true, case: { id: filed.id } });
    expect(Number((await db.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM cases WHERE call_id = $1`, [call.callId])).rows[0]!.n)).toBe(1);

    // The receipt for the caller's phone is in the outbox, written with the case.
    const outbox = await db.db.pool.query(`SELECT kind, channel, recipient, body FROM notification_outbox WHERE case_id = $1`, [filed.id]);
    expect(outbox.rows).toEqual([{ kind: 'case-filed', channel: 'sms', recipient: '0912-345-678', body: expect.objectContaining({ caseNumber: filed.number }) }]);

    // The form starts afresh for another case in the same call, and lists the filed one.
    const after = await ok(colleagueDesk, 'case:open', { ref: call.ref });
    expect(after.readBack).toBeNull();
    expect(after.filed.map((c) => c.number)).toEqual([filed.number]);
    expect(after.draft).not.toHaveProperty('dispatchItem');

    const record = await db.db.pool.query(`SELECT wrap_up_outcome, wrap_up_notes FROM call_records WHERE id = $1`, [call.entryId]);
    expect(record.rows[0]).toEqual({ wrap_up_outcome: 'transferred', wrap_up_notes: '交給同事' });
  });

  it('an edit after the read-back needs a new one; filing without confirmation needs a reason, which is kept', async () => {
    const chat = await answeredChat({ topic: 'petition' });
    const ws = await ok(chat.desk, 'case:open', { ref: chat.ref });
    const petition: CaseDraft = { service: 'petition', description: '公園路燈太暗，晚上不安全', callerName: '林美華', callerEmail: 'mei@example.tw' };
    const v = (await ok(chat.desk, 'case:saveDraft', { ref: chat.ref, draft: petition, baseVersion: ws.version })).version;
    const rb = await ok(chat.desk, 'case:readBack', { ref: chat.ref });
    await ok(chat.caller, 'case:readBackAnswer', { readBackId: rb.id, answer: 'correct' });
    const edited = await ok(chat.desk, 'case:saveDraft', { ref: chat.ref, draft: { ...petition, description: '公園路燈太暗' }, baseVersion: v });
    expect(edited.readBack).toMatchObject({ answer: 'correct', current: false });
    expect(await request(chat.desk, 'case:file', { ref: chat.ref, clientKey: key() })).toMatchObject({ ok: false, error: { code: 'READBACK_REQUIRED' } });
    const filed = await ok(chat.desk, 'case:file', { ref: chat.ref, clientKey: key(), skipReadBackReason: '來電者已離線' });
    expect(filed.case).toMatchObject({ service: 'petition', source: 'chat', callerName: '林美華', readBack: { answer: null, skippedReason: '來電者已離線' } });
  });

  it('a draft typed into and not filed is offered back to its interpreter once the chat has ended, until it is filed', async () => {
    const chat = await answeredChat({ topic: 'dispatch' });
    const opened = await ok(chat.desk, 'case:open', { ref: chat.ref });
    await ok(chat.desk, 'case:saveDraft', { ref: chat.ref, draft: POTHOLE, baseVersion: opened.version });
    // While the chat goes on its form is on the desk: nothing to offer back.
    expect(await ok(chat.desk, 'case:drafts', {})).toEqual([]);
    const ended = nextEvent(chat.desk, 'chat:ended');
    await ok(chat.caller, 'chat:end', { sessionId: chat.ref.kind === 'chat' ? chat.ref.sessionId : asChatSessionId('') });
    await ended;
    expect(await ok(chat.desk, 'case:drafts', {})).toEqual([{ ref: chat.ref, draft: POTHOLE, updatedAt: expect.any(Number) }]);
    // Nobody else is offered it.
    const other = await track((await server.staff('interpreter')).token);
    expect(await ok(other, 'case:drafts', {})).toEqual([]);
    // Filed after the chat (with the reason there was no read-back): no longer pending.
    await ok(chat.desk, 'case:file', { ref: chat.ref, clientKey: key(), skipReadBackReason: '來電者已離線' });
    expect(await ok(chat.desk, 'case:drafts', {})).toEqual([]);
  });

  it('numbers are a gapless per-day sequence under concurrent filing', async () => {
    const chat = await answeredChat({ topic: 'consultation' });
    const actor = { kind: 'staff' as const, id: chat.interp.userId, name: 'interpreter', role: 'interpreter' as const };
    const before = await db.db.pool.query<{ number: string }>(`SELECT number FROM cases`);
    const results = await Promise.all(
      Array.from({ length: 40 }, () =>
        server.app.cases.fileCase(
          { content: { service: 'consultation', description: '垃圾車時間' }, source: 'chat', channel: 'web', kioskId: null, guestId: chat.guestId, callId: null, callRecordId: null, chatSessionId: null, interpreterId: chat.interp.userId, apiKeyId: null, deviceId: null, mediaUrl: null, clientKey: key(), readBackAnswer: null, readBackAt: null, readBackSkipReason: 'test' },
          actor,
        ),
      ),
    );
    expect(new Set(results.map((r) => r.row.number)).size).toBe(40);
    const all = (await db.db.pool.query<{ day: string; seq: number }>(`SELECT to_char(day, 'YYYY-MM-DD') AS day, seq FROM cases ORDER BY day, seq`)).rows;
    const byDay = new Map<string, number[]>();
    for (const r of all) byDay.set(r.day, [...(byDay.get(r.day) ?? []), r.seq]);
    for (const seqs of byDay.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(all.length).toBe(before.rows.length + 40);
  });

  it('personal data only for the case’s interpreter and supervisors, each view audited; status changes notify the caller', async () => {
    const chat = await answeredChat({ topic: 'dispatch' });
    const ws = await ok(chat.desk, 'case:open', { ref: chat.ref });
    await ok(chat.desk, 'case:saveDraft', { ref: chat.ref, draft: POTHOLE, baseVersion: ws.version });
    const { case: filed } = await ok(chat.desk, 'case:file', { ref: chat.ref, clientKey: key(), skipReadBackReason: '來電者已離線' });
    const get = (path: string, token: string, init: RequestInit = {}) =>
      fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });

    const other = await server.staff('interpreter');
    const sup = await server.staff('supervisor');
    const auditBefore = await count(`audit_log WHERE action = 'case.view-personal'`);
    const theirs = (await (await get(`/api/cases/${filed.id}`, other.token)).json()) as Record<string, unknown>;
    expect(theirs).toMatchObject({ number: filed.number, callerPhone: null, callerName: null });
    expect(await count(`audit_log WHERE action = 'case.view-personal'`)).toBe(auditBefore);
    const supView = (await (await get(`/api/cases/${filed.id}`, sup.token)).json()) as Record<string, unknown>;
    expect(supView).toMatchObject({ callerPhone: '0912-345-678' });
    expect(await count(`audit_log WHERE action = 'case.view-personal'`)).toBe(auditBefore + 1);

    // Lists never carry personal data.
    const list = await (await get(`/api/cases?service=dispatch&district=daan&page=1&pageSize=5`, other.token)).text();
    expect(list).toContain(filed.number);
    expect(list).not.toContain('0912-345-678');
    expect((await get(`/api/cases?district=taichung`, sup.token)).status).toBe(400);

    // Interpreters may not change a status; closing needs a note.
    expect((await get(`/api/cases/${filed.id}/status`, other.token, { method: 'POST', body: JSON.stringify({ status: 'closed', note: 'x' }) })).status).toBe(403);
    const noNote = await get(`/api/cases/${filed.id}/status`, sup.token, { method: 'POST', body: JSON.stringify({ status: 'closed' }) });
    expect(noNote.status).toBe(422);
    expect(await noNote.json()).toMatchObject({ error: { code: 'CASE_INCOMPLETE', details: [{ field: 'note', rule: 'closing-note-required' }] } });
    const closed = await get(`/api/cases/${filed.id}/status`, sup.token, { method: 'POST', body: JSON.stringify({ status: 'closed', note: '已派工修補完成', publicNote: '已修復' }) });
    expect(closed.status).toBe(200);
    expect(await closed.json()).toMatchObject({ status: 'closed', closingNote: '已派工修補完成', history: [{ action: 'filed', to: 'open' }, { action: 'status', from: 'open', to: 'closed', note: '已派工修補完成' }] });
    const outbox = await db.db.pool.query(`SELECT kind, recipient FROM notification_outbox WHERE case_id = $1 ORDER BY created_at`, [filed.id]);
    expect(outbox.rows).toEqual([
      { kind: 'case-filed', recipient: '0912-345-678' },
      { kind: 'case-closed', recipient: '0912-345-678' },
    ]);
    // The outbox worker hands both to the notifier (the log, here), once each.
    await expect
      .poll(() => server.notifications.log?.recent().filter((n) => n.caseId === filed.id).map((n) => `${n.kind} ${n.recipient}`), { timeout: 10_000 })
      .toEqual(['case-filed 0912-345-678', 'case-closed 0912-345-678']);

    // The CSV export: supervisors only, no personal data, audited.
    expect((await get(`/api/cases/export.csv`, other.token)).status).toBe(403);
    const csv = await get(`/api/cases/export.csv?service=dispatch`, sup.token);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text).toContain(filed.number);
    expect(text).not.toContain('0912-345-678');
  });

  it('the audit log is append-only, in the database itself', async () => {
    expect(await count('audit_log')).toBeGreaterThan(0);
    await expect(db.db.pool.query(`UPDATE audit_log SET actor_name = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(db.db.pool.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(db.db.pool.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it('a caller cannot open or file a case, and an interpreter cannot open another’s chat', async () => {
    const chat = await answeredChat();
    expect(await request(chat.caller, 'case:open', { ref: chat.ref })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const stranger = await track((await server.staff('interpreter')).token);
    expect(await request(stranger, 'case:open', { ref: chat.ref })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
