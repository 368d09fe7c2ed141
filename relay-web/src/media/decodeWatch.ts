/**
 * Watches each received video for a picture that stopped although its packets still arrive.
 *
 * After a burst of loss the frames that come in refer to frames that never did, so nothing decodes until the
 * sender sends a key frame. The browser asks for one itself only after about three seconds without a decodable
 * frame; this asks the server for one (`media:requestKeyFrame`) once packets have been arriving undecoded for
 * {@link STALL_AFTER_MS}, and again every {@link KEYFRAME_RETRY_MS} while that lasts.
 *
 * After a network drop of a few seconds a key frame is not enough. Early in a call or soon after another drop,
 * complete frames arrive, a fresh key frame among them, and the browser holds them undecoded for up to three
 * seconds, then drops them at once (traces: 87 complete frames held 2.9 s, then 67 dropped; or a key frame
 * decoding now and then and the frames after it dropped). The late burst after the drop has thrown off the
 * receiver's playout timing, which lives in the receiver. So:
 * - when packets come back after a silence of {@link GAP_MS} that was not the sender's camera switched off (a
 *   drop), the consumer is renewed at once (`media:renewConsumer`): a new receiver, whose timing starts afresh,
 *   and a key frame with it (after a camera pause a key frame is asked for instead);
 * - when complete frames have been arriving for {@link RENEW_AFTER_MS} with fewer than half of them decoding,
 *   and no key frame asked for is still on its way ({@link KEYFRAME_GRACE_MS}), the consumer is renewed too.
 * At most once per {@link RENEW_RETRY_MS}; a receiver renewed within that asks for a key frame instead.
 */
export const SAMPLE_EVERY_MS = 250;
export const STALL_AFTER_MS = 400;
export const KEYFRAME_RETRY_MS = 1_000;
/**
 * Packets that come back after a silence this long follow a drop: the frames in flight then are almost surely
 * lost, and the receiver's timing is about to be thrown off. It is renewed at once rather than after a stall shows.
 */
export const GAP_MS = 1_000;
/** Complete frames held (fewer than half decoding) this long, a key frame having been asked for: the receiver's timing is off. */
export const RENEW_AFTER_MS = 500;
/** How long a key frame asked for may take to come before held frames count against the receiver. */
export const KEYFRAME_GRACE_MS = 300;
export const RENEW_RETRY_MS = 2_000;
/** At least this many complete frames arriving undecoded in a stall before the receiver is renewed. */
const MIN_HELD_FRAMES = 3;
/** Fewer packets than this in one sample do not count as "arriving" (keep-alives, padding). */
const MIN_PACKETS_PER_SAMPLE = 2;

export interface DecodeSample {
  packetsReceived: number;
  /** Complete frames received (decodable or not). */
  framesReceived: number;
  framesDecoded: number;
}

/** One received video: how to read its counters and how to ask for a key frame. */
export interface WatchedVideo {
  id: string;
  sample(): Promise<DecodeSample | null>;
  requestKeyFrame(): Promise<void>;
  /** Replaces the receiver with a fresh one (the watch is told of the new one through {@link DecodeWatch.add}). */
  renew(): Promise<void>;
  /** Whether the sender paused this video (camera off) at any time since `since` (ms epoch): a silence that was no drop. */
  pausedSince?(since: number): boolean;
}

interface State {
  video: WatchedVideo;
  last?: DecodeSample;
  lastAt?: number;
  /** When packets first arrived without a frame decoding, in the current stall. */
  stalledSince?: number;
  /** Since when complete frames arrive and fewer than half of them decode (held frames, see the header). */
  heldSince?: number;
  /** Complete frames received when that began. */
  heldFrames?: number;
  /** When a sample last saw packets arriving. */
  arrivedAt?: number;
  lastRequest?: number;
  renewedAt?: number;
}

export class DecodeWatch {
  private readonly videos = new Map<string, State>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private checking = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** Watches a received video; `renewedAt` when it replaces one this watch renewed (so it is not renewed again soon). */
  add(video: WatchedVideo, renewedAt?: number): void {
    this.videos.set(video.id, { video, renewedAt });
    this.timer ??= setInterval(() => void this.check(), SAMPLE_EVERY_MS);
  }

