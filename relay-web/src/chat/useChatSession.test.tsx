// @vitest-environment happy-dom
/**
 * useChatSession against a scripted chat server (the real one is exercised by e2e/chat.spec.ts): the history
 * on every (re)connection, each message sent once per key, resent with the same key after a drop, a lost ack
 * or a reload, and shown at most once whatever arrives twice.
 */
import { act } from 'react';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientPayload } from '@sign-relay/shared';
import type { SignalingSocket } from '../signaling/socket.ts';
import { memoryStorage } from '../test/fakeAuth.ts';
import { FakeChatServer } from '../test/fakeChatServer.ts';
import { mount } from '../test/render.tsx';
import type { Mounted } from '../test/render.tsx';
import { useChatSession } from './useChatSession.ts';
import type { ChatSession, ChatSource } from './useChatSession.ts';
import { asChatSessionId } from '@sign-relay/shared/testing/ids.ts';

let m: Mounted;
let latest: ChatSession;
const storage = memoryStorage();

function Probe({ socket, source }: { socket: SignalingSocket; source: ChatSource }): ReactElement {
  latest = useChatSession({ socket, source, me: 'guest', storage });
  return <p>{latest.messages.length}</p>;
}

async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

function open(server: FakeChatServer): void {
  m.render(<Probe socket={server.asSocket()} source={{ kind: 'session', sessionId: asChatSessionId('s1') }} />);
}

beforeEach(() => {
  storage.data.clear();
  m = mount();
});
afterEach(() => {
  m.unmount();
  vi.useRealTimers();
});

