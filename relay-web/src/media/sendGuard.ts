/**
 * Keeps the frame rate of the video we send through a network drop. While the path to the server is silent the
 * browser's encoder goes on at full resolution, and when the network returns its congestion control has cut the
 * encoder's target to 100–200 kbps: at 640×480 the encoder then drops most frames for the one to two seconds the
 * target takes to climb back (measured: 10–15 fps, up to 3.3 s before 25 fps again after a 3 s drop). For sign
 * language the frame rate carries meaning and resolution may give way, so when nothing has come back from the
 * server for {@link SILENT_MS} while we send, the camera is sent at half width and height
 * ({@link REDUCED_SCALE}); full resolution returns once the encoder's target has been at least
 * {@link RESTORE_KBPS} for {@link RESTORE_AFTER_MS}.
 */
export const SAMPLE_EVERY_MS = 250;
/** Nothing received on the send transport (feedback, receiver reports) for this long while sending: a drop. */
export const SILENT_MS = 750;
/** How much smaller each side of the picture is sent while the link recovers. */
export const REDUCED_SCALE = 2;
/** The encoder target at which 640×480 runs at full frame rate again (with room for the key frame it needs). */
export const RESTORE_KBPS = 450;
export const RESTORE_AFTER_MS = 1_000;

export interface SendSample {
  /** Bytes the send transport has received from the server (its feedback and reports). */
  bytesReceived: number;
  /** Frames the video encoder has put out. */
  framesEncoded: number;
  /** The encoder's target rate (bits/s), 0 when unknown. */
  targetBitrate: number;
}

/** The video we send: how to read its counters and how to set how much it is scaled down. */
export interface GuardedSender {
  sample(): Promise<SendSample | null>;
  scaleDownBy(factor: number): Promise<void>;
}

export class SendGuard {
  private timer: ReturnType<typeof setInterval> | undefined;
  private checking = false;
  private last: SendSample | undefined;
  /** When a sample last saw bytes arriving from the server (or the guard started). */
  private heardAt: number;
  private reduced = false;
  /** Since when the encoder's target has been high enough to send full resolution again. */
  private healthySince: number | undefined;

  constructor(
    private readonly sender: GuardedSender,
    private readonly now: () => number = Date.now,
  ) {
    this.heardAt = now();
  }

  start(): void {
    this.timer ??= setInterval(() => void this.check(), SAMPLE_EVERY_MS);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Whether the camera is being sent at reduced resolution now. */
  get isReduced(): boolean {
    return this.reduced;
  }

  /** One sample (the timer's; tests call it directly). */
  async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      await this.checkOnce();
    } finally {
      this.checking = false;
    }
  }

  private async checkOnce(): Promise<void> {
    let s: SendSample | null;
    try {
      s = await this.sender.sample();
    } catch {
      return; // The sender is closing.
    }
    if (!s) return;
    const now = this.now();
    const last = this.last;
    this.last = s;
    if (!last) {
      this.heardAt = now;
      return;
    }
    if (s.bytesReceived > last.bytesReceived) this.heardAt = now;
    const sending = s.framesEncoded > last.framesEncoded;
    if (!this.reduced) {
      if (sending && now - this.heardAt >= SILENT_MS) await this.scale(REDUCED_SCALE);
      return;
    }
    const healthy = now - this.heardAt < SILENT_MS && s.targetBitrate >= RESTORE_KBPS * 1000;
    if (!healthy) {
      this.healthySince = undefined;
      return;
    }
    this.healthySince ??= now;
    if (now - this.healthySince >= RESTORE_AFTER_MS) await this.scale(1);
  }

  private async scale(factor: number): Promise<void> {
    try {
      await this.sender.scaleDownBy(factor);
    } catch {
      return; // Not applied (the sender is closing, or the browser refused): the next sample tries again.
    }
    this.reduced = factor !== 1;
    this.healthySince = undefined;
  }
}

/** The send transport's received bytes and the video encoder's counters, from a producer's stats report. */
export function sendSampleOf(report: RTCStatsReport): SendSample | null {
  let bytesReceived = 0;
  let out: Omit<SendSample, 'bytesReceived'> | null = null;
  report.forEach((s: Record<string, unknown>) => {
    if (s.type === 'transport') bytesReceived += Number(s.bytesReceived ?? 0);
    if (!out && s.type === 'outbound-rtp' && s.kind === 'video') {
      out = { framesEncoded: Number(s.framesEncoded ?? 0), targetBitrate: Number(s.targetBitrate ?? 0) };
    }
  });
  return out ? { ...(out as Omit<SendSample, 'bytesReceived'>), bytesReceived } : null;
}
