// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { asStream, FakeStream, FakeTrack, mediaError } from '../test/fakeMedia.ts';
import { acquireLocalMedia, AUDIO, classifyMediaError, IDEAL_VIDEO, STRICT_VIDEO } from './userMedia.ts';

describe('classifyMediaError', () => {
  it('maps browser errors to what the user is told', () => {
    expect(classifyMediaError(mediaError('NotAllowedError'))).toBe('denied');
    expect(classifyMediaError(mediaError('PermissionDeniedError'))).toBe('denied');
    expect(classifyMediaError(mediaError('SecurityError'))).toBe('denied');
    expect(classifyMediaError(mediaError('NotFoundError'))).toBe('missing');
    expect(classifyMediaError(mediaError('DevicesNotFoundError'))).toBe('missing');
    expect(classifyMediaError(mediaError('NotReadableError'))).toBe('other');
    expect(classifyMediaError(mediaError('AbortError'))).toBe('other');
    expect(classifyMediaError('weird')).toBe('other');
    expect(classifyMediaError(null)).toBe('other');
  });
});

describe('constraints', () => {
  it('ask for 640×480 at 30 fps and never accept under 20 fps', () => {
    expect(STRICT_VIDEO).toEqual({
      width: { ideal: 640, min: 640 },
      height: { ideal: 480, min: 480 },
      frameRate: { ideal: 30, min: 20 },
    });
    expect(IDEAL_VIDEO).toEqual({ width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 } });
    expect(AUDIO).toEqual({ echoCancellation: true, noiseSuppression: true });
  });
});

/** A getUserMedia stand-in answering each call from a script, recording the constraints. */
function scripted(...answers: (FakeTrack[] | string)[]) {
  const calls: MediaStreamConstraints[] = [];
  const gum = (c: MediaStreamConstraints): Promise<MediaStream> => {
    calls.push(c);
    const answer = answers.shift();
    if (answer === undefined) return Promise.reject(mediaError('NotFoundError'));
    if (typeof answer === 'string') return Promise.reject(mediaError(answer));
    return Promise.resolve(asStream(new FakeStream(answer)));
  };
  return { gum, calls };
}

describe('acquireLocalMedia', () => {
  it('opens camera and microphone together with the strict constraints', async () => {
    const { gum, calls } = scripted([new FakeTrack('video'), new FakeTrack('audio')]);
    const result = await acquireLocalMedia(gum);
    expect(result.cameraError).toBeNull();
    expect(result.stream?.getTracks()).toHaveLength(2);
    expect(calls).toEqual([{ video: STRICT_VIDEO, audio: AUDIO }]);
  });

  it('retries with ideals only when the camera cannot meet the minimums', async () => {
    const { gum, calls } = scripted('OverconstrainedError', [new FakeTrack('video'), new FakeTrack('audio')]);
    const result = await acquireLocalMedia(gum);
    expect(result.cameraError).toBeNull();
    expect(calls[1]).toEqual({ video: IDEAL_VIDEO, audio: AUDIO });
  });

  it('reports a denied permission without asking again', async () => {
    const { gum, calls } = scripted('NotAllowedError');
    expect(await acquireLocalMedia(gum)).toEqual({ stream: null, cameraError: 'denied' });
    expect(calls).toHaveLength(1);
  });

  it('keeps the microphone when there is no camera', async () => {
    // Together: not found. Camera alone: not found. Microphone alone: works.
    const { gum } = scripted('NotFoundError', 'NotFoundError', [new FakeTrack('audio')]);
    const result = await acquireLocalMedia(gum);
    expect(result.cameraError).toBe('missing');
    expect(result.stream?.getAudioTracks()).toHaveLength(1);
    expect(result.stream?.getVideoTracks()).toHaveLength(0);
  });

  it('keeps the camera when there is no microphone', async () => {
    const { gum } = scripted('NotFoundError', [new FakeTrack('video')], 'NotFoundError');
    const result = await acquireLocalMedia(gum);
    expect(result.cameraError).toBeNull();
    expect(result.stream?.getVideoTracks()).toHaveLength(1);
  });

  it('reports a camera in use by another app as other', async () => {
    const { gum } = scripted('NotReadableError', 'NotReadableError', 'NotReadableError');
    expect(await acquireLocalMedia(gum)).toEqual({ stream: null, cameraError: 'other' });
  });

  it('reports other when the browser has no getUserMedia (insecure page)', async () => {
    expect(await acquireLocalMedia(null)).toEqual({ stream: null, cameraError: 'other' });
  });
});
