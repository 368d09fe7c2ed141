// @vitest-environment happy-dom
/**
 * A preloaded part renders in the same render pass once it has arrived (React.lazy suspended even then and
 * held its fallback for 300 ms on every call), waits visibly while it is on its way, and a failed fetch is
 * shown with a retry that fetches again.
 */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '../test/render.tsx';
import type { Mounted } from '../test/render.tsx';
import { preload } from '../util/preload.ts';
import { WhenLoaded } from './WhenLoaded.tsx';

let m: Mounted | undefined;
afterEach(() => m?.unmount());

function Part({ label }: { label: string }) {
  return <p data-testid="part">{label}</p>;
}

describe('WhenLoaded', () => {
  it('renders an arrived part at once, without a waiting state', async () => {
    const source = preload(() => Promise.resolve({ Part }));
    await source.load();
    m = mount();
    m.render(<WhenLoaded source={source}>{(p) => <p.Part label="ready" />}</WhenLoaded>);
    // No awaiting between render and check: the first commit already holds the part.
    expect(m.byTestId('part')?.textContent).toBe('ready');
    expect(m.byTestId('connection-state')).toBeNull();
  });

  it('shows the joining state until the part arrives, then the part', async () => {
    let arrive: (v: { Part: typeof Part }) => void = () => undefined;
    const source = preload(() => new Promise<{ Part: typeof Part }>((r) => (arrive = r)));
    m = mount();
    m.render(<WhenLoaded source={source}>{(p) => <p.Part label="late" />}</WhenLoaded>);
    expect(m.byTestId('connection-state')?.dataset.state).toBe('joining');
    await act(async () => arrive({ Part }));
    expect(m.byTestId('part')?.textContent).toBe('late');
  });

  it('shows a failed fetch as an alert and fetches again on retry', async () => {
    let calls = 0;
    const source = preload(() => (++calls === 1 ? Promise.reject(new Error('offline')) : Promise.resolve({ Part })));
    m = mount();
    await act(async () => m?.render(<WhenLoaded source={source}>{(p) => <p.Part label="second try" />}</WhenLoaded>));
    const alert = m.byTestId('part-load-failed');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(m.byTestId('part')).toBeNull();
    await act(async () => m?.byTestId('part-load-retry')?.click());
    expect(calls).toBe(2);
    expect(m.byTestId('part')?.textContent).toBe('second try');
    expect(m.byTestId('part-load-failed')).toBeNull();
  });

  it('fetches once however many screens ask', async () => {
    let calls = 0;
    const source = preload(() => (calls++, Promise.resolve(1)));
    await Promise.all([source.load(), source.load(), source.load()]);
    expect(calls).toBe(1);
    expect(source.get()).toBe(1);
  });
});
