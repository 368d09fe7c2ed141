// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ack, ClientEventName, PendingDraft } from '@sign-relay/shared';
import { FakeSocket } from '../../test/fakeSocket.ts';
import { i18n, mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import { PendingDrafts } from './PendingDrafts.tsx';
import { asChatSessionId } from '@sign-relay/shared/testing/ids.ts';

const DRAFT: PendingDraft = {
  ref: { kind: 'chat', sessionId: asChatSessionId('9b2d3c4e-5f60-4718-9a2b-3c4d5e6f7a8b') },
  draft: { service: 'dispatch', dispatchItem: 'D01', district: 'daan', description: '信義路三段路面坑洞，機車容易摔倒' },
  updatedAt: Date.UTC(2026, 11, 1, 6, 5),
};

/** The desk's side of case:drafts (and an empty case form when one is opened). */
class DraftServer extends FakeSocket {
  drafts: PendingDraft[] = [DRAFT];
  protected answer(event: ClientEventName): Ack<unknown> {
    switch (event) {
      case 'case:drafts':
        return { ok: true, data: this.drafts };
      case 'case:open':
        return { ok: true, data: { ref: DRAFT.ref, draft: DRAFT.draft, version: 3, readBack: null, context: { topic: 'dispatch', channel: 'web', kioskId: null, kiosk: null, contact: null, earlier: [] }, filed: [] } };
      default:
        return { ok: false, error: { code: 'UNKNOWN_EVENT', message: event } };
    }
  }
}

let m: Mounted;
let server: DraftServer;
const settle = async (): Promise<void> => {
  await act(async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  });
};

beforeEach(async () => {
  await i18n.changeLanguage('zh-TW');
  // The district map's boundaries are a file the page fetches; here there is no server for it.
  vi.stubGlobal('fetch', async () => new Response('not here', { status: 404 }));
  server = new DraftServer();
  m = mount();
});
afterEach(() => {
  m.unmount();
  vi.unstubAllGlobals();
});

describe('PendingDrafts', () => {
  it('lists a draft left unfiled, with its service, item, time and text, and opens its form on the desk', async () => {
    m.render(<PendingDrafts socket={server.asSocket()} hide={[]} />);
    await settle();
    const list = m.container.querySelector('[data-testid="pending-drafts"]');
    expect(list?.getAttribute('data-count')).toBe('1');
    const row = m.container.querySelector('[data-testid="pending-draft"]');
    expect(row?.textContent).toContain('派工・市區道路坑洞處理');
    expect(row?.textContent).toContain('14:05 儲存');
    expect(row?.textContent).toContain('信義路三段路面坑洞');
    const open = m.container.querySelector<HTMLButtonElement>('[data-testid="pending-draft-open"]')!;
    expect(open.getAttribute('aria-expanded')).toBe('false');
    await act(async () => open.click());
    await settle();
    expect(open.getAttribute('aria-expanded')).toBe('true');
    expect(server.count('case:open')).toBe(1);
    expect(m.container.querySelector('[data-testid="case-form"]')).not.toBeNull();
  });

  it('leaves out a chat still shown on the desk (its card holds its form), and lists it once the card is closed', async () => {
    m.render(<PendingDrafts socket={server.asSocket()} hide={[DRAFT.ref.kind === 'chat' ? DRAFT.ref.sessionId : '']} />);
    await settle();
    expect(m.container.querySelector('[data-testid="pending-drafts"]')).toBeNull();
    m.render(<PendingDrafts socket={server.asSocket()} hide={[]} />);
    await settle();
    expect(server.count('case:drafts')).toBe(2);
    expect(m.container.querySelector('[data-testid="pending-drafts"]')?.getAttribute('data-count')).toBe('1');
  });

  it('shows nothing when there is nothing to finish, and asks again after a reconnection', async () => {
    server.drafts = [];
    m.render(<PendingDrafts socket={server.asSocket()} hide={[]} />);
    await settle();
    expect(m.container.querySelector('[data-testid="pending-drafts"]')).toBeNull();
    server.drafts = [DRAFT];
    server.drop();
    server.reconnect();
    await settle();
    expect(server.count('case:drafts')).toBe(2);
    expect(m.container.querySelector('[data-testid="pending-drafts"]')).not.toBeNull();
  });
});
