/**
 * At most `slots` tasks at once; up to `maxWaiting` more wait their turn (first come, first served), and any
 * beyond that are refused at once with the error `full()` makes, so a burst sheds load instead of piling up.
 */
export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly slots: number,
    private readonly maxWaiting: number,
    private readonly full: () => Error,
  ) {
    if (slots < 1 || maxWaiting < 0) throw new Error('Semaphore: at least one slot and no negative queue');
  }

  /** Tasks running now. */
  get active(): number {
    return this.running;
  }

  /** Runs `task` in a slot (waiting for one if need be); the slot is freed however the task ends. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.slots) {
      if (this.waiting.length >= this.maxWaiting) throw this.full();
      // The slot is handed over by the task that frees it, so `running` never drops in between.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
