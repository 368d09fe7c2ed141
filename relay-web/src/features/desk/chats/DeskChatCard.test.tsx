// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeChatServer, SESSION } from '../../../test/fakeChatServer.ts';
import { i18n, mount } from '../../../test/render.tsx';
import type { Mounted } from '../../../test/render.tsx';
import { DeskChatCard } from './DeskChatCard.tsx';
import { asChatSessionId } from '@sign-relay/shared/testing/ids.ts';

let m: Mounted;
beforeEach(async () => {
  await i18n.changeLanguage('zh-TW');
  m = mount();
});
afterEach(() => m.unmount());

async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

describe('DeskChatCard', () => {
  it("ticks the caller's wait from their first unanswered message, and stops when the interpreter answers", async () => {
    const server = new FakeChatServer();
    const asked = server.store('guest', 'k-question-1', '請問？'); // at 1 000
    server.store('guest', 'k-question-2', '在嗎？'); // at 2 000
    const tab = { sessionId: asChatSessionId('s1'), session: SESSION, messages: [...server.messages], ended: false };
    const render = (now: number) => m.render(<DeskChatCard socket={server.asSocket()} tab={tab} number={1} now={now} onClose={() => undefined} onEnded={() => undefined} />);
    render(asked.at + 5_000);
    await settle();
    const waiting = () => m.byTestId('chat-waiting');
    expect(waiting()?.dataset.seconds).toBe('5');
    expect(waiting()?.textContent).toContain('0:05');
    render(asked.at + 65_000);
    expect(waiting()?.dataset.seconds).toBe('65');
    expect(waiting()?.textContent).toContain('1:05');
    expect(waiting()?.className).toContain('pill--error');

    act(() => server.notify('chat:message', server.store('staff', 'k-answer-1', '您好')));
    render(asked.at + 70_000);
    expect(waiting()?.dataset.seconds).toBe('');
    expect(waiting()?.textContent).toContain('已回覆');
  });

  it('counts messages that arrive while the interpreter looks elsewhere, until they look', async () => {
    const server = new FakeChatServer();
    const tab = { sessionId: asChatSessionId('s1'), session: SESSION, messages: [], ended: false };
    m.render(<DeskChatCard socket={server.asSocket()} tab={tab} number={2} now={10_000} onClose={() => undefined} onEnded={() => undefined} />);
    await settle();
    expect(m.byTestId('chat-unread')).toBeNull();
    act(() => {
      server.notify('chat:message', server.store('guest', 'k-one-1234', 'one'));
      server.notify('chat:message', server.store('guest', 'k-two-1234', 'two'));
    });
    expect(m.byTestId('chat-unread')?.dataset.count).toBe('2');
    act(() => {
      m.byTestId('chat-tab')?.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    });
    expect(m.byTestId('chat-unread')).toBeNull();
  });
});