describe('useChatSession', () => {
  it('loads the history on connecting, sends with a fresh key, and shows each message once', async () => {
    const server = new FakeChatServer();
    server.store('guest', 'k-earlier-1', 'hello');
    server.store('staff', 'k-staff-1', '您好');
    open(server);
    await settle();
    expect(latest.messages.map((x) => x.seq)).toEqual([1, 2]);
    expect(latest.session?.state).toBe('active');

    act(() => void latest.send('  地址是市府路1號  '));
    await settle();
    const [sent] = server.sends();
    expect(sent?.body).toBe('地址是市府路1號');
    expect(sent?.clientKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(latest.outbox).toEqual([]);
    // The server's live echo of the same message, and a repeated delivery of a staff message, change nothing.
    act(() => {
      server.notify('chat:message', server.messages[2]!);
      server.notify('chat:message', server.messages[1]!);
    });
    expect(latest.messages.map((x) => x.id)).toEqual(['id1', 'id2', 'id3']);
  });

  it('refuses empty and over-long messages without sending', async () => {
    const server = new FakeChatServer();
    open(server);
    await settle();
    let refusals: (string | null)[] = [];
    act(() => {
      refusals = [latest.send('   \n '), latest.send('字'.repeat(2001))];
    });
    expect(refusals).toEqual(['empty', 'too-long']);
    expect(server.sends()).toEqual([]);
  });

  it('holds messages written while offline and sends them after the history, with their keys, once', async () => {
    const server = new FakeChatServer();
    open(server);
    await settle();
    act(() => server.drop());
    act(() => {
      latest.send('one');
      latest.send('two');
    });
    await settle();
    expect(server.sends()).toEqual([]);
    expect(latest.outbox.map((e) => [e.body, e.state, e.error])).toEqual([
      ['one', 'failed', 'OFFLINE'],
      ['two', 'failed', 'OFFLINE'],
    ]);
    const keys = latest.outbox.map((e) => e.clientKey);
    // Someone else's message arrived at the server meanwhile.
    server.store('staff', 'k-staff-2', 'still there?');
    act(() => server.reconnect());
    await settle();
    const resumeAt = server.sent.findIndex((s) => s.event === 'chat:resume' && server.sent.indexOf(s) > 0);
    const firstSend = server.sent.findIndex((s) => s.event === 'chat:send');
    expect(resumeAt).toBeLessThan(firstSend);
    expect(server.sends().map((s) => s.clientKey)).toEqual(keys);
    expect(latest.messages.map((x) => x.body)).toEqual(['still there?', 'one', 'two']);
    expect(latest.outbox).toEqual([]);
  });

  it('retries a message whose answer was lost with the same key; the server keeps it once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const server = new FakeChatServer();
    // The first try is stored, but its answer never arrives.
    server.script.set('chat:send', [
      (p) => {
        const q = p as ClientPayload<'chat:send'>;
        server.store('guest', q.clientKey, q.body);
        return 'no-answer';
      },
    ]);
    open(server);
    await settle();
    act(() => void latest.send('once only'));
    await settle();
    expect(latest.outbox[0]).toMatchObject({ state: 'failed', error: 'TIMEOUT' });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1_100);
    });
    await settle();
    const [a, b] = server.sends();
    expect(b?.clientKey).toBe(a?.clientKey);
    expect(server.messages).toHaveLength(1);
    expect(latest.messages.map((x) => x.body)).toEqual(['once only']);
    expect(latest.outbox).toEqual([]);
  });

  it('keeps the outbox across a reload of the tab and resends it with the same key', async () => {
    const server = new FakeChatServer();
    server.script.set('chat:send', [() => 'no-answer']);
    open(server);
    await settle();
    act(() => void latest.send('before the reload'));
    await settle();
    const key = server.sends()[0]?.clientKey;
    m.unmount();
    m = mount();
    open(server);
    await settle();
    expect(server.sends().map((s) => s.clientKey)).toEqual([key, key]);
    expect(latest.messages.map((x) => x.body)).toEqual(['before the reload']);
    expect(storage.data.size).toBe(0);
  });

  it('asks for what it missed when a live message skips ahead', async () => {
    const server = new FakeChatServer();
    server.store('staff', 'k1-xxxxxx', 'a');
    open(server);
    await settle();
    server.store('staff', 'k2-xxxxxx', 'b');
    const third = server.store('staff', 'k3-xxxxxx', 'c');
    act(() => server.notify('chat:message', third));
    await settle();
    expect(server.sent.some((s) => s.event === 'chat:sync' && s.payload.afterSeq === 1)).toBe(true);
    expect(latest.messages.map((x) => x.body)).toEqual(['a', 'b', 'c']);
  });

  it('shows the other side typing until they stop, send, or go quiet', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const server = new FakeChatServer();
    open(server);
    await settle();
    act(() => server.notify('chat:typing', { sessionId: asChatSessionId('s1'), from: 'staff', typing: true }));
    expect(latest.otherTyping).toBe(true);
    act(() => server.notify('chat:typing', { sessionId: asChatSessionId('s1'), from: 'guest', typing: false }));
    expect(latest.otherTyping).toBe(true);
    act(() => server.notify('chat:message', server.store('staff', 'k-typed-1', 'done')));
    expect(latest.otherTyping).toBe(false);
    act(() => server.notify('chat:typing', { sessionId: asChatSessionId('s1'), from: 'staff', typing: true }));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(6_100);
    });
    expect(latest.otherTyping).toBe(false);
  });

  it('notifies typing at most every 2 s, and stops when the message goes', async () => {
    const server = new FakeChatServer();
    open(server);
    await settle();
    act(() => {
      latest.typed('h');
      latest.typed('he');
      latest.typed('hel');
    });
    act(() => void latest.send('hel'));
    await settle();
    const typing = server.sent.filter((s) => s.event === 'chat:typing').map((s) => s.payload.typing);
    expect(typing).toEqual([true, false]);
  });

  it('ends: the chat is read-only and says who ended it', async () => {
    const server = new FakeChatServer();
    open(server);
    await settle();
    act(() => server.notify('chat:ended', { sessionId: asChatSessionId('s1'), by: 'staff', reason: 'ended' }));
    expect(latest.ended).toEqual({ by: 'staff', reason: 'ended' });
    let refused: string | null = null;
    act(() => {
      refused = latest.send('too late');
    });
    expect(refused).toBe('closed');
  });
});
