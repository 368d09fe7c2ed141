import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseRef, CaseTranscript } from '@sign-relay/shared';
import { freshDatabase, type FreshDatabase } from '../testing/freshDatabase.ts';
import { answeredTextChat, connectClient, nextEvent, ok, startTestServer, type TestServer, type TestSocket } from '../testing/harness.ts';

const key = () => `case-${randomBytes(8).toString('hex')}`;

describe('a case’s transcript over HTTP, with real sockets and Postgres', () => {
  let db: FreshDatabase;
  let server: TestServer;
  const sockets: TestSocket[] = [];
  const track = async (token: string) => {
    const s = await connectClient(server.url, token);
    sockets.push(s);
    return s;
  };
  const audited = async (caseId: string) =>
    (await db.db.pool.query<{ actor_id: string; details: Record<string, unknown> }>(`SELECT actor_id, details FROM audit_log WHERE action = 'case.view-transcript' AND case_id = $1 ORDER BY id`, [caseId])).rows;
  const get = (caseId: string, token?: string) => fetch(`${server.url}/api/cases/${caseId}/transcript`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const transcript = async (caseId: string, token: string): Promise<CaseTranscript> => {
    const res = await get(caseId, token);
    expect(res.status).toBe(200);
    return (await res.json()) as CaseTranscript;
  };
  const said = (messages: CaseTranscript['messages']) => messages.map((m) => [m.from, m.body]);

  /** A caller's text chat answered by a fresh interpreter (who then stops taking chats). */
  const answeredChat = async () => {
    const chat = await answeredTextChat(server, track);
    return { ...chat, ref: { kind: 'chat', sessionId: chat.sessionId } as CaseRef };
  };

  /** Files a consultation for a call or chat without a read-back (the test is not about filing). */
  const file = async (desk: TestSocket, ref: CaseRef): Promise<CaseDetail> => {
    const ws = await ok(desk, 'case:open', { ref });
    await ok(desk, 'case:saveDraft', { ref, draft: { service: 'consultation', description: '詢問垃圾車時間' }, baseVersion: ws.version });
    return (await ok(desk, 'case:file', { ref, clientKey: key(), skipReadBackReason: '來電者已離線' })).case;
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

  it('a chat’s case: its interpreter and a supervisor read it (each view audited), another interpreter may not, nobody signed out', async () => {
    const chat = await answeredChat();
    await ok(chat.caller, 'chat:send', { sessionId: chat.sessionId, clientKey: key(), body: '我叫王小明，住大安區復興南路一段 390 號' });
    await ok(chat.desk, 'chat:send', { sessionId: chat.sessionId, clientKey: key(), body: '好的，幫您登記' });
    const filed = await file(chat.desk, chat.ref);
    expect(filed).toMatchObject({ source: 'chat', chatSessionId: chat.sessionId });

    const theirs = await transcript(filed.id, chat.interp.token);
    expect(said(theirs.messages)).toEqual([
      ['guest', '我叫王小明，住大安區復興南路一段 390 號'],
      ['staff', '好的，幫您登記'],
    ]);
    expect(theirs.messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(theirs).toMatchObject({ earlier: [], retained: true });
    const sup = await server.staff('supervisor');
    expect(await transcript(filed.id, sup.token)).toEqual(theirs);
    expect(await audited(filed.id)).toEqual([
      { actor_id: chat.interp.userId, details: { number: filed.number, messages: 2, earlier: 0, retained: true } },
      { actor_id: sup.userId, details: { number: filed.number, messages: 2, earlier: 0, retained: true } },
    ]);

    const other = await server.staff('interpreter');
    const refused = await get(filed.id, other.token);
    expect(refused.status).toBe(403);
    const body = await refused.text();
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(body).not.toContain('王小明');
    expect((await get(filed.id)).status).toBe(401);
    // Refusals read nothing, so they are not views.
    expect(await audited(filed.id)).toHaveLength(2);

    expect((await get(randomUUID(), sup.token)).status).toBe(404);
  });

  it('a call that came from a text chat shows that chat first; after the retention deleted the messages it says so', async () => {
    const chat = await answeredChat();
    await ok(chat.caller, 'chat:send', { sessionId: chat.sessionId, clientKey: key(), body: '我住信義區市府路 1 號' });
    await ok(chat.desk, 'chat:send', { sessionId: chat.sessionId, clientKey: key(), body: '好，幫您轉視訊' });

    const interp = await server.staff('interpreter');
    const desk = await track(interp.token);
    await ok(desk, 'desk:setStatus', { status: 'available' });
    const offer = nextEvent(desk, 'desk:offer');
    const st = await ok(chat.caller, 'queue:join', {});
    await offer;
    const { callId } = await ok(desk, 'desk:accept', { entryId: st.entryId });
    const callChat = await ok(chat.caller, 'chat:forCall', { callId, fromChat: chat.sessionId });
    await ok(desk, 'chat:send', { sessionId: callChat.session.sessionId, clientKey: key(), body: '請再打一次您的電話' });
    await ok(chat.caller, 'chat:send', { sessionId: callChat.session.sessionId, clientKey: key(), body: '0912-345-678' });
    const filed = await file(desk, { kind: 'call', callId });
    expect(filed).toMatchObject({ source: 'call', callId, chatSessionId: callChat.session.sessionId });

    const seen = await transcript(filed.id, interp.token);
    expect(said(seen.earlier)).toEqual([
      ['guest', '我住信義區市府路 1 號'],
      ['staff', '好，幫您轉視訊'],
    ]);
    expect(said(seen.messages)).toEqual([
      ['staff', '請再打一次您的電話'],
      ['guest', '0912-345-678'],
    ]);
    expect(seen.retained).toBe(true);
    // The interpreter of the text chat did not take this case.
    expect((await get(filed.id, chat.interp.token)).status).toBe(403);

    await db.db.pool.query(`DELETE FROM chat_messages WHERE session_id = ANY($1::uuid[])`, [[chat.sessionId, callChat.session.sessionId]]);
    const sup = await server.staff('supervisor');
    expect(await transcript(filed.id, sup.token)).toEqual({ messages: [], earlier: [], retained: false });
    expect((await audited(filed.id)).map((a) => a.details)).toEqual([
      { number: filed.number, messages: 2, earlier: 2, retained: true },
      { number: filed.number, messages: 0, earlier: 0, retained: false },
    ]);
  });

  it('a case from the city’s systems has no transcript: empty, and nothing was deleted', async () => {
    const sup = await server.staff('supervisor');
    const actor = { kind: 'staff' as const, id: sup.userId, name: 'supervisor', role: 'supervisor' as const };
    const { row } = await server.app.cases.fileCase(
      { content: { service: 'consultation', description: '詢問垃圾車時間' }, source: 'open311', channel: null, kioskId: null, guestId: null, callId: null, callRecordId: null, chatSessionId: null, interpreterId: null, apiKeyId: null, deviceId: null, mediaUrl: null, clientKey: key(), readBackAnswer: null, readBackAt: null, readBackSkipReason: null },
      actor,
    );
    expect(await transcript(row.id, sup.token)).toEqual({ messages: [], earlier: [], retained: true });
  });
});

