// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { asTrack, FakeTrack } from '../test/fakeMedia.ts';
import { audioProducerOptions, preferFrameRate, videoProducerOptions } from './produceOptions.ts';
import type { ParameterSender } from './produceOptions.ts';

describe('producer options', () => {
  it('sends the camera as motion, capped at 1.2 Mbit/s and 30 fps, starting at 1 Mbit/s', () => {
    const track = new FakeTrack('video');
    const options = videoProducerOptions(asTrack(track));
    expect(track.contentHint).toBe('motion');
    expect(options.encodings).toEqual([{ maxBitrate: 1_200_000, maxFramerate: 30 }]);
    expect(options.codecOptions).toEqual({ videoGoogleStartBitrate: 1000, videoGoogleMinBitrate: 300 });
    expect(options.appData).toEqual({ source: 'camera' });
  });

  it('sends the microphone as mono Opus with DTX', () => {
    const options = audioProducerOptions(asTrack(new FakeTrack('audio')));
    expect(options.codecOptions).toEqual({ opusStereo: false, opusDtx: true });
    expect(options.appData).toEqual({ source: 'microphone' });
  });
});

describe('preferFrameRate', () => {
  it('sets maintain-framerate on the sender', async () => {
    let applied: RTCRtpSendParameters | undefined;
    const sender: ParameterSender = {
      getParameters: () => ({ encodings: [], transactionId: 't', codecs: [], headerExtensions: [], rtcp: {} }),
      setParameters: async (p) => {
        applied = p;
      },
    };
    expect(await preferFrameRate(sender)).toBe(true);
    expect(applied?.degradationPreference).toBe('maintain-framerate');
  });

  it('is a no-op without a sender and survives a browser that refuses', async () => {
    expect(await preferFrameRate(undefined)).toBe(false);
    const refusing: ParameterSender = {
      getParameters: () => ({ encodings: [], transactionId: 't', codecs: [], headerExtensions: [], rtcp: {} }),
      setParameters: () => Promise.reject(new Error('InvalidModificationError')),
    };
    expect(await preferFrameRate(refusing)).toBe(false);
  });
});
