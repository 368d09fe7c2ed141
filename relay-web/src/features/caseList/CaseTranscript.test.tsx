// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseDetail, CaseTranscript as Transcript, ChatMessage } from '@sign-relay/shared';
import type { StaffUser } from '../../auth/StaffAuth.ts';
import { i18n, mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import { CaseTranscript } from './CaseTranscript.tsx';
import { asCallId, asChatSessionId, asUserId } from '@sign-relay/shared/testing/ids.ts';

const ID = '0b6c8f0e-6a52-4a8e-9a51-3b1f0d6c2a11';
const INTERPRETER = asUserId('5d1f7a3e-2b4c-4d6e-8f90-1a2b3c4d5e6f');
const CASE: CaseDetail = {
  id: ID,
  number: '1999-20261201-000007',
  service: 'consultation',
  dispatchItem: null,
  district: null,
  address: null,
  lat: null,
  lng: null,
  status: 'open',
  source: 'call',
  channel: 'web',
  kioskId: null,
  interpreterId: INTERPRETER,
  interpreterName: '林',
  createdAt: 1,
  updatedAt: 1,
  closedAt: null,
  description: '垃圾車時間',
  summary: null,
  agency: null,
  transferOutcome: null,
  callerName: null,
  callerPhone: null,
  callerEmail: null,
  callId: asCallId('7c9e6679-7425-40de-944b-e07fc1f90ae7'),
  callRecordId: null,
  chatSessionId: asChatSessionId('9b2d3c4e-5f60-4718-9a2b-3c4d5e6f7a8b'),
  readBack: { answer: null, answeredAt: null, skippedReason: null },
  closingNote: null,
  statusNote: null,
  closedBy: null,
  history: [],
};
const SUPERVISOR: StaffUser = { id: asUserId('a1b2c3d4-0000-4000-8000-000000000001'), username: 'sup', displayName: '督導 王', role: 'supervisor', gender: null };

/** 14:05 in Taipei on 1 December 2026, plus `min` minutes. */
const at = (min: number) => Date.UTC(2026, 11, 1, 6, 5 + min);
const msg = (seq: number, from: ChatMessage['from'], body: string, senderName = ''): ChatMessage => ({ id: `m${seq}-${body}`, sessionId: asChatSessionId('s'), seq, from, senderName, body, clientKey: `k${seq}`, at: at(seq) });
const FULL: Transcript = {
  earlier: [msg(1, 'guest', '我住信義區市府路 1 號'), msg(2, 'staff', '好，幫您轉視訊', '林')],
  messages: [msg(1, 'system', '通話開始'), msg(2, 'guest', '0912-345-678')],
  retained: true,
};

let m: Mounted;
let sent: string[];
let answer: () => [number, unknown];
const auth = { token: () => 'token', renew: async () => 'token' };

beforeEach(async () => {
  await i18n.changeLanguage('zh-TW');
  sent = [];
  answer = () => [200, FULL];
  vi.stubGlobal('fetch', async (url: string) => {
    sent.push(url);
    const [status, json] = answer();
    return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } });
  });
  m = mount();
});
afterEach(() => {
  m.unmount();
  vi.unstubAllGlobals();
});

const render = (detail: CaseDetail = CASE, viewer: StaffUser = SUPERVISOR) => m.render(<CaseTranscript auth={auth} detail={detail} viewer={viewer} />);
async function toggle(): Promise<void> {
  await act(async () => {
    (m.byTestId('case-transcript-toggle') as HTMLButtonElement).click();
    await new Promise((r) => setTimeout(r, 0));
  });
}
const texts = (selector: string) => [...m.container.querySelectorAll(selector)].map((e) => e.textContent);

