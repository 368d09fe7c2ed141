// @vitest-environment happy-dom
/**
 * The kiosk's end of a visit: a screen nobody uses (nothing held) asks "are you still there?" after the idle
 * time and ends the visit when nobody answers (a fresh visit nobody touched is left alone); never during a call; waiting in line or in a chat is not
 * idleness (only a wait far beyond any real one asks, and then the screen gives up the place / ends the chat
 * first). A hold that ends gives the full idle time again (a visitor who just hung up gets time to read).
 */
import { act } from 'react';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useVisitHold, VisitHoldsProvider } from '@sign-relay/relay-web/surface';
import type { VisitHold } from '@sign-relay/relay-web/surface';
import { mount } from '@sign-relay/relay-web/test/render.tsx';
import type { Mounted } from '@sign-relay/relay-web/test/render.tsx';
import { askForMs, useIdleVisit, WAITING_CEILING_MS, waitingCeilingMs } from './useIdleVisit.ts';
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
  it('leaves a fresh visit nobody has touched alone: nothing to clear, and no flashing at an empty hall', async () => {
    m.render(<Kiosk live={false} />);
    await wait(20 * IDLE);
    expect(visit.askingUntil).toBeNull();
    expect(ended).toBe(0);
  });

  it('asks on an untouched screen nobody holds after the idle time, and ends the visit when nobody answers', async () => {
    m.render(<Kiosk live={false} />);
    touch();
    await wait(40_000);
    touch();
    await wait(40_000);
    expect(visit.askingUntil).toBeNull();
    await wait(21_000);
    expect(visit.askingUntil).not.toBeNull();
    expect(ended).toBe(0);
    await wait(askForMs(IDLE));
    expect(ended).toBe(1);
    expect(abandoned).toEqual([]);
  });

  it('a touch answers the question on a screen nobody holds, and the idle time starts again', async () => {
    m.render(<Kiosk live={false} />);
    touch();
    await wait(IDLE + 1_000);
    expect(visit.askingUntil).not.toBeNull();
    act(() => visit.stillHere());
    expect(visit.askingUntil).toBeNull();
    await wait(IDLE - 2_000);
    expect(visit.askingUntil).toBeNull();
    expect(ended).toBe(0);
  });

  it('never ends or asks during a call, and gives the full time (and the question) after it', async () => {
    m.render(<Kiosk live={true} kind="call" />);
    expect(visit.held).toBe(true);
    await wait(10 * IDLE);
    expect(ended).toBe(0);
    expect(visit.askingUntil).toBeNull();
    // The interpreter hung up on an empty kiosk: the visit then ends cleanly, after the question.
    m.render(<Kiosk live={false} kind="call" />);
    expect(visit.held).toBe(false);
    await wait(IDLE - 5_000);
    expect(visit.askingUntil).toBeNull();
    await wait(6_000);
    expect(visit.askingUntil).not.toBeNull();
    await wait(askForMs(IDLE));
    expect(ended).toBe(1);
    expect(abandoned).toEqual([]);
  });

  it('in line: waiting untouched for many times the idle time neither asks nor gives the place up', async () => {
    m.render(<Kiosk live={true} kind="line" />);
    await wait(10 * IDLE);
    expect(visit.askingUntil).toBeNull();
    expect(abandoned).toEqual([]);
    expect(ended).toBe(0);
  });

  it('a chat waiting (or going on) untouched is not idle either', async () => {
    m.render(<Kiosk live={true} kind="chat" />);
    await wait(10 * IDLE);
    expect(visit.askingUntil).toBeNull();
    expect(ended).toBe(0);
  });

  it('a wait far beyond any real one asks, and unanswered gives the place up before the visit ends', async () => {
    m.render(<Kiosk live={true} kind="line" />);
    await wait(WAITING_CEILING_MS - 1_000);
    expect(visit.askingUntil).toBeNull();
    await wait(2_000);
    expect(visit.askingUntil).not.toBeNull();
    expect(ended).toBe(0);
    await wait(askForMs(IDLE));
    expect(abandoned).toEqual(['line']);
    expect(ended).toBe(1);
  });

  it('a touch during that question keeps the place in line', async () => {
    m.render(<Kiosk live={true} kind="chat" />);
    await wait(WAITING_CEILING_MS + 1_000);
    expect(visit.askingUntil).not.toBeNull();
    touch();
    expect(visit.askingUntil).toBeNull();
    await wait(IDLE * 2);
    expect(abandoned).toEqual([]);
    expect(ended).toBe(0);
  });

  it('asks for 30 s, or half the idle time if shorter; a wait asks only after 30 minutes (or the idle time, if longer)', () => {
    expect(askForMs(120_000)).toBe(30_000);
    expect(askForMs(20_000)).toBe(10_000);
    expect(waitingCeilingMs(120_000)).toBe(30 * 60_000);
    expect(waitingCeilingMs(3_600_000)).toBe(3_600_000);
  });
});
