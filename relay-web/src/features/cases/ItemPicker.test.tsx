// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { i18n, mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import { ItemPicker } from './ItemPicker.tsx';

let m: Mounted;
let picked: (string | undefined)[];

function render(value: string | undefined): void {
  m.render(<ItemPicker id="item" value={value} onChange={(c) => picked.push(c)} a11y={{}} />);
}
const input = (): HTMLInputElement => m.byTestId('case-item-input') as HTMLInputElement;
const options = (): string[] => [...m.container.querySelectorAll<HTMLElement>('[data-testid="case-item-option"]')].map((o) => o.dataset.code ?? '');

function type(text: string): void {
  act(() => {
    const el = input();
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    setter?.call(el, text);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
function key(k: string): void {
  act(() => {
    input().dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
  });
}

beforeEach(async () => {
  await i18n.changeLanguage('zh-TW');
  picked = [];
  m = mount();
});
afterEach(() => m.unmount());

describe('ItemPicker', () => {
  it('finds items by code, Chinese or English words, and picks with the arrows and Enter', () => {
    render(undefined);
    type('tree');
    // Whole words first: the street tree before the street light.
    expect(options()).toEqual(['D07', 'D06']);
    expect(input().getAttribute('aria-expanded')).toBe('true');
    key('Enter');
    expect(picked).toEqual(['D07']);

    type('路燈');
    expect(options()).toEqual(['D06']);
    type('d1');
    expect(options()).toEqual(['D10', 'D11', 'D12', 'D13', 'D14', 'D15', 'D16', 'D17', 'D18', 'D19']);
    // Typing opened the list on its first item; the arrows move from there.
    expect(input().getAttribute('aria-activedescendant')).toMatch(/-D10$/);
    key('ArrowDown');
    key('ArrowDown');
    expect(input().getAttribute('aria-activedescendant')).toMatch(/-D12$/);
    key('ArrowUp');
    key('Enter');
    expect(picked.at(-1)).toBe('D11');
  });

  it('says when nothing matches; Escape closes the list', () => {
    render(undefined);
    type('xyzzy');
    expect(options()).toEqual([]);
    expect(m.container.textContent).toContain('找不到符合的項目');
    key('Escape');
    expect(input().getAttribute('aria-expanded')).toBe('false');
    expect(picked).toEqual([]);
  });

  it('shows the chosen item in the screen language and marks it selected in the list', async () => {
    render('D22');
    expect(input().value).toBe('D22 動物救援');
    await act(() => i18n.changeLanguage('en'));
    render('D22');
    expect(input().value).toBe('D22 animal rescue');
    key('ArrowDown');
    const selected = m.container.querySelector('[role="option"][aria-selected="true"]');
    expect(selected?.getAttribute('data-code')).toBe('D22');
  });
});
