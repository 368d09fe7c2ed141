// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseContext } from '@sign-relay/shared';
import { i18n, mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import { CallerDetails } from './CallerDetails.tsx';

const context = (p: Partial<CaseContext> = {}): CaseContext => ({ topic: 'dispatch', channel: 'kiosk', kioskId: 'DA-01', kioskVerified: false, kiosk: null, contact: null, earlier: [], ...p });
let m: Mounted;
beforeEach(async () => {
  await i18n.changeLanguage('zh-TW');
  m = mount();
});
afterEach(() => m.unmount());

describe('CallerDetails in a call on the desk (review #13)', () => {
  it('names a kiosk that did not prove its identity as unverified, in words, as the offer did', async () => {
    m.render(<CallerDetails context={context()} filedHere={[]} />);
    expect(m.byTestId('caller-channel')?.textContent).toBe('視訊服務點 DA-01（未驗證）');
    await act(() => i18n.changeLanguage('en'));
    expect(m.byTestId('caller-channel')?.textContent).toBe('Video point DA-01 (unverified)');
  });

  it('names a proven kiosk and a web caller plainly', () => {
    m.render(<CallerDetails context={context({ kioskVerified: true })} filedHere={[]} />);
    expect(m.byTestId('caller-channel')?.textContent).toBe('視訊服務點 DA-01');
    m.render(<CallerDetails context={context({ channel: 'web', kioskId: null })} filedHere={[]} />);
    expect(m.byTestId('caller-channel')?.textContent).toBe('網頁');
  });
});
