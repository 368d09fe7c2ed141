// @vitest-environment happy-dom
import { act, useState } from 'react';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { i18n, mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import { ConsoleTabs } from './ConsoleTabs.tsx';
import type { ConsolePane } from './ConsoleTabs.tsx';

let m: Mounted;

function Tabs(): ReactElement {
  const [pane, setPane] = useState<ConsolePane>('case');
  return <ConsoleTabs idPrefix="c" pane={pane} onPane={setPane} badges={{ chat: { text: '2', alert: true, label: '2 則新訊息' } }} chatUnread={2} />;
}
const selected = (): string | null => m.container.querySelector('[role="tab"][aria-selected="true"]')?.getAttribute('data-pane') ?? null;
const press = (key: string): void =>
  act(() => {
    document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });

beforeEach(async () => {
  await i18n.changeLanguage('zh-TW');
  m = mount();
});
afterEach(() => m.unmount());

describe('ConsoleTabs', () => {
  it('opens on the case form with the focus on it, and moves with the arrow keys, Home and End', () => {
    m.render(<Tabs />);
    expect(selected()).toBe('case');
    expect(document.activeElement?.getAttribute('data-pane')).toBe('case');
    press('ArrowRight');
    expect(selected()).toBe('chat');
    expect(document.activeElement?.getAttribute('data-pane')).toBe('chat');
    press('End');
    expect(selected()).toBe('transfer');
    press('ArrowRight');
    expect(selected()).toBe('case');
    press('ArrowLeft');
    expect(selected()).toBe('transfer');
    press('Home');
    expect(selected()).toBe('case');
  });

  it('keeps the chat and hand-over buttons the desk always had, and shows a count without colour alone', () => {
    m.render(<Tabs />);
    const chat = m.byTestId('call-chat-open');
    expect(chat?.getAttribute('role')).toBe('tab');
    expect(chat?.dataset.unread).toBe('2');
    expect(chat?.getAttribute('aria-expanded')).toBe('false');
    expect(m.byTestId('console-badge-chat')?.textContent).toBe('22 則新訊息');
    act(() => m.byTestId('transfer-open')?.click());
    expect(m.byTestId('transfer-open')?.getAttribute('aria-selected')).toBe('true');
    expect(m.byTestId('transfer-open')?.getAttribute('aria-controls')).toBe('c-pane-transfer');
  });
});
