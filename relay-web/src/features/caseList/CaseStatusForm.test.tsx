// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseDetail } from '@sign-relay/shared';
import { i18n, mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import { CaseStatusForm } from './CaseStatusForm.tsx';

const ID = '0b6c8f0e-6a52-4a8e-9a51-3b1f0d6c2a11';
const OPEN: CaseDetail = {
  id: ID,
  number: '1999-20261201-000007',
  service: 'dispatch',
  dispatchItem: 'D06',
  district: 'daan',
  address: '復興南路一段 1 號',
  lat: null,
  lng: null,
  status: 'open',
  source: 'call',
  channel: 'web',
  kioskId: null,
  interpreterId: null,
  interpreterName: '翻譯員 林',
  createdAt: 1,
  updatedAt: 1,
  closedAt: null,
  description: '路燈不亮',
  summary: null,
  agency: null,
  transferOutcome: null,
  callerName: null,
  callerPhone: null,
  callerEmail: null,
  callId: null,
  callRecordId: null,
  chatSessionId: null,
  readBack: { answer: 'correct', answeredAt: 1, skippedReason: null },
  closingNote: null,
  statusNote: null,
  closedBy: null,
  history: [],
};

let m: Mounted;
let changed: CaseDetail[];
let sent: { url: string; body: unknown }[];
let answer: (body: unknown) => [number, unknown];
const auth = { token: () => 'token', renew: async () => 'token' };

beforeEach(async () => {
  await i18n.changeLanguage('zh-TW');
  changed = [];
  sent = [];
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined;
    sent.push({ url, body });
    const [status, json] = answer(body);
    return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } });
  });
  m = mount();
  m.render(<CaseStatusForm auth={auth} detail={OPEN} onChanged={(d) => changed.push(d)} />);
});
afterEach(() => {
  m.unmount();
  vi.unstubAllGlobals();
});

function choose(testId: string, value: string): void {
  act(() => {
    const el = m.byTestId(testId) as HTMLSelectElement;
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
function type(testId: string, value: string): void {
  act(() => {
    const el = m.byTestId(testId) as HTMLTextAreaElement;
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function submit(): Promise<void> {
  await act(async () => {
    (m.byTestId('case-change-submit') as HTMLButtonElement).click();
    await new Promise((r) => setTimeout(r, 0));
  });
}

describe('CaseStatusForm', () => {
  it('offers the next statuses only, starting work first', () => {
    const options = [...(m.byTestId('case-change-status') as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toEqual(['in-progress', 'closed']);
    expect((m.byTestId('case-change-status') as HTMLSelectElement).value).toBe('in-progress');
  });

  it('will not close without a note: says so at the field, focuses it, sends nothing', async () => {
    choose('case-change-status', 'closed');
    type('case-change-note', '   ');
    await submit();
    const note = m.byTestId('case-change-note') as HTMLTextAreaElement;
    expect(m.byTestId('case-change-note-problem')?.textContent).toContain('結案前請寫下結案說明');
    expect(note.getAttribute('aria-invalid')).toBe('true');
    expect(note.getAttribute('aria-describedby')).toContain('note-problem');
    expect(document.activeElement).toBe(note);
    expect(sent).toEqual([]);
  });

  it('closes with the note (trimmed) and the public note, then says it was saved', async () => {
    answer = () => [200, { ...OPEN, status: 'closed', closingNote: '已修復', history: [{ at: 2, actor: '督導 王', action: 'status', from: 'open', to: 'closed', note: '已修復' }] }];
    choose('case-change-status', 'closed');
    type('case-change-note', ' 已修復 ');
    type('case-change-public-note', '路燈已修好');
    await submit();
    expect(sent).toEqual([{ url: `/api/cases/${ID}/status`, body: { status: 'closed', note: '已修復', publicNote: '路燈已修好' } }]);
    expect(changed.map((d) => d.status)).toEqual(['closed']);
    expect(m.byTestId('case-change-saved')?.textContent).toContain('已結案');
  });

  it('shows the server’s refusal in words, and keeps what was typed', async () => {
    answer = () => [409, { error: { code: 'CONFLICT', message: 'The case is already closed.' } }];
    choose('case-change-status', 'closed');
    type('case-change-note', '重複');
    await submit();
    expect(m.byTestId('case-change-failed')?.dataset.error).toBe('CONFLICT');
    expect((m.byTestId('case-change-note') as HTMLTextAreaElement).value).toBe('重複');
    expect(changed).toEqual([]);
  });
});
