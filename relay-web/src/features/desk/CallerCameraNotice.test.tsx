// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PeerId, PeerInfo, ProducerId } from '@sign-relay/shared';
import type { PrimaryRemote, RemoteMedia } from '../../media/remoteState.ts';
import type { CallSnapshot } from '../../media/CallSession.ts';
import { i18n, mount } from '../../test/render.tsx';
import type { Mounted } from '../../test/render.tsx';
import { CallerCameraNotice, callerCameraProblem } from './CallerCameraNotice.tsx';

const caller: PeerInfo = { peerId: 'p1' as PeerId, role: 'caller', displayName: '' };
const video = (p: Partial<RemoteMedia> = {}): RemoteMedia => ({ producerId: 'v1' as ProducerId, peerId: caller.peerId, kind: 'video', source: 'camera', paused: false, track: {} as MediaStreamTrack, receiving: true, ...p });
const at = (remote: Partial<PrimaryRemote>, remoteDropped = false) => ({ remote: { peer: caller, video: null, audio: null, ...remote }, remoteDropped });

describe('callerCameraProblem', () => {
  it('names a blocked or missing camera while the caller has no picture (joined or not yet)', () => {
    expect(callerCameraProblem('blocked', at({}))).toBe('blocked');
    expect(callerCameraProblem('missing', at({ peer: null }))).toBe('missing');
    expect(callerCameraProblem('blocked', at({ video: video({ receiving: false }) }))).toBe('blocked');
  });

  it('says nothing when the camera was fine or not known, when the picture plays after all, or when the caller dropped', () => {
    expect(callerCameraProblem('ok', at({}))).toBeNull();
    expect(callerCameraProblem(null, at({}))).toBeNull();
    expect(callerCameraProblem(undefined, at({}))).toBeNull();
    expect(callerCameraProblem('blocked', at({ video: video() }))).toBeNull();
    expect(callerCameraProblem('blocked', at({ peer: null }, true))).toBeNull();
  });
});

describe('CallerCameraNotice', () => {
  let m: Mounted;
  beforeEach(async () => {
    await i18n.changeLanguage('en');
    m = mount();
  });
  afterEach(() => m.unmount());

  it("is laid over the caller's tile of the desk's call, in words", () => {
    const snapshot = at({}) as unknown as CallSnapshot;
    m.render(
      <div className="desk-call">
        <figure data-testid="remote-tile" />
        <CallerCameraNotice camera="blocked" snapshot={snapshot} />
      </div>,
    );
    const notice = m.container.querySelector('[data-testid="remote-tile"] [data-testid="caller-camera-notice"]');
    expect(notice?.getAttribute('data-camera')).toBe('blocked');
    expect(notice?.textContent).toContain("The caller's camera is blocked");
  });
});
