// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SignalingSocket } from '../../signaling/socket.ts';
import { i18n, mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import type { GuestSignaling } from '../caller/useGuestSignaling.ts';

/** The caller's connection as the page sees it; each test sets what the server did with it. */
const signaling: GuestSignaling = { socket: null, connected: false, refused: null, tokenError: null, retry: vi.fn(), reconnect: vi.fn() };
vi.mock('../caller/useGuestSignaling.ts', () => ({ useGuestSignaling: () => signaling }));

const { CallerChatPage } = await import('./CallerChatPage.tsx');

/** A socket whose `chat:start` is recorded and never answered (the test only asks whether it was sent). */
function recordingSocket(): { socket: SignalingSocket; starts: () => number } {
  let starts = 0;
  const fake = {
    connected: true,
    timeout: () => fake,
    emitWithAck: (event: string) => {
      if (event === 'chat:start') starts += 1;
      return new Promise(() => undefined);
    },
  };
  const socket = fake as unknown as SignalingSocket;
  return { socket, starts: () => starts };
}

let m: Mounted;
beforeEach(async () => {
  await i18n.changeLanguage('zh-TW');
  sessionStorage.clear();
  Object.assign(signaling, { socket: null, connected: false, refused: null, tokenError: null, reconnect: vi.fn() });
  m = mount();
});
afterEach(() => m.unmount());

describe('CallerChatPage when the server refuses the connection as RATE_LIMITED (too many connections)', () => {
  it('shows the refusal in words instead of "starting…", and "start" connects again and then starts', () => {
    const { socket, starts } = recordingSocket();
    signaling.socket = socket;
    signaling.refused = 'RATE_LIMITED';
    m.render(<CallerChatPage />);
    const notice = m.byTestId('chat-start-error');
    expect(notice?.dataset.error).toBe('RATE_LIMITED');
    expect(notice?.textContent).toContain('這個對話可能已在其他視窗開啟');
    expect(m.byTestId('start-text-chat')?.hasAttribute('disabled')).toBe(false);

    act(() => m.byTestId('start-text-chat')?.click());
    expect(signaling.reconnect).toHaveBeenCalledTimes(1);
    expect(starts()).toBe(0);

    // The connection is accepted this time: the chat starts once it is up, not before.
    signaling.refused = null;
    m.render(<CallerChatPage />);
    expect(m.byTestId('chat-start-error')).toBeNull();
    expect(m.byTestId('start-text-chat')?.getAttribute('aria-busy')).toBe('true');
    expect(starts()).toBe(0);
    signaling.connected = true;
    m.render(<CallerChatPage />);
    expect(starts()).toBe(1);
  });

  it('says the same in English', async () => {
    await i18n.changeLanguage('en');
    signaling.refused = 'RATE_LIMITED';
    m.render(<CallerChatPage />);
    expect(m.byTestId('chat-start-error')?.textContent).toContain('this chat may already be open in other windows');
  });
});
