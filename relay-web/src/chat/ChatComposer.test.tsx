// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n, mount } from '../test/render.tsx';
import type { Mounted } from '../test/render.tsx';
import { ChatComposer, TOUCH_QUERY } from './ChatComposer.tsx';
import type { SendRefusal } from './useChatSession.ts';

let m: Mounted;
let sent: string[];
const onSend = (body: string): SendRefusal | null => {
  if (!body.trim()) return 'empty';
  sent.push(body);
  return null;
};

beforeEach(async () => {
  await i18n.changeLanguage('zh-TW');
  sent = [];
  m = mount();
  m.render(<ChatComposer onSend={onSend} onTyped={() => undefined} disabled={false} />);
});
afterEach(() => m.unmount());

const input = () => m.byTestId('chat-input') as HTMLTextAreaElement;

/** Sets the field as typing does (React listens for input events). */
function type(value: string): void {
  act(() => {
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
    setter?.call(input(), value);
    input().dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function key(init: KeyboardEventInit & { isComposing?: boolean }): void {
  act(() => {
    input().dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
  });
}

describe('ChatComposer', () => {
  it('sends with Enter and clears; Shift+Enter and Enter ending an IME composition do not send', () => {
    type('你好');
    key({ key: 'Enter', shiftKey: true });
    key({ key: 'Enter', isComposing: true });
    expect(sent).toEqual([]);
    key({ key: 'Enter' });
    expect(sent).toEqual(['你好']);
    expect(input().value).toBe('');
  });

  it('counts characters against 2,000 and refuses more, with words next to the field', () => {
    type('😀😀😀');
    expect(m.byTestId('chat-counter')?.dataset.count).toBe('3');
    expect(m.byTestId('chat-counter')?.textContent).toContain('3 / 2000');
    type('字'.repeat(2001));
    expect((m.byTestId('chat-send') as HTMLButtonElement).disabled).toBe(true);
    expect(m.byTestId('chat-input-error')?.dataset.problem).toBe('too-long');
    key({ key: 'Enter' });
    expect(sent).toEqual([]);
  });

  it('refuses an empty message', () => {
    type('   ');
    expect((m.byTestId('chat-send') as HTMLButtonElement).disabled).toBe(true);
    key({ key: 'Enter' });
    expect(sent).toEqual([]);
    expect(m.byTestId('chat-input-error')?.dataset.problem).toBe('empty');
  });
});

/** A screen whose media queries answer as a touch screen (or a desktop with a mouse) would. */
function screenOf(touch: boolean): void {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: touch && query === TOUCH_QUERY,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }));
}

describe('ChatComposer key hint', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('tells keyboard users about Enter and Shift+Enter', () => {
    m.unmount();
    screenOf(false);
    m = mount();
    m.render(<ChatComposer onSend={onSend} onTyped={() => undefined} disabled={false} />);
    expect(m.byTestId('chat-keys')?.textContent).toContain('Shift+Enter');
    expect(input().getAttribute('aria-describedby')).toContain('-keys');
  });

  it('leaves the key hint out on a touch screen (and out of the field description), and still sends', () => {
    m.unmount();
    screenOf(true);
    m = mount();
    m.render(<ChatComposer onSend={onSend} onTyped={() => undefined} disabled={false} />);
    expect(m.byTestId('chat-keys')).toBeNull();
    expect(m.container.textContent).not.toContain('Shift+Enter');
    expect(input().getAttribute('aria-describedby')).not.toContain('-keys');
    type('在這裡');
    act(() => (m.byTestId('chat-send') as HTMLButtonElement).click());
    expect(sent).toEqual(['在這裡']);
  });
});
