// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDraft, ReadBackState } from '@sign-relay/shared';
import { i18n, mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import { CaseForm } from './CaseForm.tsx';
import type { CaseWorkspaceActions, CaseWorkspaceModel } from './useCaseWorkspace.ts';

let m: Mounted;
const calls: string[] = [];

function model(draft: CaseDraft, p: Partial<CaseWorkspaceModel> = {}): CaseWorkspaceModel & CaseWorkspaceActions {
  return {
    phase: 'ready',
    loadError: null,
    context: { topic: 'petition', channel: 'web', kioskId: null, kioskVerified: false, kiosk: null, contact: null, earlier: [] },
    filedHere: [],
    draft,
    save: 'saved',
    readBack: null,
    busy: null,
    serverProblems: [],
    actionError: null,
    filed: null,
    reloaded: false,
    change: (patch) => calls.push(`change ${JSON.stringify(patch)}`),
    sendReadBack: () => calls.push('readBack'),
    file: (reason) => calls.push(`file ${reason ?? ''}`),
    retry: () => calls.push('retry'),
    dismissFiled: () => calls.push('dismiss'),
    ...p,
  };
}
const rules = (): string[] => [...m.container.querySelectorAll('[data-testid="case-problems"] li')].map((li) => li.getAttribute('data-rule') ?? '');
const button = (id: string): HTMLButtonElement => m.byTestId(id) as HTMLButtonElement;
const readBack = (p: Partial<ReadBackState>): ReadBackState => ({ id: 'rb1', sentAt: Date.UTC(2026, 11, 1, 2, 5), answer: null, answeredAt: null, current: true, ...p });
const petition: CaseDraft = { service: 'petition', callerName: '王小明', callerPhone: '0912345678', description: '公園路燈不亮' };

beforeEach(async () => {
  await i18n.changeLanguage('zh-TW');
  calls.length = 0;
  m = mount();
});
afterEach(() => m.unmount());

describe('CaseForm', () => {
  it('a petition shows the city rule and lists what is missing; nothing can be sent or filed yet', () => {
    m.render(<CaseForm model={model({ service: 'petition' })} idPrefix="t" withMap={false} />);
    expect(m.byTestId('case-petition-rule')?.textContent).toContain('陳情須具真實姓名及聯絡方式（不受理匿名）');
    expect(m.byTestId('case-form')?.dataset.service).toBe('petition');
    expect(m.container.querySelector('[data-testid="case-service-petition"]')?.textContent).toContain('來電者選的');
    expect(rules()).toEqual(['name-required', 'contact-required', 'description-required']);
    expect(m.byTestId('case-problems')?.textContent).toContain('陳情要有真實姓名');
    expect(button('case-readback').disabled).toBe(true);
    expect(button('case-file').disabled).toBe(true);
  });

  it('a complete case can be read back; filing waits for the caller’s 正確 on the current content', () => {
    m.render(<CaseForm model={model(petition)} idPrefix="t" withMap={false} />);
    expect(rules()).toEqual([]);
    expect(m.byTestId('case-readback-state')?.dataset.state).toBe('none');
    button('case-readback').click();
    expect(calls).toContain('readBack');
    expect(button('case-file').disabled).toBe(true);

    m.render(<CaseForm model={model(petition, { readBack: readBack({}) })} idPrefix="t" withMap={false} />);
    expect(m.byTestId('case-readback-state')?.dataset.state).toBe('sent');
    m.render(<CaseForm model={model(petition, { readBack: readBack({ answer: 'change', answeredAt: Date.UTC(2026, 11, 1, 2, 6) }) })} idPrefix="t" withMap={false} />);
    expect(m.byTestId('case-readback-state')?.textContent).toContain('來電者要修改（10:06）');
    expect(button('case-file').disabled).toBe(true);
    m.render(<CaseForm model={model(petition, { readBack: readBack({ answer: 'correct', answeredAt: Date.UTC(2026, 11, 1, 2, 6), current: false }) })} idPrefix="t" withMap={false} />);
    expect(m.byTestId('case-readback-state')?.dataset.state).toBe('outdated');
    expect(button('case-file').disabled).toBe(true);

    m.render(<CaseForm model={model(petition, { readBack: readBack({ answer: 'correct', answeredAt: Date.UTC(2026, 11, 1, 2, 6) }) })} idPrefix="t" withMap={false} />);
    expect(m.byTestId('case-readback-state')?.textContent).toContain('正確 ✓');
    expect(button('case-file').disabled).toBe(false);
    button('case-file').click();
    expect(calls.at(-1)).toBe('file ');
  });

  it('files without a read-back only with a reason', () => {
    m.render(<CaseForm model={model(petition)} idPrefix="t" withMap={false} />);
    act(() => button('case-skip-open').click());
    expect(button('case-file-without').disabled).toBe(true);
    expect(button('case-skip-open').getAttribute('aria-expanded')).toBe('true');
  });

  it('a dispatch needs an item, a district, a place and a description; the server’s refusals show by field', () => {
    m.render(<CaseForm model={model({ service: 'dispatch', lat: 25.03, lng: null })} idPrefix="t" withMap={false} />);
    expect(rules()).toEqual(['coordinates-incomplete', 'item-required', 'district-required', 'location-required', 'description-required']);
    m.render(<CaseForm model={model({ service: 'dispatch', dispatchItem: 'D07', district: 'xinyi', address: '市府路1號', description: '路樹倒塌' }, { serverProblems: [{ field: 'district', rule: 'district-unknown' }] })} idPrefix="t" withMap={false} />);
    expect(rules()).toEqual(['district-unknown']);
    expect(m.container.querySelector('#t-district')?.getAttribute('aria-invalid')).toBe('true');
    expect(m.container.querySelector('#t-district-error')?.textContent).toContain('沒有這個行政區');
  });

  it('a kiosk call says its place was filled in; the filed number is shown large', () => {
    const kiosk = { id: 'DA-01', nameZh: '大安區公所', nameEn: "Da'an District Office", district: 'daan', address: '新生南路二段86號', lat: 25.0265, lng: 121.5345 };
    m.render(
      <CaseForm
        model={model({ service: 'dispatch', district: 'daan', address: kiosk.address }, { context: { topic: 'dispatch', channel: 'kiosk', kioskId: 'DA-01', kioskVerified: false, kiosk, contact: null, earlier: [] }, filed: { number: '1999-20261201-000042', duplicate: false, filedAt: 0 } })}
        idPrefix="t"
        withMap={false}
      />,
    );
    expect(m.byTestId('case-kiosk-filled')?.textContent).toContain('大安區公所');
    expect(m.byTestId('case-number')?.textContent).toBe('1999-20261201-000042');
    expect((m.byTestId('case-address') as HTMLInputElement).value).toBe('新生南路二段86號');
  });

  it('says the save state, and that the form was reloaded after a colleague saved', () => {
    m.render(<CaseForm model={model(petition, { save: 'offline', reloaded: true })} idPrefix="t" withMap={false} />);
    expect(m.byTestId('case-save')?.dataset.state).toBe('offline');
    expect(m.byTestId('case-save')?.textContent).toContain('離線');
    expect(m.byTestId('case-reloaded')).not.toBeNull();
  });
});
