// @vitest-environment happy-dom
/**
 * The kiosk's end of a visit: after the idle time without input, never while a screen holds the visit, and
 * with the full idle time again once the hold ends (a visitor who just hung up gets time to read).
 */
import { act } from 'react';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useVisitHold, VisitHoldsProvider } from '@sign-relay/relay-web/src/surface/surface.ts';
import { mount } from '@sign-relay/relay-web/src/test/render.tsx';
import type { Mounted } from '@sign-relay/relay-web/src/test/render.tsx';
import { useIdleVisit } from './useIdleVisit.ts';

let m: Mounted;
let ended = 0;
let held = false;

function Screen({ live }: { live: boolean }): null {
  useVisitHold(live);
  return null;
}

function Kiosk({ live }: { live: boolean }): ReactElement {
  const visit = useIdleVisit(30_000, () => ended++);
  held = visit.held;
  return (
    <VisitHoldsProvider value={visit.holds}>
      <Screen live={live} />
    </VisitHoldsProvider>
  );
}

beforeEach(() => {
  vi.useFakeTimers();
  ended = 0;
  m = mount();
});
afterEach(() => {
  m.unmount();
  vi.useRealTimers();
});

const wait = (ms: number) => act(() => vi.advanceTimersByTime(ms));

describe('useIdleVisit', () => {
  it('ends an untouched visit after the idle time, and a touch starts the time again', async () => {
    m.render(<Kiosk live={false} />);
    await wait(20_000);
    act(() => void window.dispatchEvent(new Event('pointerdown')));
    await wait(20_000);
    expect(ended).toBe(0);
    await wait(11_000);
    expect(ended).toBeGreaterThanOrEqual(1);
  });

  it('never ends a held visit, and gives the full time after the hold ends', async () => {
    m.render(<Kiosk live={true} />);
    expect(held).toBe(true);
    await wait(120_000);
    expect(ended).toBe(0);
    m.render(<Kiosk live={false} />);
    expect(held).toBe(false);
    await wait(25_000);
    expect(ended).toBe(0);
    await wait(6_000);
    expect(ended).toBeGreaterThanOrEqual(1);
  });
});