  remove(id: string): void {
    this.videos.delete(id);
    if (this.videos.size === 0) this.stop();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round of samples (the timer's; tests call it directly). */
  async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      for (const state of [...this.videos.values()]) await this.checkOne(state);
    } finally {
      this.checking = false;
    }
  }

  private async checkOne(state: State): Promise<void> {
    let s: DecodeSample | null;
    try {
      s = await state.video.sample();
    } catch {
      return; // The receiver is closing: nothing to judge.
    }
    if (!s) return;
    const now = this.now();
    const { last, lastAt } = state;
    state.last = s;
    state.lastAt = now;
    if (!last || lastAt === undefined) return;
    const arriving = s.packetsReceived - last.packetsReceived >= MIN_PACKETS_PER_SAMPLE;
    const silentSince = state.arrivedAt;
    const afterGap = arriving && silentSince !== undefined && now - silentSince >= GAP_MS;
    if (arriving) state.arrivedAt = now;
    const complete = s.framesReceived - last.framesReceived;
    if (arriving && complete > 0 && (s.framesDecoded - last.framesDecoded) * 2 < complete) {
      if (state.heldSince === undefined) {
        state.heldSince = lastAt;
        state.heldFrames = last.framesReceived;
      }
    } else state.heldSince = undefined;
    if (afterGap) {
      // A drop: a fresh receiver at once, unless this one is itself fresh or the silence was the sender's
      // camera switched off (its receiver's timing is sound); a key frame comes with it.
      const dropped = !(state.video.pausedSince?.(silentSince) ?? false);
      if (dropped && this.mayRenew(state, now)) await this.renew(state, now);
      else await this.request(state, now);
      return;
    }
    if (this.held(state, s, now)) {
      await this.renew(state, now);
      return;
    }
    if (s.framesDecoded > last.framesDecoded || !arriving) {
      // Decoding, or nothing arriving (a paused camera, a dead link: that is the transport's to mend).
      state.stalledSince = undefined;
      return;
    }
    // The stall began when the last sample was taken: nothing has decoded since.
    state.stalledSince ??= lastAt;
    if (now - state.stalledSince < STALL_AFTER_MS) return;
    await this.request(state, now);
  }

  /**
   * Complete frames have been arriving for {@link RENEW_AFTER_MS} and fewer than half of them decoding (none, or
   * a key frame now and then with the frames after it dropped), and no key frame asked for is still on its way.
   */
  private held(state: State, s: DecodeSample, now: number): boolean {
    if (state.heldSince === undefined || now - state.heldSince < RENEW_AFTER_MS) return false;
    if (state.lastRequest !== undefined && now - state.lastRequest < KEYFRAME_GRACE_MS) return false;
    if (!this.mayRenew(state, now)) return false;
    return s.framesReceived - (state.heldFrames ?? s.framesReceived) >= MIN_HELD_FRAMES;
  }

  private mayRenew(state: State, now: number): boolean {
    return state.renewedAt === undefined || now - state.renewedAt >= RENEW_RETRY_MS;
  }

  private async renew(state: State, now: number): Promise<void> {
    state.renewedAt = now;
    state.lastRequest = now;
    state.heldSince = undefined;
    state.stalledSince = undefined;
    try {
      await state.video.renew();
    } catch {
      // Refused (renewed just now) or the call is ending: key-frame requests go on meanwhile.
    }
  }

  /** Asks for a key frame unless one was asked for within {@link KEYFRAME_RETRY_MS}. */
  private async request(state: State, now: number): Promise<void> {
    if (state.lastRequest !== undefined && now - state.lastRequest < KEYFRAME_RETRY_MS) return;
    state.lastRequest = now;
    try {
      await state.video.requestKeyFrame();
    } catch {
      // The call is ending or signaling is down: the session's own recovery takes over.
    }
  }
}

/** The counters of the first inbound video stream in a receiver's stats report. */
export function decodeSampleOf(report: RTCStatsReport): DecodeSample | null {
  let out: DecodeSample | null = null;
  report.forEach((s: Record<string, unknown>) => {
    if (out || s.type !== 'inbound-rtp' || s.kind !== 'video') return;
    out = {
      packetsReceived: Number(s.packetsReceived ?? 0),
      framesReceived: Number(s.framesReceived ?? 0),
      framesDecoded: Number(s.framesDecoded ?? 0),
    };
  });
  return out;
}
