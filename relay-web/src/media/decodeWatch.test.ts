import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DecodeWatch, GAP_MS, KEYFRAME_GRACE_MS, KEYFRAME_RETRY_MS, RENEW_AFTER_MS, RENEW_RETRY_MS, SAMPLE_EVERY_MS, STALL_AFTER_MS, decodeSampleOf, type DecodeSample } from './decodeWatch.ts';

function video(id = 'c1') {
  const v = {
    id,
    now: { packetsReceived: 0, framesReceived: 0, framesDecoded: 0 } as DecodeSample,
    requests: 0,
    renewals: 0,
    async sample() {
      return { ...v.now };
    },
    async requestKeyFrame() {
      v.requests++;
    },
    async renew() {
      v.renewals++;
    },
    /** One sample interval of traffic: `packets` arrive, `complete` frames are assembled and `frames` decode. */
    tick(packets: number, frames: number, complete = frames) {
      v.now = {
        packetsReceived: v.now.packetsReceived + packets,
        framesReceived: v.now.framesReceived + complete,
        framesDecoded: v.now.framesDecoded + frames,
      };
    },
  };
  return v;
}

let clock = 0;
let watch: DecodeWatch;
beforeEach(() => {
  clock = 1_000_000;
  watch = new DecodeWatch(() => clock);
});
afterEach(() => watch.stop());

/** Runs `n` sample rounds with the given traffic per round. */
async function rounds(v: ReturnType<typeof video>, n: number, packets: number, frames: number, complete = frames) {
  for (let i = 0; i < n; i++) {
    v.tick(packets, frames, complete);
    clock += SAMPLE_EVERY_MS;
    await watch.check();
  }
}

