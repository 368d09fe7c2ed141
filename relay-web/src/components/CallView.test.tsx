// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallId, PeerId, ProducerId } from '@sign-relay/shared';
import type { CallControls } from '../hooks/useCallSession.ts';
import type { CallSnapshot } from '../media/CallSession.ts';
import { initI18n } from '../i18n/i18n.ts';
import { CallView } from './CallView.tsx';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean;
}

const i18n = initI18n();
const noop = (): void => undefined;
const controls: CallControls = { toggleCamera: noop, toggleMic: noop, retryCamera: noop, hangup: noop };

const base: CallSnapshot = {
  callId: '0b8f6c3e-2d4a-4c1b-9f7e-1a2b3c4d5e6f' as CallId,
  role: 'caller',
  phase: 'in-call',
  connectionState: 'waiting-for-peer',
  localStream: null,
  camera: { available: true, on: true },
  mic: { available: true, on: true },
  cameraError: null,
  remote: { peer: null, video: null, audio: null },
  remotePeers: [],
  endReason: null,
  failure: null,
  remoteDropped: false,
  transports: { send: null, recv: null },
  mediaRebuilds: 0,
};

let container: HTMLDivElement;
let root: Root;

function render(snapshot: CallSnapshot, calls: Partial<CallControls> = {}): void {
  act(() =>
    root.render(
      <I18nextProvider i18n={i18n}>
        <MemoryRouter>
          <CallView snapshot={snapshot} controls={{ ...controls, ...calls }} />
        </MemoryRouter>
      </I18nextProvider>,
    ),
  );
}

const byTestId = (id: string): HTMLElement | null => container.querySelector(`[data-testid="${id}"]`);

beforeAll(() => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
});

beforeEach(async () => {
  await i18n.changeLanguage('zh-TW');
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('CallView', () => {
  it('shows the state as data-state and text, in a polite live region', () => {
    render(base);
    const state = byTestId('connection-state');
    expect(state?.dataset.state).toBe('waiting-for-peer');
    expect(state?.getAttribute('aria-live')).toBe('polite');
    expect(state?.textContent).toContain('等待對方加入');
    expect(byTestId('remote-waiting')?.textContent).toContain('等待手語翻譯員加入');
  });

  it('renders the videos and the controls with aria-pressed following the devices', () => {
    render({ ...base, camera: { available: true, on: false } });
    expect(byTestId('remote-video')?.tagName).toBe('VIDEO');
    expect((byTestId('self-video') as HTMLVideoElement | null)?.muted).toBe(true);
    // Mute-style toggles: pressed means the device is off.
    expect(byTestId('toggle-camera')?.getAttribute('aria-pressed')).toBe('true');
    expect(byTestId('toggle-mic')?.getAttribute('aria-pressed')).toBe('false');
    expect(byTestId('self-camera-off')?.textContent).toContain('鏡頭已關閉');
  });

  it('calls the controls', () => {
    const clicked: string[] = [];
    render(base, { toggleCamera: () => clicked.push('camera'), toggleMic: () => clicked.push('mic'), hangup: () => clicked.push('hangup') });
    act(() => {
      byTestId('toggle-camera')?.click();
      byTestId('toggle-mic')?.click();
      byTestId('hangup')?.click();
    });
    expect(clicked).toEqual(['camera', 'mic', 'hangup']);
  });

  it('shows a remote camera that was switched off', () => {
    const peerId = 'p1' as PeerId;
    render({
      ...base,
      connectionState: 'connected',
      remote: {
        peer: { peerId, role: 'interpreter', displayName: '' },
        video: { producerId: 'v' as ProducerId, peerId, kind: 'video', source: 'camera', paused: true, track: null, receiving: true },
        audio: { producerId: 'a' as ProducerId, peerId, kind: 'audio', source: 'microphone', paused: true, track: null, receiving: false },
      },
    });
    expect(byTestId('remote-tile')?.dataset.camera).toBe('off');
    expect(byTestId('remote-camera-off')?.textContent).toContain('鏡頭已關閉');
    expect(byTestId('remote-mic-off')).not.toBeNull();
  });

  it('shows a camera error with its kind and a retry', () => {
    const retried: boolean[] = [];
    render({ ...base, cameraError: 'denied', camera: { available: false, on: true } }, { retryCamera: () => retried.push(true) });
    const error = byTestId('camera-error');
    expect(error?.dataset.error).toBe('denied');
    expect(byTestId('toggle-camera')?.hasAttribute('disabled')).toBe(true);
    act(() => byTestId('camera-retry')?.click());
    expect(retried).toEqual([true]);
  });

  it('shows why the call ended, in the chosen language, with the way home', async () => {
    await act(() => i18n.changeLanguage('en'));
    render({ ...base, phase: 'ended', connectionState: 'ended', endReason: 'peer-left' });
    const ended = byTestId('call-ended');
    expect(ended?.dataset.reason).toBe('peer-left');
    expect(ended?.textContent).toContain('The other person left the call.');
    expect(byTestId('go-home')?.getAttribute('href')).toBe('/');
    expect(byTestId('hangup')).toBeNull();
  });

  it('shows a failed join with its error', () => {
    render({ ...base, phase: 'failed', connectionState: 'failed', failure: 'NOT_FOUND' });
    expect(byTestId('call-failed')?.dataset.error).toBe('NOT_FOUND');
    expect(byTestId('call-failed')?.textContent).toContain('找不到這通電話');
  });
});
