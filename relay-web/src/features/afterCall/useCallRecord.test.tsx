// @vitest-environment happy-dom
/**
 * useCallRecord against a scripted server: the call's chat found during the call and kept as messages arrive,
 * the whole chat asked again once the call is over (a message may cross the hang-up), the interpreter's name
 * and the caller's own hang-up from the call screen, only the receipts filed since the call began, and nothing
 * left once the caller moves on.
 */
import { act } from 'react';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ack, CallId, CaseReceipt, ChatMessage, ChatSessionInfo, ClientEventName } from '@sign-relay/shared';
import type { SignalingSocket } from '../../signaling/socket.ts';
import { FakeSocket } from '../../test/fakeSocket.ts';
import { mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import type { CallerStep } from '../caller/callerFlow.ts';
import { useCallRecord } from './useCallRecord.ts';
import type { CallRecordHandle } from './useCallRecord.ts';
import { asChatSessionId, asEntryId } from '@sign-relay/shared/testing/ids.ts';

const CALL = 'call-1' as CallId;
const message = (seq: number, from: ChatMessage['from'], body: string): ChatMessage => ({ id: `m${seq}`, sessionId: asChatSessionId('chat-1'), seq, from, senderName: from === 'staff' ? '林美華' : '', body, clientKey: `key-${seq}-abcdef`, at: 1_000 + seq });
const session: ChatSessionInfo = { sessionId: asChatSessionId('chat-1'), kind: 'call', state: 'active', createdAt: 500, interpreterName: null, channel: 'web', kioskId: null, topic: null, callId: CALL };
const receipt = (seq: number): CaseReceipt => ({ number: `1999-20261201-${String(seq).padStart(6, '0')}`, service: 'consultation', dispatchItem: null, district: null, place: null, text: '問路燈', filedAt: seq });

class FakeChatServer extends FakeSocket {
  stored: ChatMessage[] = [];
  protected answer(event: ClientEventName): Ack<unknown> {
    switch (event) {
      case 'chat:forCall':
        return { ok: true, data: { session, messages: [...this.stored], earlier: [] } };
      case 'chat:resume':
        return { ok: true, data: { session: { ...session, state: 'ended' }, messages: [...this.stored], status: null } };
      default:
        return { ok: false, error: { code: 'UNKNOWN_EVENT', message: event } };
    }
  }
}

let m: Mounted;
let server: FakeChatServer;
let latest: CallRecordHandle;

function Probe({ socket, step, receipts }: { socket: SignalingSocket; step: CallerStep; receipts: CaseReceipt[] }): ReactElement {
  latest = useCallRecord(socket, step, receipts);
  return <p>{latest.record?.messages.length ?? '-'}</p>;
}

async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

const inCall: CallerStep = { step: 'in-call', entryId: asEntryId('e1'), callId: CALL, connectedAt: 10_000 };
const over: CallerStep = { step: 'over', outcome: { kind: 'ended', reason: 'hangup' } };

beforeEach(() => {
  server = new FakeChatServer();
  m = mount();
});
afterEach(() => m.unmount());

describe('useCallRecord', () => {
  it('keeps the call’s chat, the names and the caller’s hang-up, and asks for the whole chat once the call is over', async () => {
    server.stored = [message(1, 'staff', '請把地址打給我')];
    const before = [receipt(1)];
    m.render(<Probe socket={server.asSocket()} step={{ step: 'waiting', entryId: asEntryId('e1'), status: null, requeued: false, leaving: false }} receipts={before} />);
    expect(latest.record).toBeNull();
    m.render(<Probe socket={server.asSocket()} step={inCall} receipts={before} />);
    await settle();
    expect(latest.record).toMatchObject({ callId: CALL, startedAt: 10_000, endedAt: null, receiptsBefore: [receipt(1).number] });
    expect(latest.record?.messages.map((x) => x.body)).toEqual(['請把地址打給我']);

    // A live message of this chat is kept; one of another chat is not.
    act(() => server.notify('chat:message', message(2, 'guest', '市府路1號')));
    act(() => server.notify('chat:message', { ...message(3, 'guest', '別的對話'), sessionId: asChatSessionId('other') }));
    expect(latest.record?.messages.map((x) => x.seq)).toEqual([1, 2]);
    act(() => latest.note({ interpreterNames: ['林美華'] }));
    act(() => latest.note({ interpreterNames: ['林美華', '陳'] }));
    act(() => latest.note({ hungUpHere: true }));
    expect(latest.record).toMatchObject({ interpreterNames: ['林美華', '陳'], hungUpHere: true, complete: false });

    // A message crossed the hang-up: the server's whole chat after the end has it.
    server.stored = [message(1, 'staff', '請把地址打給我'), message(2, 'guest', '市府路1號'), message(4, 'staff', '好的，已記下')];
    m.render(<Probe socket={server.asSocket()} step={over} receipts={[receipt(2), ...before]} />);
    await settle();
    expect(server.sent.filter((s) => s.event === 'chat:resume').map((s) => s.payload)).toEqual([{ sessionId: 'chat-1' }]);
    expect(latest.record?.complete).toBe(true);
    expect(latest.record?.messages.map((x) => x.seq)).toEqual([1, 2, 4]);
    expect(latest.record?.endedAt).not.toBeNull();

    // Call again: nothing of the call stays.
    m.render(<Probe socket={server.asSocket()} step={{ step: 'topic' }} receipts={[receipt(2), ...before]} />);
    await settle();
    expect(latest.record).toBeNull();
  });

  it('after a reload into a call: its start comes from the server’s record of the call’s chat', async () => {
    m.render(<Probe socket={server.asSocket()} step={inCall} receipts={[]} />);
    await settle();
    expect(latest.record?.startedAt).toBe(500);
  });

  it('asks for the chat again when the connection comes back after a failed try', async () => {
    m.render(<Probe socket={server.asSocket()} step={{ step: 'start' }} receipts={[]} />);
    m.render(<Probe socket={server.asSocket()} step={inCall} receipts={[]} />);
    await settle();
    server.drop();
    m.render(<Probe socket={server.asSocket()} step={over} receipts={[]} />);
    await settle();
    expect(latest.record?.complete).toBe(false);
    server.stored = [message(1, 'guest', '你好')];
    act(() => server.reconnect());
    await settle();
    expect(latest.record?.complete).toBe(true);
    expect(latest.record?.messages.map((x) => x.body)).toEqual(['你好']);
  });
});
