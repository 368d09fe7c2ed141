// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n, mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import type { GuestSignaling } from './useGuestSignaling.ts';

/** What the caller's connection reports: the server refused it for too many connections. */
const signaling: GuestSignaling = { socket: null, connected: false, refused: null, tokenError: null, retry: vi.fn(), reconnect: vi.fn() };
vi.mock('./useGuestSignaling.ts', () => ({ useGuestSignaling: () => signaling }));
vi.mock('../cameraCheck/useCameraCheck.ts', async (original) => ({
  ...(await original<Record<string, unknown>>()),
  useCameraCheck: () => ({ state: 'ok', track: null, retry: () => undefined }),
  cameraReport: () => 'ok',
}));
vi.mock('../entry/useServiceStatus.ts', async (original) => ({
  ...(await original<Record<string, unknown>>()),
  useServiceStatus: () => ({ status: null, receivedAt: 0, error: 'UNAVAILABLE', refresh: () => undefined }),
}));

const { CallerPage } = await import('./CallerPage.tsx');

let m: Mounted;
beforeEach(async () => {
  await i18n.changeLanguage('zh-TW');
  sessionStorage.clear();
  Object.assign(signaling, { refused: null, reconnect: vi.fn() });
  m = mount();
});
afterEach(() => m.unmount());

const click = (id: string): void => {
  const el = m.byTestId(id);
  if (!el) throw new Error(`no ${id} in: ${m.container.innerHTML.slice(0, 400)}`);
  act(() => el.click());
};

describe('CallerPage when the server refuses the connection as RATE_LIMITED (too many connections)', () => {
  it('leaves "joining" for a visible message in words with a retry that connects again', () => {
    m.render(<CallerPage />);
    click('start-video-call');
    click('topic-consultation');
    click('gender-any');
    click('queue-join');
    expect(m.container.querySelector('#joining-title')).not.toBeNull();

    signaling.refused = 'RATE_LIMITED';
    m.render(<CallerPage />);
    const notice = m.byTestId('queue-join-error');
    expect(notice?.dataset.error).toBe('RATE_LIMITED');
    expect(notice?.getAttribute('role')).toBe('alert');
    expect(notice?.textContent).toContain('這個通話可能已在其他視窗開啟');
    expect(notice?.textContent).toContain('您所在網路的連線太多');

    click('queue-join-retry');
    expect(signaling.reconnect).toHaveBeenCalledTimes(1);
  });

  it('says the same in English', async () => {
    await i18n.changeLanguage('en');
    signaling.refused = 'RATE_LIMITED';
    m.render(<CallerPage />);
    click('start-video-call');
    click('topic-consultation');
    click('gender-any');
    click('queue-join');
    expect(m.byTestId('queue-join-error')?.textContent).toContain('may already be open in other windows');
  });
});
