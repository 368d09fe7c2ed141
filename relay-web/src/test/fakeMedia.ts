/**
 * Minimal stand-ins for MediaStream and MediaStreamTrack (happy-dom has neither), enough for the
 * code that reads kinds, lists tracks, enables and stops them, and for mediasoup-client's FakeHandler.
 */
let nextId = 0;

export class FakeTrack extends EventTarget {
  readonly id = `fake-track-${++nextId}`;
  enabled = true;
  muted = false;
  readyState: 'live' | 'ended' = 'live';
  contentHint = '';
  constructor(readonly kind: 'audio' | 'video') {
    super();
  }
  stop(): void {
    this.readyState = 'ended';
  }
}

export class FakeStream {
  private readonly tracks: FakeTrack[];
  constructor(tracks: FakeTrack[]) {
    this.tracks = [...tracks];
  }
  getTracks(): FakeTrack[] {
    return [...this.tracks];
  }
  getVideoTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'video');
  }
  getAudioTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  addTrack(track: FakeTrack): void {
    this.tracks.push(track);
  }
}

/** The fakes typed as the DOM types the code under test expects. */
export function asStream(stream: FakeStream): MediaStream {
  return stream as unknown as MediaStream;
}

export function asTrack(track: FakeTrack): MediaStreamTrack {
  return track as unknown as MediaStreamTrack;
}

/** A DOMException-like rejection with the given name, as browsers throw from getUserMedia. */
export function mediaError(name: string): Error {
  const error = new Error(name);
  error.name = name;
  return error;
}
