// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueStatus } from '@sign-relay/shared';
import { i18n, mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import { WaitingScreen } from './WaitingScreen.tsx';

const status = (p: Partial<QueueStatus> = {}): QueueStatus => ({ entryId: 'e1', position: 2, estimatedWaitSec: 300, state: 'waiting', staffed: 1, requeued: false, ...p });
const noop = (): void => undefined;
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

  it('says plainly when nobody is on duty', async () => {
    await i18n.changeLanguage('en');
    m.render(<WaitingScreen status={status({ estimatedWaitSec: null, staffed: 0 })} requeued={false} leaving={false} offline={false} onLeave={noop} />);
    expect(m.byTestId('queue-wait')?.dataset.seconds).toBe('unknown');
    expect(m.byTestId('queue-wait')?.textContent).toContain('no interpreter on duty right now');
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
