/**
 * Media settings tuned for sign language (EN 301 549 §6.5, ITU-T H-Series Supplement 1):
 * frame rate matters more than resolution, 640×480 at 30 fps preferred, never below 20 fps.
 */
export const SIGN_VIDEO = {
  width: 640,
  height: 480,
  frameRate: 30,
  minFrameRate: 20,
  /** Enough for 640×480@30 VP8 with motion; the encoder lowers resolution first when it must. */
  maxBitrate: 1_200_000,
  startBitrateKbps: 1000,
  /**
   * The floor of the sender's bandwidth estimate: after a burst of loss (a network drop of a few seconds) the
   * estimate would otherwise collapse and the encoder drop to a few frames a second for seconds while it climbs
   * back; at this rate 640×480 (or less, the encoder lowering resolution first) still runs at full frame rate.
   */
  minBitrateKbps: 300,
  contentHint: 'motion',
  degradationPreference: 'maintain-framerate',
} as const;

/** A call room holds a caller, an interpreter, and later a hearing party and a second interpreter. */
export const MAX_PARTICIPANTS = 4;

export const PARTICIPANT_ROLES = ['caller', 'interpreter', 'hearing', 'interpreter2'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const MEDIA_SOURCES = ['camera', 'microphone'] as const;
export type MediaSource = (typeof MEDIA_SOURCES)[number];

/** Why a call ended, as shown to the people in it. */
/** `requeued`: the interpreter's connection dropped and the caller went back to the head of the line. */
export const CALL_END_REASONS = ['hangup', 'peer-left', 'peer-lost', 'requeued', 'media-failure', 'server-shutdown'] as const;
export type CallEndReason = (typeof CALL_END_REASONS)[number];
