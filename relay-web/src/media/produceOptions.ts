/**
 * How our camera and microphone are sent: tuned for sign language, where a smooth frame rate
 * carries meaning and resolution is what may give way (EN 301 549 §6.5).
 */
import type { types as ms } from 'mediasoup-client';
import { SIGN_VIDEO } from '@sign-relay/shared';
import type { MediaSource } from '@sign-relay/shared';

/** Carried on each producer so the transport's `produce` handler can tell the server the source. */
export interface ProducerAppData extends ms.AppData {
  source: MediaSource;
}

/** Producer options for a camera track; also marks the track as motion content. */
export function videoProducerOptions(track: MediaStreamTrack): ms.ProducerOptions<ProducerAppData> {
  // Tells the encoder to keep motion smooth (frame rate) rather than detail (resolution).
  track.contentHint = SIGN_VIDEO.contentHint;
  return {
    track,
    encodings: [{ maxBitrate: SIGN_VIDEO.maxBitrate, maxFramerate: SIGN_VIDEO.frameRate }],
    codecOptions: { videoGoogleStartBitrate: SIGN_VIDEO.startBitrateKbps, videoGoogleMinBitrate: SIGN_VIDEO.minBitrateKbps },
    stopTracks: false,
    appData: { source: 'camera' },
  };
}

/** Producer options for a microphone track: mono Opus with DTX (the interpreter's voice). */
export function audioProducerOptions(track: MediaStreamTrack): ms.ProducerOptions<ProducerAppData> {
  return {
    track,
    codecOptions: { opusStereo: false, opusDtx: true },
    stopTracks: false,
    appData: { source: 'microphone' },
  };
}

/** The part of RTCRtpSender we touch (so tests can pass a stand-in). */
export type ParameterSender = Pick<RTCRtpSender, 'getParameters' | 'setParameters'>;

/**
 * When bandwidth drops, keep the frame rate and lower the resolution. Best effort: some browsers
 * do not support the setting, and a call without it is still a call.
 */
export async function preferFrameRate(sender: ParameterSender | undefined): Promise<boolean> {
  if (!sender) return false;
  try {
    const params = sender.getParameters();
    params.degradationPreference = SIGN_VIDEO.degradationPreference;
    await sender.setParameters(params);
    return true;
  } catch {
    return false;
  }
}
