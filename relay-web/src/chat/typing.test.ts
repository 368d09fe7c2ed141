// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { TYPING_IDLE_MS, TYPING_REPEAT_MS, TypingNotifier } from './typing.ts';
import type { TypingClock } from './typing.ts';

/** A clock whose time and timers move only when the test says so. */
function fakeClock(): TypingClock & { advance(ms: number): void } {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
      }
      now = until;
    },
  };
}

describe('TypingNotifier', () => {
  it('says "typing" at the first keystroke and at most every 2 s while typing goes on', () => {
    const clock = fakeClock();
    const sent: [number, boolean][] = [];
    const n = new TypingNotifier((typing) => sent.push([clock.now(), typing]), clock);
    for (let t = 0; t <= 5_000; t += 250) {
      n.input(true);
      clock.advance(250);
    }
    expect(sent.filter(([, typing]) => typing).map(([at]) => at)).toEqual([0, TYPING_REPEAT_MS, 2 * TYPING_REPEAT_MS]);
    expect(sent.some(([, typing]) => !typing)).toBe(false);
  });

  it('says "stopped" 3 s after the last keystroke, once', () => {
    const clock = fakeClock();
    const sent: [number, boolean][] = [];
    const n = new TypingNotifier((typing) => sent.push([clock.now(), typing]), clock);
    n.input(true);
    clock.advance(1_000);
    n.input(true);
    clock.advance(10_000);
    expect(sent).toEqual([
      [0, true],
      [1_000 + TYPING_IDLE_MS, false],
    ]);
  });

  it('stops at once when the field is emptied or the message sent, and starts afresh after', () => {
    const clock = fakeClock();
    const sent: [number, boolean][] = [];
    const n = new TypingNotifier((typing) => sent.push([clock.now(), typing]), clock);
    n.input(true);
    clock.advance(500);
    n.input(false);
    clock.advance(500);
    n.input(true);
    clock.advance(500);
    n.stop();
    n.stop();
    clock.advance(5_000);
    expect(sent).toEqual([
      [0, true],
      [500, false],
      [1_000, true],
      [1_500, false],
    ]);
  });

  it('says nothing for blanks alone', () => {
    const clock = fakeClock();
    const sent: boolean[] = [];
    const n = new TypingNotifier((typing) => sent.push(typing), clock);
    n.input(false);
    clock.advance(5_000);
    expect(sent).toEqual([]);
  });
});
