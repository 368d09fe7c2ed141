import type { LineIds, QueueEvent, QueueStore } from './model.ts';

/**
 * Routes callers to interpreters until nobody more can be matched. One pass runs at a time per process; a
 * call during a pass makes that pass go round once more, so no change is missed and none is routed twice here
 * (across processes the store's atomic matchOne sees to that).
 */
export class MatchLoop<L extends LineIds> {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly store: QueueStore<L>,
    private readonly now: () => number,
    private readonly handle: (events: QueueEvent<L>[]) => Promise<void>,
    /** Matches per pass before yielding, so one pass cannot starve everything else. */
    private readonly maxPerPass = 100,
  ) {}

  /** The pass in progress, if any (for shutdown). */
  get busy(): Promise<void> | undefined {
    return this.running;
  }

  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          for (let n = 0; n < this.maxPerPass; n++) {
            const events = await this.store.matchOne(this.now());
            if (events.length === 0) break;
            await this.handle(events);
          }
        } while (this.again);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
