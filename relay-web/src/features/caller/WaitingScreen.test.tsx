// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueStatus } from '@sign-relay/shared';
import type { CameraCheck, CameraCheckState } from '../cameraCheck/useCameraCheck.ts';
import { i18n, mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import { WaitingScreen } from './WaitingScreen.tsx';
import { asEntryId } from '@sign-relay/shared/testing/ids.ts';

const status = (p: Partial<QueueStatus> = {}): QueueStatus => ({ entryId: asEntryId('e1'), position: 2, estimatedWaitSec: 300, state: 'waiting', staffed: 1, requeued: false, ...p });
const noop = (): void => undefined;
const camera = (state: CameraCheckState = 'checking', retry: () => void = noop): CameraCheck => ({ state, track: null, retry });
let m: Mounted;

beforeEach(async () => {
  await i18n.changeLanguage('zh-TW');
  m = mount();
});
afterEach(() => m.unmount());

describe('WaitingScreen', () => {
  it('shows the place in line as a number, the wait in minutes, and the state', () => {
    m.render(<WaitingScreen status={status()} requeued={false} leaving={false} offline={false} onLeave={noop} />);
    const position = m.byTestId('queue-position');
    expect(position?.textContent).toBe('2');
    expect(position?.dataset.position).toBe('2');
    expect(m.byTestId('queue-wait')?.dataset.seconds).toBe('300');
    expect(m.byTestId('queue-wait')?.textContent).toContain('約 5 分鐘');
    expect(m.byTestId('queue-state')?.dataset.state).toBe('waiting');
    expect(m.byTestId('queue-requeued')).toBeNull();
    expect(document.title).toContain('第 2 位');
  });

  it('says plainly when nobody is on duty — no "estimated wait" label — and offers text chat and a call-back there', async () => {
    await i18n.changeLanguage('en');
    let toText = 0;
    m.render(<WaitingScreen status={status({ estimatedWaitSec: null, staffed: 0 })} requeued={false} leaving={false} offline={false} onLeave={noop} camera={camera()} onText={() => toText++} />);
    expect(m.byTestId('queue-wait')?.dataset.seconds).toBe('unknown');
    expect(m.byTestId('queue-wait')?.textContent).toBe('No interpreter is on duty right now');
    expect(m.container.textContent).not.toContain('Estimated wait');
    expect(m.container.textContent).not.toContain('video hours');
    expect(m.byTestId('queue-waiting')?.dataset.nobody).toBe('true');
    m.byTestId('waiting-to-text')?.click();
    expect(toText).toBe(1);
    act(() => m.byTestId('waiting-callback')?.click());
    expect(m.container.querySelector('form')).not.toBeNull();
  });

  it('offers the other ways quietly while interpreters are on duty, and text chat only while it is open', () => {
    m.render(<WaitingScreen status={status()} requeued={false} leaving={false} offline={false} onLeave={noop} camera={camera()} onText={noop} textOpen={false} />);
    expect(m.byTestId('queue-waiting')?.dataset.nobody).toBe('false');
    expect(m.byTestId('queue-wait')?.textContent).toContain('預計等候');
    expect(m.byTestId('waiting-to-text')).toBeNull();
    expect(m.byTestId('waiting-callback')).not.toBeNull();
  });

  it("shows the caller's camera check: a self-view when it works, what to do when it is blocked", () => {
    m.render(<WaitingScreen status={status()} requeued={false} leaving={false} offline={false} onLeave={noop} camera={camera('ok')} onText={noop} />);
    expect(m.byTestId('camera-check')?.dataset.state).toBe('ok');
    expect(m.byTestId('camera-ok')?.textContent).toContain('鏡頭可以用');
    expect(m.container.textContent).toContain('上半身和雙手');
    let retried = 0;
    m.render(<WaitingScreen status={status()} requeued={false} leaving={false} offline={false} onLeave={noop} camera={camera('denied', () => retried++)} onText={noop} />);
    expect(m.byTestId('camera-problem')?.dataset.error).toBe('denied');
    expect(m.byTestId('camera-problem')?.textContent).toContain('鏡頭被封鎖');
    m.byTestId('camera-check-retry')?.click();
    expect(retried).toBe(1);
  });

  it('without the caller path around it (a text chat turning into video): no camera, no other ways', () => {
    m.render(<WaitingScreen status={status({ estimatedWaitSec: null, staffed: 0 })} requeued={false} leaving={false} offline={false} onLeave={noop} />);
    expect(m.byTestId('camera-check')).toBeNull();
    expect(m.byTestId('waiting-ways')).toBeNull();
  });

  it('says "connecting you" while the caller is being rung', async () => {
    await i18n.changeLanguage('en');
    m.render(<WaitingScreen status={status({ position: 1, state: 'offered', estimatedWaitSec: 0 })} requeued={false} leaving={false} offline={false} onLeave={noop} />);
    expect(m.byTestId('queue-state')?.dataset.state).toBe('offered');
    expect(m.byTestId('queue-state')?.textContent).toContain('Connecting you to an interpreter');
  });

  it('after a requeue: the notice, and first in line even before the new status arrives', () => {
    m.render(<WaitingScreen status={null} requeued leaving={false} offline={false} onLeave={noop} />);
    expect(m.byTestId('queue-requeued')?.getAttribute('role')).toBe('alert');
    expect(m.byTestId('queue-requeued')?.textContent).toContain('翻譯員的連線中斷了');
    expect(m.byTestId('queue-position')?.dataset.position).toBe('1');
  });

  it('leaves with one button, which is busy while leaving', () => {
    let left = 0;
    m.render(<WaitingScreen status={status()} requeued={false} leaving={false} offline={false} onLeave={() => left++} />);
    m.byTestId('queue-leave')?.click();
    expect(left).toBe(1);
    m.render(<WaitingScreen status={status()} requeued={false} leaving offline={false} onLeave={noop} />);
    expect((m.byTestId('queue-leave') as HTMLButtonElement).disabled).toBe(true);
  });
});