describe('DecodeWatch', () => {
  it('leaves a picture that decodes alone', async () => {
    const v = video();
    watch.add(v);
    await rounds(v, 40, 20, 7);
    expect(v.requests).toBe(0);
  });

  it('asks for a key frame once packets arrive undecoded, and again while that lasts', async () => {
    const v = video();
    watch.add(v);
    await rounds(v, 2, 20, 7);
    // The drop is over: packets flow, nothing decodes.
    await rounds(v, Math.ceil(STALL_AFTER_MS / SAMPLE_EVERY_MS), 20, 0);
    expect(v.requests).toBe(1);
    await rounds(v, Math.floor((KEYFRAME_RETRY_MS - 1) / SAMPLE_EVERY_MS), 20, 0);
    expect(v.requests).toBe(1);
    await rounds(v, 1, 20, 0);
    expect(v.requests).toBe(2);
    // A key frame came: decoding again, no more requests.
    await rounds(v, 20, 20, 7);
    expect(v.requests).toBe(2);
  });

  it('renews the receiver as soon as packets come back after a silence (a drop), before any stall shows', async () => {
    const v = video();
    watch.add(v);
    await rounds(v, 4, 20, 7);
    // A drop: nothing arrives for a while.
    await rounds(v, Math.ceil(GAP_MS / SAMPLE_EVERY_MS) + 2, 0, 0);
    expect(v.renewals + v.requests).toBe(0);
    // The first packets back (still decoding what was buffered): a fresh receiver at once.
    await rounds(v, 1, 20, 7);
    expect(v.renewals).toBe(1);
    expect(v.requests).toBe(0);
    // A silence shorter than the gap (a paused moment) does nothing.
    await rounds(v, Math.ceil(RENEW_RETRY_MS / SAMPLE_EVERY_MS), 20, 7);
    await rounds(v, Math.floor(GAP_MS / SAMPLE_EVERY_MS) - 2, 0, 0);
    await rounds(v, 1, 20, 7);
    expect(v.renewals + v.requests).toBe(1);
  });

  it('does not renew after a silence the sender made by switching the camera off', async () => {
    const v = video();
    const camera = { pausedAt: undefined as number | undefined };
    const watched = { ...v, pausedSince: (since: number) => camera.pausedAt !== undefined && camera.pausedAt >= since };
    watch.add(watched);
    const step = async (n: number, packets: number, frames: number) => {
      for (let i = 0; i < n; i++) {
        v.tick(packets, frames);
        watched.now = v.now;
        clock += SAMPLE_EVERY_MS;
        await watch.check();
      }
    };
    await step(4, 20, 7);
    camera.pausedAt = clock;
    await step(Math.ceil(GAP_MS / SAMPLE_EVERY_MS) + 2, 0, 0);
    await step(1, 20, 7);
    expect(v.renewals).toBe(0);
    // A drop later in the same call still renews.
    await step(Math.ceil(RENEW_RETRY_MS / SAMPLE_EVERY_MS), 20, 7);
    await step(Math.ceil(GAP_MS / SAMPLE_EVERY_MS) + 2, 0, 0);
    await step(1, 20, 7);
    expect(v.renewals).toBe(1);
  });

  it('asks for a key frame after a silence when the receiver is itself fresh (renewed within the retry interval)', async () => {
    const v = video('fresh');
    watch.add(v, clock);
    await rounds(v, 2, 20, 7);
    await rounds(v, Math.ceil(GAP_MS / SAMPLE_EVERY_MS), 0, 0);
    await rounds(v, 1, 20, 7);
    expect(v.requests).toBe(1);
    expect(v.renewals).toBe(0);
  });

  it('renews a receiver that holds complete frames undecoded', async () => {
    const v = video();
    watch.add(v);
    await rounds(v, 4, 20, 7);
    // Complete frames (a key frame among them) arrive, and none decodes.
    await rounds(v, Math.ceil(RENEW_AFTER_MS / SAMPLE_EVERY_MS) - 1, 20, 0, 7);
    expect(v.renewals).toBe(0);
    await rounds(v, 1, 20, 0, 7);
    expect(v.renewals).toBe(1);
    // The same receiver still held: not renewed again within the retry interval, only asked for key frames.
    await rounds(v, Math.floor((RENEW_RETRY_MS - 1) / SAMPLE_EVERY_MS) - 1, 20, 0, 7);
    expect(v.renewals).toBe(1);
    expect(v.requests).toBeGreaterThan(0);
    await rounds(v, 2, 20, 0, 7);
    expect(v.renewals).toBe(2);
  });

  it('renews a receiver that decodes a key frame now and then but drops the complete frames after it', async () => {
    const v = video();
    watch.add(v);
    await rounds(v, 4, 20, 7);
    for (let i = 0; i < Math.ceil(RENEW_AFTER_MS / SAMPLE_EVERY_MS) + 1; i++) await rounds(v, 1, 20, i % 2, 7);
    expect(v.renewals).toBe(1);
  });

  it('waits for a key frame asked for before it renews a receiver that holds frames', async () => {
    const v = video();
    watch.add(v);
    await rounds(v, 4, 20, 7);
    // Packets arrive, no complete frame: a key frame is asked for; then complete frames come undecoded.
    await rounds(v, Math.ceil(STALL_AFTER_MS / SAMPLE_EVERY_MS) + 1, 20, 0, 0);
    expect(v.requests).toBe(1);
    await rounds(v, Math.floor((KEYFRAME_GRACE_MS - 1) / SAMPLE_EVERY_MS), 20, 0, 7);
    expect(v.renewals).toBe(0);
    await rounds(v, Math.ceil(RENEW_AFTER_MS / SAMPLE_EVERY_MS), 20, 0, 7);
    expect(v.renewals).toBe(1);
  });

  it('leaves a picture that decodes a little behind what arrives (jitter) alone', async () => {
    const v = video();
    watch.add(v);
    for (let i = 0; i < 40; i++) await rounds(v, 1, 20, i % 2 ? 4 : 10, 7);
    expect(v.requests + v.renewals).toBe(0);
  });

  it('does not renew a receiver that waits for a key frame (packets arrive, no complete frame does)', async () => {
    const v = video();
    watch.add(v);
    await rounds(v, 2, 20, 7);
    await rounds(v, 20, 20, 0, 0);
    expect(v.requests).toBeGreaterThan(1);
    expect(v.renewals).toBe(0);
  });

  it('does not renew the receiver that replaced one it renewed within the retry interval', async () => {
    const v = video('fresh');
    watch.add(v, clock);
    await rounds(v, 2, 20, 7);
    await rounds(v, Math.floor((RENEW_RETRY_MS - 1) / SAMPLE_EVERY_MS) - 2, 20, 0, 7);
    expect(v.requests).toBeGreaterThan(0);
    expect(v.renewals).toBe(0);
  });

  it('survives a renewal that is refused', async () => {
    const v = video();
    v.renew = async () => {
      v.renewals++;
      throw new Error('RATE_LIMITED');
    };
    watch.add(v);
    await rounds(v, 2, 20, 7);
    await rounds(v, 8, 20, 0, 7);
    expect(v.renewals).toBe(1);
    await expect(watch.check()).resolves.toBeUndefined();
  });

  it('does not ask while nothing arrives (a paused camera, a dead link)', async () => {
    const v = video();
    watch.add(v);
    await rounds(v, 2, 20, 7);
    await rounds(v, 40, 0, 0);
    await rounds(v, 40, 1, 0);
    expect(v.requests).toBe(0);
  });

  it('stops sampling a video once it is removed', async () => {
    const v = video();
    watch.add(v);
    await rounds(v, 1, 20, 7);
    watch.remove(v.id);
    await rounds(v, 20, 20, 0);
    expect(v.requests).toBe(0);
  });

  it('survives a receiver whose stats or request fail', async () => {
    const v = video();
    v.requestKeyFrame = async () => {
      v.requests++;
      throw new Error('gone');
    };
    watch.add(v);
    await rounds(v, 1, 20, 7);
    await rounds(v, 4, 20, 0);
    expect(v.requests).toBe(1);
    v.sample = async () => {
      throw new Error('closed');
    };
    await expect(watch.check()).resolves.toBeUndefined();
  });

  it('samples on its own timer while something is watched', async () => {
    vi.useFakeTimers();
    try {
      const w = new DecodeWatch();
      const v = video();
      let samples = 0;
      const sample = v.sample;
      v.sample = () => {
        samples++;
        return sample();
      };
      w.add(v);
      await vi.advanceTimersByTimeAsync(SAMPLE_EVERY_MS * 4);
      expect(samples).toBe(4);
      w.remove(v.id);
      await vi.advanceTimersByTimeAsync(SAMPLE_EVERY_MS * 4);
      expect(samples).toBe(4);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads the inbound video counters from a stats report', () => {
    const report = new Map<string, Record<string, unknown>>([
      ['a', { type: 'inbound-rtp', kind: 'audio', packetsReceived: 99 }],
      ['v', { type: 'inbound-rtp', kind: 'video', packetsReceived: 120, framesReceived: 40, framesDecoded: 33 }],
    ]) as unknown as RTCStatsReport;
    expect(decodeSampleOf(report)).toEqual({ packetsReceived: 120, framesReceived: 40, framesDecoded: 33 });
    expect(decodeSampleOf(new Map() as unknown as RTCStatsReport)).toBeNull();
  });
});
