// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SurfaceProvider, WEB } from '../../surface/surface.ts';
import type { Surface } from '../../surface/surface.ts';
import { i18n, mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import { CallbackForm } from './CallbackForm.tsx';

let m: Mounted;
beforeEach(async () => {
  await i18n.changeLanguage('zh-TW');
  m = mount();
});
afterEach(() => m.unmount());

/** The form on a surface, with "video call back" chosen so that both the mobile and the e-mail field show. */
async function formOn(surface: Surface): Promise<HTMLFormElement> {
  m.render(
    <SurfaceProvider value={surface}>
      <CallbackForm onCancel={() => undefined} />
    </SurfaceProvider>,
  );
  await act(async () => m.container.querySelector<HTMLInputElement>('[data-testid="callback-method-video"] input')!.click());
  return m.container.querySelector<HTMLFormElement>('[data-testid="callback-form"]')!;
}

const fields = (form: HTMLFormElement) => [...form.querySelectorAll<HTMLElement>('input, textarea, select')];

describe('the call-back form', () => {
  it('asks a kiosk’s browser to remember and suggest nothing a visitor types (review #19)', async () => {
    const form = await formOn({ kind: 'kiosk', kioskId: 'DA-01' });
    expect(form.getAttribute('autocomplete')).toBe('off');
    const all = fields(form);
    expect(all.map((f) => f.getAttribute('data-testid'))).toEqual(expect.arrayContaining(['callback-name', 'callback-phone', 'callback-email', 'callback-topic', 'callback-note']));
    for (const f of all) expect(f.getAttribute('autocomplete'), f.outerHTML).toBe('off');
  });

  it('lets a caller’s own browser fill in their name, mobile and e-mail', async () => {
    const form = await formOn(WEB);
    expect(form.getAttribute('autocomplete')).toBeNull();
    const hint = (testId: string) => form.querySelector(`[data-testid="${testId}"]`)!.getAttribute('autocomplete');
    expect([hint('callback-name'), hint('callback-phone'), hint('callback-email')]).toEqual(['name', 'tel', 'email']);
  });
});
