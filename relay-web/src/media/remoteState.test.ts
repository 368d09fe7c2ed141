// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { PeerId, PeerInfo, ProducerId, ProducerInfo } from '@sign-relay/shared';
import { asTrack, FakeTrack } from '../test/fakeMedia.ts';
import * as r from './remoteState.ts';

const interpreter: PeerInfo = { peerId: 'p-int' as PeerId, role: 'interpreter', displayName: '' };
const hearing: PeerInfo = { peerId: 'p-hear' as PeerId, role: 'hearing', displayName: '' };
const video: ProducerInfo = { producerId: 'v1' as ProducerId, peerId: interpreter.peerId, kind: 'video', source: 'camera', paused: false };
const audio: ProducerInfo = { producerId: 'a1' as ProducerId, peerId: interpreter.peerId, kind: 'audio', source: 'microphone', paused: true };

describe('remote state', () => {
  it('starts empty with no primary participant', () => {
    expect(r.primaryRemote(r.EMPTY_REMOTE_STATE)).toEqual({ peer: null, video: null, audio: null });
  });

  it('joins peers and their media whatever order they are announced in', () => {
    let s = r.addProducer(r.EMPTY_REMOTE_STATE, video);
    expect(r.primaryRemote(s).video?.producerId).toBe('v1');
    s = r.addPeer(s, interpreter);
    s = r.addProducer(s, audio);
    const primary = r.primaryRemote(s);
    expect(primary.peer).toBe(interpreter);
    expect(primary.video?.producerId).toBe('v1');
    expect(primary.audio?.paused).toBe(true);
  });

  it('shows the first participant to join as primary', () => {
    const s = r.addProducer(r.addPeer(r.addPeer(r.EMPTY_REMOTE_STATE, interpreter), hearing), {
      ...video,
      producerId: 'v2' as ProducerId,
      peerId: hearing.peerId,
    });
    expect(r.primaryRemote(s).peer).toBe(interpreter);
    expect(r.primaryRemote(s).video).toBeNull();
  });

  it('shows the newest video and audio of a peer (new producers after their connection was rebuilt)', () => {
    let s = r.addPeer(r.EMPTY_REMOTE_STATE, interpreter);
    s = r.addProducer(s, video);
    s = r.addProducer(s, { ...video, producerId: 'v2' as ProducerId });
    expect(r.primaryRemote(s).video?.producerId).toBe('v2');
  });

  it('shows the caller as primary to every interpreter, whoever joined first (a transfer)', () => {
    const caller: PeerInfo = { peerId: 'p-caller' as PeerId, role: 'caller', displayName: '' };
    const s = r.addPeer(r.addPeer(r.EMPTY_REMOTE_STATE, interpreter), caller);
    expect(r.primaryRemote(s).peer).toBe(caller);
  });

  it('tracks consumed tracks, receiving and pause without mutating', () => {
    const s0 = r.addProducer(r.addPeer(r.EMPTY_REMOTE_STATE, interpreter), video);
    const muted = new FakeTrack('video');
    muted.muted = true;
    const s1 = r.setTrack(s0, video.producerId, asTrack(muted));
    expect(s0.media[0]?.track).toBeNull();
    expect(s1.media[0]?.track).toBe(muted);
    expect(s1.media[0]?.receiving).toBe(false);
    const s2 = r.setReceiving(s1, video.producerId);
    expect(s2.media[0]?.receiving).toBe(true);
    const s3 = r.setPaused(s2, video.producerId, true);
    expect(r.primaryRemote(s3).video?.paused).toBe(true);
    // A re-announced producer keeps its track.
    expect(r.addProducer(s3, video).media[0]?.track).toBe(muted);
  });

  it('returns the same state for unknown producers', () => {
    const s = r.addPeer(r.EMPTY_REMOTE_STATE, interpreter);
    expect(r.setPaused(s, 'nope' as ProducerId, true)).toBe(s);
    expect(r.setReceiving(s, 'nope' as ProducerId)).toBe(s);
  });

  it('removes a producer, or a peer with all its media', () => {
    let s = r.addProducer(r.addProducer(r.addPeer(r.EMPTY_REMOTE_STATE, interpreter), video), audio);
    s = r.removeProducer(s, video.producerId);
    expect(s.media.map((m) => m.producerId)).toEqual(['a1']);
    s = r.removePeer(s, interpreter.peerId);
    expect(s).toEqual(r.EMPTY_REMOTE_STATE);
  });
});
