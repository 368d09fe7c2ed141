// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import type { ReactElement } from 'react';
import { mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import type { GetUserMedia } from '../../media/userMedia.ts';
import { cameraReport, useCameraCheck } from './useCameraCheck.ts';
import type { CameraCheck } from './useCameraCheck.ts';

/** A track that records being stopped. */
function fakeTrack(kind: 'video' | 'audio'): MediaStreamTrack & { stopped: boolean } {
  const t = { kind, stopped: false, enabled: true, stop: () => void (t.stopped = true) };
  return t as unknown as MediaStreamTrack & { stopped: boolean };
}
function fakeStream(tracks: MediaStreamTrack[]): MediaStream {
  return { getTracks: () => tracks, getVideoTracks: () => tracks.filter((t) => t.kind === 'video'), getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'), addTrack: (t: MediaStreamTrack) => tracks.push(t) } as unknown as MediaStream;
}
const refused = (name: string): GetUserMedia => () => Promise.reject(Object.assign(new Error(name), { name }));

let m: Mounted;
let latest: CameraCheck | null = null;
function Probe({ active, gum }: { active: boolean; gum: GetUserMedia | null }): ReactElement {
  latest = useCameraCheck(active, gum);
  return <span data-testid="state">{latest.state}</span>;
}
const settle = () => act(async () => await new Promise((r) => setTimeout(r, 0)));

beforeEach(() => {
  m = mount();
  latest = null;
});
afterEach(() => m.unmount());

describe('cameraReport', () => {
  it('tells the desk blocked, missing or ok, and nothing while the browser has not answered', () => {
    expect(cameraReport('checking')).toBeUndefined();
    expect(cameraReport('ok')).toBe('ok');
    expect(cameraReport('denied')).toBe('blocked');
    expect(cameraReport('missing')).toBe('missing');
    expect(cameraReport('other')).toBe('missing');
  });
});

describe('useCameraCheck', () => {
  it('shows the camera when it works and stops it when the caller moves on', async () => {
    const video = fakeTrack('video');
    const audio = fakeTrack('audio');
    const gum: GetUserMedia = () => Promise.resolve(fakeStream([video, audio]));
    m.render(<Probe active gum={gum} />);
    expect(latest?.state).toBe('checking');
    await settle();
    expect(latest?.state).toBe('ok');
    expect(latest?.track).toBe(video);
    m.render(<Probe active={false} gum={gum} />);
    expect(video.stopped && audio.stopped).toBe(true);
    expect(latest?.track).toBeNull();
  });

  it('finds a refused camera (NotAllowedError) and a missing one (NotFoundError)', async () => {
    m.render(<Probe active gum={refused('NotAllowedError')} />);
    await settle();
    expect(latest?.state).toBe('denied');
    m.render(<Probe active gum={refused('NotFoundError')} />);
    await settle();
    expect(latest?.state).toBe('missing');
  });

  it('asks the browser again on retry: a camera allowed meanwhile then works', async () => {
    const video = fakeTrack('video');
    let allowed = false;
    let asked = 0;
    const gum: GetUserMedia = () => {
      asked++;
      return allowed ? Promise.resolve(fakeStream([video])) : refused('NotAllowedError')({});
    };
    m.render(<Probe active gum={gum} />);
    await settle();
    expect(latest?.state).toBe('denied');
    const askedBefore = asked;
    allowed = true;
    act(() => latest?.retry());
    expect(latest?.state).toBe('checking');
    await settle();
    expect(asked).toBeGreaterThan(askedBefore);
    expect(latest?.state).toBe('ok');
    expect(latest?.track).toBe(video);
  });

  it('says the camera is unavailable where the browser has no getUserMedia', async () => {
    m.render(<Probe active gum={null} />);
    await settle();
    expect(latest?.state).toBe('other');
  });

  it('stops a camera that answered after the caller had already moved on', async () => {
    const video = fakeTrack('video');
    let answer: (s: MediaStream) => void = () => undefined;
    const gum: GetUserMedia = () => new Promise((r) => (answer = r));
    m.render(<Probe active gum={gum} />);
    m.render(<Probe active={false} gum={gum} />);
    answer(fakeStream([video]));
    await settle();
    expect(video.stopped).toBe(true);
    expect(latest?.track).toBeNull();
  });
});
