// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseReceipt, ChatMessage } from '@sign-relay/shared';
import { initI18n } from '../../i18n/i18n.ts';
import { addNames, durationSec, endedBy, receiptsOfCall } from './callRecord.ts';
import { transcriptFileName, transcriptText } from './transcript.ts';
import { asChatSessionId } from '@sign-relay/shared/testing/ids.ts';

const i18n = initI18n();
// 10:03:05 and 10:15:10 in Taipei on 1 December 2026.
const START = Date.parse('2026-12-01T02:03:05Z');
const END = Date.parse('2026-12-01T02:15:10Z');

function message(seq: number, from: ChatMessage['from'], body: string, at: number, senderName = ''): ChatMessage {
  return { id: `m${seq}`, sessionId: asChatSessionId('s1'), seq, from, senderName, body, clientKey: `key-${seq}-abcdef`, at };
}

const receipt: CaseReceipt = { number: '1999-20261201-000007', service: 'dispatch', dispatchItem: 'streetlight', district: '大安區', place: '復興南路一段 1 號', text: '路燈不亮\n很久了', filedAt: END + 30_000 };

describe('who ended the call', () => {
  it('tells the caller their own hang-up from the interpreter’s (the server says hangup to both)', () => {
    expect(endedBy({ kind: 'ended', reason: 'hangup' }, true)).toBe('caller');
    expect(endedBy({ kind: 'ended', reason: 'hangup' }, false)).toBe('interpreter');
    expect(endedBy({ kind: 'ended', reason: 'peer-left' }, false)).toBe('interpreter');
    expect(endedBy({ kind: 'ended', reason: 'peer-lost' }, false)).toBe('connection');
    expect(endedBy({ kind: 'ended', reason: 'media-failure' }, true)).toBe('connection');
    expect(endedBy({ kind: 'ended', reason: 'server-shutdown' }, false)).toBe('service');
    expect(endedBy({ kind: 'failed', failure: 'connection-lost' }, false)).toBe('connection');
    expect(endedBy({ kind: 'left-queue', reason: 'left' }, false)).toBeNull();
  });

  it('measures the call, lists the cases filed since it began, and each interpreter once', () => {
    expect(durationSec({ startedAt: START, endedAt: END })).toBe(725);
    expect(durationSec({ startedAt: null, endedAt: END })).toBeNull();
    const earlier = { ...receipt, number: '1999-20261130-000001', filedAt: START - 86_400_000 };
    expect(receiptsOfCall([receipt, earlier], [earlier.number]).map((r) => r.number)).toEqual([receipt.number]);
    expect(addNames(['林美華'], ['林美華', '陳', ''])).toEqual(['林美華', '陳']);
  });
});

describe('the transcript file', () => {
  beforeAll(async () => {
    await i18n.changeLanguage('zh-TW');
  });

  it('has the Taipei date and times, the interpreter, the case, and every message with who wrote it', () => {
    const text = transcriptText(
      {
        interpreterNames: ['林美華'],
        startedAt: START,
        endedAt: END,
        endedBy: 'interpreter',
        receipts: [receipt],
        messages: [message(1, 'guest', '我家門口的路燈壞了', START + 60_000), message(2, 'staff', '請問地址？\n哪一區？', START + 75_000, '林美華')],
      },
      i18n.t,
    );
    expect(text).toContain('日期：2026-12-01（臺北時間）');
    expect(text).toContain('通話：10:03 到 10:15（12:05）');
    expect(text).toContain('手語翻譯員：林美華');
    expect(text).toContain('翻譯員結束了通話。');
    expect(text).toContain('1999-20261201-000007  派工 — 路燈不亮 很久了');
    expect(text).toContain('[10:04:05] 我：我家門口的路燈壞了');
    expect(text).toContain('[10:04:20] 翻譯員 林美華：請問地址？\n    哪一區？');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('says so when nothing was written, and speaks English when the caller does', async () => {
    await i18n.changeLanguage('en');
    const text = transcriptText({ interpreterNames: [], startedAt: START, endedAt: END, endedBy: 'caller', receipts: [], messages: [] }, i18n.t);
    expect(text).toContain('Date: 2026-12-01 (Taipei time)');
    expect(text).toContain('Interpreter: (no name shown)');
    expect(text).toContain('You ended the call.');
    expect(text).toContain('(No text messages were written in this call.)');
    expect(text).not.toContain('Case numbers');
    await i18n.changeLanguage('zh-TW');
  });

  it('names the file by the call’s Taipei date and time, in ASCII', () => {
    expect(transcriptFileName(Date.parse('2026-11-30T19:23:00Z'), 0)).toBe('sign-relay-1999-conversation-20261201-0323.txt');
  });
});
