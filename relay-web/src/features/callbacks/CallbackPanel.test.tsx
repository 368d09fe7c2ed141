// @vitest-environment happy-dom
import { act } from 'react';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallbackItem, CallbackPage, UserId } from '@sign-relay/shared';
import type { StaffUser } from '../../auth/StaffAuth.ts';
import { i18n, mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import { CallbackCount, CallbackPanel } from './CallbackPanel.tsx';
import { useCallbackList } from './useCallbackList.ts';

const ME: StaffUser = { id: 'a1b2c3d4-0000-4000-8000-000000000001' as UserId, username: 'lin', displayName: '林翻譯', role: 'interpreter', gender: null };

function item(n: number, claimedBy: CallbackItem['claimedBy'] = null): CallbackItem {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    reference: `CB-1202-${String(n).padStart(3, '0')}`,
    method: 'sms',
    name: `來電者${n}`,
    phone: '0912-•••-678',
    email: null,
    masked: true,
    topic: null,
    note: null,
    channel: 'web',
    kioskId: null,
    createdAt: Date.UTC(2026, 11, 2, 1, 0) - n * 60_000,
    claimedBy,
    claimedAt: claimedBy ? Date.UTC(2026, 11, 2, 1, 0) : null,
    outcome: null,
    outcomeNote: null,
    doneBy: null,
    doneAt: null,
    caseId: null,
    caseNumber: null,
  };
}

/** The server's open list: 45 requests, newest first, 20 a page; a claim puts the request first. */
class ListServer {
  open: CallbackItem[] = Array.from({ length: 45 }, (_, n) => item(n + 1));
  asked: string[] = [];
  fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://desk.test');
    this.asked.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`);
    const claim = /^\/api\/callbacks\/([^/]+)\/claim$/.exec(url.pathname);
    if (claim) {
      const at = this.open.findIndex((i) => i.id === claim[1]);
      const taken = { ...this.open[at]!, claimedBy: { id: ME.id, name: ME.displayName }, claimedAt: Date.now(), masked: false };
      this.open.splice(at, 1);
      this.open.unshift(taken);
      return Response.json(taken);
    }
    const page = Number(url.searchParams.get('page'));
    const pageSize = Number(url.searchParams.get('pageSize'));
    const body: CallbackPage = { items: this.open.slice((page - 1) * pageSize, page * pageSize), total: this.open.length, page, pageSize };
    return Response.json(body);
  };
}

const AUTH = { token: () => 'staff-token', renew: async () => 'staff-token' };

function Desk(): ReactElement {
  const list = useCallbackList(AUTH, 60_000);
  return (
    <>
      <CallbackCount list={list} />
      <CallbackPanel list={list} user={ME} socket={null} />
    </>
  );
}

let m: Mounted;
let server: ListServer;
const settle = async (): Promise<void> => {
  await act(async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  });
};
const q = <T extends HTMLElement = HTMLElement>(testId: string): T => m.container.querySelector<T>(`[data-testid="${testId}"]`)!;
const names = () => [...m.container.querySelectorAll('[data-testid="callback-item"] h3')].map((h) => h.textContent);

beforeEach(async () => {
  await i18n.changeLanguage('zh-TW');
  server = new ListServer();
  vi.stubGlobal('fetch', server.fetch);
  m = mount();
});
afterEach(() => {
  m.unmount();
  vi.unstubAllGlobals();
});

describe('the desk’s call-back list (review #15)', () => {
  it('pages the open requests, says which page of how many open, and counts them all', async () => {
    m.render(<Desk />);
    await settle();
    expect(server.asked).toEqual(['GET /api/callbacks?page=1&pageSize=20']);
    expect(names()).toHaveLength(20);
    expect(names()[0]).toBe('來電者1');
    expect(q('callback-count').getAttribute('data-count')).toBe('45');
    expect(q('callbacks').getAttribute('data-count')).toBe('45');
    expect(q('callbacks-page-of').textContent).toBe('第 1 頁，共 45 筆');
    expect(q<HTMLButtonElement>('callbacks-page-prev').disabled).toBe(true);

    await act(async () => q('callbacks-page-next').click());
    await settle();
    expect(server.asked.at(-1)).toBe('GET /api/callbacks?page=2&pageSize=20');
    expect(names()[0]).toBe('來電者21');
    expect(q('callbacks-page-of').textContent).toBe('第 2 頁，共 45 筆');

    await act(async () => i18n.changeLanguage('en'));
    expect(q('callbacks-page-of').textContent).toBe('Page 2, 45 open');
    expect(q('callbacks-pager').getAttribute('aria-label')).toBe('Call-back list pages');
  });

  it('is worked with the keyboard: the pager is buttons, and reaching the last page leaves the focus on the way back', async () => {
    m.render(<Desk />);
    await settle();
    const next = q<HTMLButtonElement>('callbacks-page-next');
    expect(next.tagName).toBe('BUTTON');
    next.focus();
    await act(async () => next.click());
    await settle();
    await act(async () => q('callbacks-page-next').click());
    await settle();
    expect(q('callbacks-page-of').getAttribute('data-page')).toBe('3');
    expect(names()).toHaveLength(5);
    expect(q<HTMLButtonElement>('callbacks-page-next').disabled).toBe(true);
    expect(document.activeElement).toBe(q('callbacks-page-prev'));
  });

  it('follows a request this desk takes to the first page, where its own come first', async () => {
    m.render(<Desk />);
    await settle();
    await act(async () => q('callbacks-page-next').click());
    await settle();
    const claim = m.container.querySelector<HTMLButtonElement>('[data-reference="CB-1202-025"] [data-testid="callback-claim"]')!;
    await act(async () => claim.click());
    await settle();
    expect(q('callbacks-page-of').getAttribute('data-page')).toBe('1');
    expect(names()[0]).toBe('來電者25');
    expect(m.container.querySelector('[data-testid="callback-item"]')!.getAttribute('data-claimed')).toBe('me');
  });

  it('shows no pager while every open request fits on one page', async () => {
    server.open = server.open.slice(0, 3);
    m.render(<Desk />);
    await settle();
    expect(names()).toHaveLength(3);
    expect(q('callbacks-pager')).toBeNull();
  });

  it('goes back to the last page there is when requests closed meanwhile empty the one shown', async () => {
    m.render(<Desk />);
    await settle();
    await act(async () => q('callbacks-page-next').click());
    await settle();
    await act(async () => q('callbacks-page-next').click());
    await settle();
    expect(q('callbacks-page-of').getAttribute('data-page')).toBe('3');
    // Colleagues closed 15: the next fetch finds page 3 gone.
    server.open = server.open.slice(0, 30);
    await act(async () => document.dispatchEvent(new Event('visibilitychange')));
    await settle();
    expect(q('callbacks-page-of').getAttribute('data-page')).toBe('2');
    expect(q('callbacks-page-of').textContent).toBe('第 2 頁，共 30 筆');
    expect(names()).toHaveLength(10);
  });
});
