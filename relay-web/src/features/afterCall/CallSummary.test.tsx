// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseReceipt, ChatMessage } from '@sign-relay/shared';
import { SurfaceProvider } from '../../surface/surface.ts';
import type { Surface } from '../../surface/surface.ts';
import { i18n, mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import { AfterCall } from '../caller/AfterCall.tsx';
import type { CaseNotices } from '../caseReceipt/useCaseNotices.ts';
import type { CallRecord } from './callRecord.ts';
import { asCallId, asChatSessionId } from '@sign-relay/shared/testing/ids.ts';

const START = Date.parse('2026-12-01T02:03:05Z');
const msg = (seq: number, from: ChatMessage['from'], body: string, senderName = ''): ChatMessage => ({ id: `m${seq}`, sessionId: asChatSessionId('s1'), seq, from, senderName, body, clientKey: `key-${seq}-abcdef`, at: START + seq * 10_000 });
const receipt: CaseReceipt = { number: '1999-20261201-000007', service: 'dispatch', dispatchItem: null, district: null, place: null, text: '路燈不亮', filedAt: START + 120_000 };
const old: CaseReceipt = { ...receipt, number: '1999-20261201-000002', filedAt: START - 600_000 };

const record: CallRecord = {
  callId: asCallId('c1'),
  startedAt: START,
  endedAt: START + 725_000,
  interpreterNames: ['林美華'],
  hungUpHere: false,
  messages: [msg(1, 'guest', '我家門口的路燈壞了'), msg(2, 'staff', '請問地址？', '林美華')],
  complete: true,
  receiptsBefore: [old.number],
};
const cases: CaseNotices = { readBack: null, receipts: [receipt, old], justFiled: null, answer: () => undefined };

let m: Mounted;
beforeEach(async () => {
  await i18n.changeLanguage('zh-TW');
  m = mount();
});
afterEach(() => {
  m.unmount();
  vi.restoreAllMocks();
});

function render(surface: Surface, r: CallRecord = record): void {
  m.render(
    <SurfaceProvider value={surface}>
      <AfterCall outcome={{ kind: 'ended', reason: 'hangup' }} onAgain={() => undefined} onHome={() => undefined} cases={cases} record={r} />
    </SurfaceProvider>,
  );
}

describe('the summary after a call', () => {
  it('says who ended it, names the interpreter, the length and only this call’s case', () => {
    render({ kind: 'web' });
    expect(m.byTestId('call-ended-by')?.textContent).toBe('翻譯員結束了通話。');
    expect(m.byTestId('call-summary-interpreter')?.textContent).toBe('林美華');
    expect(m.byTestId('call-summary-duration')?.textContent).toBe('12:05');
    expect(m.byTestId('call-summary-cases')?.textContent).toBe(receipt.number);
    render({ kind: 'web' }, { ...record, hungUpHere: true });
    expect(m.byTestId('call-ended-by')?.textContent).toBe('您掛斷了通話。');
  });

  it('on the web: downloads the conversation as a .txt made in the browser', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:transcript'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    render({ kind: 'web' });
    act(() => (m.byTestId('call-transcript-download') as HTMLButtonElement).click());
    expect(names).toEqual(['sign-relay-1999-conversation-20261201-1003.txt']);
    const text = await blobs[0]!.text();
    expect(text).toContain('[10:03:15] 我：我家門口的路燈壞了');
    expect(text).toContain('翻譯員 林美華：請問地址？');
    expect(text).toContain(receipt.number);
    expect(text).not.toContain(old.number);
    // The list shows on request.
    expect(m.byTestId('call-transcript-list')).toBeNull();
    act(() => (m.byTestId('call-transcript-show') as HTMLButtonElement).click());
    expect(m.byTestId('call-transcript-list')?.textContent).toContain('請問地址？');
  });

  it('on a kiosk: the conversation is on screen to read, with no download', () => {
    render({ kind: 'kiosk', kioskId: 'DA-01' });
    expect(m.byTestId('call-transcript-download')).toBeNull();
    const list = m.byTestId('call-transcript-list');
    expect(list?.querySelectorAll('li').length).toBe(2);
    expect(list?.textContent).toContain('我家門口的路燈壞了');
    expect(m.container.textContent).toContain('不會儲存對話紀錄');
  });

  it('says when nothing was written, or that the conversation is still coming', () => {
    render({ kind: 'web' }, { ...record, messages: [], complete: false });
    expect(m.byTestId('call-transcript')?.textContent).toContain('正在取得對話紀錄');
    render({ kind: 'web' }, { ...record, messages: [], complete: true });
    expect(m.byTestId('call-transcript')?.textContent).toContain('這通電話沒有文字對話');
    expect(m.byTestId('call-transcript-download')).toBeNull();
  });
});