describe('CaseTranscript', () => {
  it('is closed and loads nothing until opened, and says before that opening it is audited', () => {
    render();
    expect(m.byTestId('case-transcript-toggle')?.getAttribute('aria-expanded')).toBe('false');
    expect(m.byTestId('case-transcript-audit-note')?.textContent).toContain('稽核紀錄');
    expect(m.container.querySelector('#case-transcript-body')?.hasAttribute('hidden')).toBe(true);
    expect(sent).toEqual([]);
  });

  it('opened: the text chat before the call first under its heading, then the call’s messages, with who wrote each and the Taipei time; loaded once', async () => {
    render();
    await toggle();
    expect(sent).toEqual([`/api/cases/${ID}/transcript`]);
    expect(m.byTestId('case-transcript-toggle')?.getAttribute('aria-expanded')).toBe('true');
    expect(texts('h3')).toEqual(['轉視訊前的文字對話', '視訊通話中的文字']);
    const earlier = m.byTestId('case-transcript-earlier')!;
    expect([...earlier.querySelectorAll('.chat-msg__body')].map((e) => e.textContent)).toEqual(['我住信義區市府路 1 號', '好，幫您轉視訊']);
    expect(texts('[data-testid="transcript-message"] .chat-msg__who')).toEqual(['來電者', '翻譯員・林', '系統', '來電者']);
    expect(texts('[data-testid="transcript-message"] time')).toEqual(['2026-12-01 14:06', '2026-12-01 14:07', '2026-12-01 14:06', '2026-12-01 14:07']);
    expect(texts('[data-testid="case-transcript-messages"] .chat-msg__body')).toEqual(['通話開始', '0912-345-678']);
    expect(m.byTestId('case-transcript-deleted')).toBeNull();

    // Closing and opening again shows the same answer: one view, one audit entry.
    await toggle();
    expect(m.container.querySelector('#case-transcript-body')?.hasAttribute('hidden')).toBe(true);
    await toggle();
    expect(sent).toHaveLength(1);
    expect(m.container.querySelectorAll('[data-testid="transcript-message"]')).toHaveLength(4);
  });

  it('says the messages were deleted after the retention period, in English too', async () => {
    answer = () => [200, { messages: [], earlier: [], retained: false }];
    await i18n.changeLanguage('en');
    render();
    await toggle();
    expect(m.byTestId('case-transcript-deleted')?.textContent).toBe('Deleted after the retention period');
    expect(m.byTestId('case-transcript-empty')).toBeNull();
    expect(m.container.querySelector('[data-testid="transcript-message"]')).toBeNull();
  });

  it('says when nothing was typed', async () => {
    answer = () => [200, { messages: [], earlier: [], retained: true }];
    render();
    await toggle();
    expect(m.byTestId('case-transcript-empty')?.textContent).toBe('這次沒有打字的訊息。');
    expect(m.byTestId('case-transcript-deleted')).toBeNull();
  });

  it('a refusal from the server becomes a clear line, not an empty panel', async () => {
    answer = () => [403, { error: { code: 'FORBIDDEN', message: 'no' } }];
    render();
    await toggle();
    expect(m.byTestId('case-transcript-hidden')?.textContent).toContain('對話紀錄只有承辦的翻譯員和督導看得到');
    expect(m.byTestId('case-transcript-toggle')).toBeNull();
  });

  it('another interpreter is told who may read it and loads nothing; the case’s own interpreter may open it', async () => {
    render(CASE, { ...SUPERVISOR, id: asUserId('a1b2c3d4-0000-4000-8000-000000000002'), role: 'interpreter' });
    expect(m.byTestId('case-transcript-hidden')).not.toBeNull();
    expect(m.byTestId('case-transcript-toggle')).toBeNull();
    render(CASE, { ...SUPERVISOR, id: INTERPRETER, role: 'interpreter' });
    await toggle();
    expect(sent).toEqual([`/api/cases/${ID}/transcript`]);
  });

  it('a failed load can be tried again', async () => {
    answer = () => [500, { error: { code: 'INTERNAL', message: 'x' } }];
    render();
    await toggle();
    expect(m.byTestId('case-transcript-failed')).not.toBeNull();
    answer = () => [200, FULL];
    await act(async () => {
      (m.byTestId('case-transcript-failed')!.querySelector('button') as HTMLButtonElement).click();
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(sent).toHaveLength(2);
    expect(m.container.querySelectorAll('[data-testid="transcript-message"]')).toHaveLength(4);
  });

  it('shows nothing for a case with no call or chat (one from the city’s systems)', () => {
    render({ ...CASE, source: 'open311', channel: null, callId: null, chatSessionId: null });
    expect(m.byTestId('case-transcript')).toBeNull();
  });
});
