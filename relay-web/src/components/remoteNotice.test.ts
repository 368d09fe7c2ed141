// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { PeerId, ProducerId } from '@sign-relay/shared';
import type { PrimaryRemote, RemoteMedia } from '../media/remoteState.ts';
import { asTrack, FakeTrack } from '../test/fakeMedia.ts';
import { remoteNoticeFor, waitingKey } from './remoteNotice.ts';

const peerId = 'p' as PeerId;
const video: RemoteMedia = {
  producerId: 'v' as ProducerId,
  peerId,
  kind: 'video',
  source: 'camera',
  paused: false,
  track: asTrack(new FakeTrack('video')),
  receiving: true,
};
const present: PrimaryRemote = { peer: { peerId, role: 'interpreter', displayName: '' }, video, audio: null };
const nobody: PrimaryRemote = { peer: null, video: null, audio: null };

describe('remoteNoticeFor', () => {
  it('is empty while video plays', () => {
    expect(remoteNoticeFor(present, false)).toBeNull();
  });

  it('tells waiting for someone from someone who dropped out', () => {
    expect(remoteNoticeFor(nobody, false)?.kind).toBe('waiting');
    expect(remoteNoticeFor(nobody, true)?.kind).toBe('dropped');
  });

  it('shows a paused camera, and video not yet arrived', () => {
    expect(remoteNoticeFor({ ...present, video: { ...video, paused: true } }, false)?.kind).toBe('camera-off');
    expect(remoteNoticeFor({ ...present, video: { ...video, receiving: false } }, false)?.kind).toBe('no-video');
    expect(remoteNoticeFor({ ...present, video: null }, false)?.kind).toBe('no-video');
  });

  it('picks the waiting text by role', () => {
    expect(waitingKey('caller')).toBe('caller');
    expect(waitingKey('interpreter')).toBe('interpreter');
    expect(waitingKey('hearing')).toBe('interpreter');
  });
});
