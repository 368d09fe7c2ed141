/**
 * Brings a transport back after its connection broke (a phone moving from Wi-Fi to mobile data, a NAT binding
 * that timed out) while signaling still works: on `failed` at once, on `disconnected` once it has not come back
 * by itself within {@link DISCONNECTED_GRACE_MS}, the server gives the transport new ICE credentials
 * (`media:restartIce`) and the browser restarts ICE with them. One restart at a time per transport, and at most
 * one every {@link MIN_RESTART_INTERVAL_MS}; a transport that stays broken is tried again at that pace.
 * A transport still broken {@link REBUILD_AFTER_MS} after it broke, restarts and all, is reported as stuck
 * (once per break): its owner then rebuilds the connection with new transports.
 */
export const DISCONNECTED_GRACE_MS = 2_000;
export const MIN_RESTART_INTERVAL_MS = 5_000;
export const REBUILD_AFTER_MS = 15_000;

/** The part of a mediasoup-client transport this needs. */
export interface RestartableTransport {
  readonly id: string;
  readonly closed: boolean;
  readonly connectionState: string;
  restartIce(options: { iceParameters: never }): Promise<void>;
}

const BROKEN = new Set(['failed', 'disconnected']);

export class IceRecovery {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lastRestart = new Map<string, number>();
  private readonly restarting = new Set<string>();
  /** Per broken transport, the timer that reports it stuck unless it connects first. */
  private readonly stuckTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private stopped = false;

  constructor(
    /** Asks the server for new ICE parameters of a transport. */
    private readonly newIceParameters: (transportId: string) => Promise<unknown>,
    private readonly now: () => number = Date.now,
    /** A transport stayed broken for {@link REBUILD_AFTER_MS} although ICE was restarted. */
    private readonly stuck: (transportId: string) => void = () => undefined,
  ) {}

  /** Call with every connection state change of the transport. */
  onState(transport: RestartableTransport, state: string): void {
    this.cancel(transport.id);
    if (state === 'connected') this.clearStuck(transport.id);
    else if (BROKEN.has(state) && !this.stuckTimers.has(transport.id) && !this.stopped) {
      // From the first sign of trouble; restarting ICE (connecting, checking) does not reset it, connecting does.
      this.stuckTimers.set(
        transport.id,
        setTimeout(() => {
          if (!this.stopped && !transport.closed && transport.connectionState !== 'connected') this.stuck(transport.id);
        }, REBUILD_AFTER_MS),
      );
    }
    if (state === 'failed') void this.restart(transport);
    else if (state === 'disconnected') this.later(transport, DISCONNECTED_GRACE_MS);
  }

  /** Stops every pending restart (the call is over). */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const timer of this.stuckTimers.values()) clearTimeout(timer);
    this.stuckTimers.clear();
  }

  private clearStuck(id: string): void {
    const timer = this.stuckTimers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    this.stuckTimers.delete(id);
  }

  private later(transport: RestartableTransport, ms: number): void {
    this.cancel(transport.id);
    this.timers.set(
      transport.id,
      setTimeout(() => {
        this.timers.delete(transport.id);
        if (BROKEN.has(transport.connectionState)) void this.restart(transport);
      }, ms),
    );
  }

  private cancel(id: string): void {
    const timer = this.timers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(id);
  }

  private async restart(transport: RestartableTransport): Promise<void> {
    if (this.stopped || transport.closed || this.restarting.has(transport.id)) return;
    const since = this.now() - (this.lastRestart.get(transport.id) ?? Number.NEGATIVE_INFINITY);
    if (since < MIN_RESTART_INTERVAL_MS) {
      this.later(transport, MIN_RESTART_INTERVAL_MS - since);
      return;
    }
    this.restarting.add(transport.id);
    this.lastRestart.set(transport.id, this.now());
    try {
      const iceParameters = await this.newIceParameters(transport.id);
      if (!this.stopped && !transport.closed) await transport.restartIce({ iceParameters: iceParameters as never });
    } catch {
      // Signaling is down or the call is over: the session's own reconnection takes it from here.
    } finally {
      this.restarting.delete(transport.id);
    }
  }
}
