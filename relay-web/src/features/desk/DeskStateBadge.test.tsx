// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { i18n, mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import { DeskStateBadge } from './DeskStateBadge.tsx';

let m: Mounted;
beforeEach(async () => {
  await i18n.changeLanguage('zh-TW');
  m = mount();
});
afterEach(() => m.unmount());

describe('DeskStateBadge', () => {
  it('says 離線 for a desk with video off and no text chats', () => {
    m.render(<DeskStateBadge panel="offline" elapsedSec={65} breakReason={null} />);
    expect(m.byTestId('desk-state')?.textContent).toContain('離線');
    expect(m.byTestId('desk-state')?.textContent).toContain('1:05');
  });

  it('never says 離線 for a desk taking text chats with video off', () => {
    m.render(<DeskStateBadge panel="offline" elapsedSec={65} breakReason={null} chats={{ active: 0, seats: 3 }} />);
    expect(m.byTestId('desk-state')?.textContent).toContain('接收文字對話');
    expect(m.byTestId('desk-state')?.textContent).not.toContain('離線');
    m.render(<DeskStateBadge panel="offline" elapsedSec={65} breakReason={null} chats={{ active: 2, seats: 3 }} />);
    expect(m.byTestId('desk-state')?.textContent).toContain('文字對話中 (2/3)');
    expect(m.byTestId('desk-state')?.dataset.chats).toBe('2');
  });

  it('in English too, and keeps the video state when video is on', async () => {
    await i18n.changeLanguage('en');
    m.render(<DeskStateBadge panel="offline" elapsedSec={0} breakReason={null} chats={{ active: 1, seats: 3 }} />);
    expect(m.byTestId('desk-state')?.textContent).toContain('Text chats (1/3)');
    expect(m.byTestId('desk-state')?.textContent).not.toMatch(/offline/i);
    m.render(<DeskStateBadge panel="available" elapsedSec={0} breakReason={null} chats={{ active: 1, seats: 3 }} />);
    expect(m.byTestId('desk-state')?.dataset.state).toBe('available');
    expect(m.byTestId('desk-state')?.textContent).toContain('Available');
  });
});
