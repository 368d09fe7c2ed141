import { beforeEach, describe, expect, it } from 'vitest';
import { REDUCED_SCALE, RESTORE_AFTER_MS, RESTORE_KBPS, SAMPLE_EVERY_MS, SILENT_MS, SendGuard, sendSampleOf, type SendSample } from './sendGuard.ts';

/** A camera sender whose counters each test drives, recording every scale it is given. */
function sender() {
  const s = {
    now: { bytesReceived: 0, framesEncoded: 0, targetBitrate: 1_000_000 } as SendSample,
    scales: [] as number[],
    refuse: false,
    async sample() {
      return { ...s.now };
    },
    async scaleDownBy(factor: number) {
      if (s.refuse) throw new Error('InvalidModificationError');
      s.scales.push(factor);
    },
  };
  return s;
}

let clock = 0;
beforeEach(() => {
  clock = 1_000_000;
});

/** Runs `n` samples: per sample `received` bytes come back from the server and `frames` are encoded. */
async function rounds(guard: SendGuard, s: ReturnType<typeof sender>, n: number, received: number, frames: number, targetKbps?: number) {
  for (let i = 0; i < n; i++) {
    s.now = {
      bytesReceived: s.now.bytesReceived + received,
      framesEncoded: s.now.framesEncoded + frames,
      targetBitrate: targetKbps === undefined ? s.now.targetBitrate : targetKbps * 1000,
    };
    clock += SAMPLE_EVERY_MS;
    await guard.check();
  }
}

const samplesFor = (ms: number) => Math.ceil(ms / SAMPLE_EVERY_MS);

describe('SendGuard: the picture gets smaller, not slower, through a network drop', () => {
  it('leaves a call whose feedback keeps coming alone', async () => {
    const s = sender();
    const guard = new SendGuard(s, () => clock);
    await rounds(guard, s, 40, 300, 7);
    expect(s.scales).toEqual([]);
  });

  it('sends at reduced resolution once nothing has come back for the silence limit while sending', async () => {
    const s = sender();
    const guard = new SendGuard(s, () => clock);
    await rounds(guard, s, 4, 300, 7);
    await rounds(guard, s, samplesFor(SILENT_MS) - 1, 0, 7);
    expect(s.scales).toEqual([]);
    await rounds(guard, s, 1, 0, 7);
    expect(s.scales).toEqual([REDUCED_SCALE]);
    expect(guard.isReduced).toBe(true);
    // Still silent: nothing more to do.
    await rounds(guard, s, 10, 0, 7);
    expect(s.scales).toEqual([REDUCED_SCALE]);
  });

  it('does nothing while the camera sends nothing (paused), however quiet the link', async () => {
    const s = sender();
    const guard = new SendGuard(s, () => clock);
    await rounds(guard, s, 20, 0, 0);
    expect(s.scales).toEqual([]);
  });

  it('returns to full resolution only after the encoder target has stayed high enough for a second', async () => {
    const s = sender();
    const guard = new SendGuard(s, () => clock);
    await rounds(guard, s, 2, 300, 7);
    await rounds(guard, s, samplesFor(SILENT_MS) + 1, 0, 7);
    expect(guard.isReduced).toBe(true);
    // The network is back but the target climbs from low: stay small.
    await rounds(guard, s, 8, 300, 7, 150);
    await rounds(guard, s, 2, 300, 7, RESTORE_KBPS);
    await rounds(guard, s, 1, 300, 7, RESTORE_KBPS - 1);
    // The first healthy sample starts the second; the change comes at the sample a second after it.
    await rounds(guard, s, samplesFor(RESTORE_AFTER_MS), 300, 7, RESTORE_KBPS + 50);
    expect(s.scales).toEqual([REDUCED_SCALE]);
    await rounds(guard, s, 1, 300, 7, RESTORE_KBPS + 50);
    expect(s.scales).toEqual([REDUCED_SCALE, 1]);
    expect(guard.isReduced).toBe(false);
  });

  it('tries again at the next sample when the browser refuses the change', async () => {
    const s = sender();
    const guard = new SendGuard(s, () => clock);
    await rounds(guard, s, 2, 300, 7);
    s.refuse = true;
    await rounds(guard, s, samplesFor(SILENT_MS) + 1, 0, 7);
    expect(guard.isReduced).toBe(false);
    s.refuse = false;
    await rounds(guard, s, 1, 0, 7);
    expect(s.scales).toEqual([REDUCED_SCALE]);
  });
});

describe('sendSampleOf', () => {
  it('reads the transport bytes received and the video encoder counters, and nothing without outbound video', () => {
    const report = new Map<string, Record<string, unknown>>([
      ['T1', { type: 'transport', bytesReceived: 1234 }],
      ['A1', { type: 'outbound-rtp', kind: 'audio', framesEncoded: undefined }],
      ['V1', { type: 'outbound-rtp', kind: 'video', framesEncoded: 99, targetBitrate: 640_000 }],
    ]) as unknown as RTCStatsReport;
    expect(sendSampleOf(report)).toEqual({ bytesReceived: 1234, framesEncoded: 99, targetBitrate: 640_000 });
    const audioOnly = new Map([['A1', { type: 'outbound-rtp', kind: 'audio' }]]) as unknown as RTCStatsReport;
    expect(sendSampleOf(audioOnly)).toBeNull();
  });
});
