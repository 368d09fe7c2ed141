// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceTopic } from '@sign-relay/shared';
import { i18n, mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import { TopicScreen } from './TopicScreen.tsx';

let m: Mounted;
let picked: (ServiceTopic | null)[];

beforeEach(() => {
  picked = [];
  m = mount();
});
afterEach(() => m.unmount());

function render(): void {
  m.render(<TopicScreen onPick={(topic) => picked.push(topic)} onBack={() => undefined} />);
}

describe('TopicScreen', () => {
  it('puts plain words under the city word of each service', async () => {
    await i18n.changeLanguage('zh-TW');
    render();
    const plain = (topic: string) => m.byTestId(`topic-plain-${topic}`)?.textContent;
    expect([plain('consultation'), plain('transfer'), plain('petition'), plain('dispatch')]).toEqual(['問問題', '找機關', '抱怨・建議', '東西壞了']);
    expect(m.byTestId('topic-petition')?.textContent).toContain('陳情');
    expect(m.byTestId('topic-dispatch')?.textContent).toContain('派工');
    expect(m.byTestId('topic-dispatch')?.textContent).toContain('路燈');
  });

  it('says them in English too, and a tile picks its service', async () => {
    await i18n.changeLanguage('en');
    render();
    expect(m.byTestId('topic-plain-dispatch')?.textContent).toBe('Something is broken');
    expect(m.byTestId('topic-plain-transfer')?.textContent).toBe('Find an agency');
    act(() => (m.byTestId('topic-transfer') as HTMLButtonElement).click());
    expect(picked).toEqual(['transfer']);
  });
});
