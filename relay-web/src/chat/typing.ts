/**
 * "Typing…" both ways. Sending: `true` when typing starts and again at most every {@link TYPING_REPEAT_MS}
 * while it goes on, `false` after {@link TYPING_IDLE_MS} without a keystroke (or at once when the field is
 * emptied or the message is sent). Showing: the other side's indicator goes out by itself after
 * {@link TYPING_SHOW_MS} without news, so a lost `false` never leaves it on.
 */

export const TYPING_REPEAT_MS = 2_000;
export const TYPING_IDLE_MS = 3_000;
export const TYPING_SHOW_MS = 6_000;

export interface TypingClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: TypingClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Turns keystrokes into throttled `chat:typing` notifications. */
export class TypingNotifier {
  private typing = false;
  private lastSent = Number.NEGATIVE_INFINITY;
  private idle: unknown;

  constructor(
    private readonly emit: (typing: boolean) => void,
    private readonly clock: TypingClock = realClock,
  ) {}

  /** The field changed; `hasText` is whether anything but blanks is in it. */
  input(hasText: boolean): void {
    if (!hasText) {
      this.stop();
      return;
    }
    const now = this.clock.now();
    if (!this.typing || now - this.lastSent >= TYPING_REPEAT_MS) {
      this.typing = true;
      this.lastSent = now;
      this.emit(true);
    }
    if (this.idle !== undefined) this.clock.clearTimeout(this.idle);
    this.idle = this.clock.setTimeout(() => this.stop(), TYPING_IDLE_MS);
  }

  /** Typing is over (sent, emptied, idle, or the chat closed). */
  stop(): void {
    if (this.idle !== undefined) this.clock.clearTimeout(this.idle);
    this.idle = undefined;
    if (!this.typing) return;
    this.typing = false;
    this.lastSent = Number.NEGATIVE_INFINITY;
    this.emit(false);
  }
}
