// @vitest-environment happy-dom
/**
 * The kiosk's end of a visit: after the idle time without input when nothing is going on; never during a
 * call; in line or in a chat only after asking, and then the screen gives up the place / ends the chat first.
 * A hold that ends gives the full idle time again (a visitor who just hung up gets time to read).
 */
import { act } from 'react';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useVisitHold, VisitHoldsProvider } from '@sign-relay/relay-web/src/surface/surface.ts';
import type { VisitHold } from '@sign-relay/relay-web/src/surface/surface.ts';
import { mount } from '@sign-relay/relay-web/src/test/render.tsx';
import type { Mounted } from '@sign-relay/relay-web/src/test/render.tsx';
import { askForMs, useIdleVisit } from './useIdleVisit.ts';
import type { IdleVisit } from './useIdleVisit.ts';

const IDLE = 60_000;
let m: Mounted;
let ended: number;
let abandoned: string[];
let visit: IdleVisit;

function Screen({ live, kind }: { live: boolean; kind: VisitHold['kind'] }): null {
  useVisitHold(live, kind, async () => void abandoned.push(kind));
  return null;
}

function Kiosk({ live, kind = 'line' }: { live: boolean; kind?: VisitHold['kind'] }): ReactElement {
  visit = useIdleVisit(IDLE, () => ended++);
  return (
    <VisitHoldsProvider value={visit.holds}>
      <Screen live={live} kind={kind} />
    </VisitHoldsProvider>
  );
}

beforeEach(() => {
  vi.useFakeTimers();
  ended = 0;
  abandoned = [];
  m = mount();
});
afterEach(() => {
  m.unmount();
  vi.useRealTimers();
});

const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const touch = () => act(() => void window.dispatchEvent(new Event('pointerdown')));

describe('useIdleVisit', () => {
  it('ends an untouched visit after the idle time when nothing is going on, and a touch starts the time again', async () => {
    m.render(<Kiosk live={false} />);
    await wait(40_000);
    touch();
    await wait(40_000);
    expect(ended).toBe(0);
    await wait(21_000);
    expect(ended).toBe(1);
    expect(abandoned).toEqual([]);
  });

  it('never ends or asks during a call, and gives the full time after it', async () => {
    m.render(<Kiosk live={true} kind="call" />);
    expect(visit.held).toBe(true);
    await wait(10 * IDLE);
    expect(ended).toBe(0);
    expect(visit.askingUntil).toBeNull();
    m.render(<Kiosk live={false} kind="call" />);
    expect(visit.held).toBe(false);
    await wait(IDLE - 5_000);
    expect(ended).toBe(0);
    await wait(6_000);
    expect(ended).toBe(1);
  });

  it('in line: asks after the idle time; a touch keeps the place', async () => {
    m.render(<Kiosk live={true} kind="line" />);
    await wait(IDLE + 1_000);
    expect(visit.askingUntil).not.toBeNull();
    expect(ended).toBe(0);
    touch();
    expect(visit.askingUntil).toBeNull();
    await wait(IDLE - 2_000);
    expect(visit.askingUntil).toBeNull();
    expect(abandoned).toEqual([]);
    expect(ended).toBe(0);
  });

  it('in a chat: nobody answers the question, so the chat is ended, then the visit', async () => {
    m.render(<Kiosk live={true} kind="chat" />);
    await wait(IDLE + 1_000);
    expect(visit.askingUntil).not.toBeNull();
    await wait(askForMs(IDLE));
    expect(abandoned).toEqual(['chat']);
    expect(ended).toBe(1);
  });

  it('asks for 30 s, or half the idle time if shorter', () => {
    expect(askForMs(120_000)).toBe(30_000);
    expect(askForMs(20_000)).toBe(10_000);
  });
});
