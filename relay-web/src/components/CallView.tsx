import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactElement, ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSnapshot } from '../media/CallSession.ts';
import type { CallControls as Controls } from '../hooks/useCallSession.ts';
import type { ConnectionState } from '../media/connectionState.ts';
import { VIBRATION, vibrate } from '../util/vibrate.ts';
import { CallControls } from './CallControls.tsx';
import { CallEnded, CallFailed } from './CallOutcome.tsx';
import { CameraError } from './CameraError.tsx';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { Icon } from './Icon.tsx';
import { MediaVideo } from './MediaVideo.tsx';
import { RemoteAudio } from './RemoteAudio.tsx';
import { remoteNoticeFor, waitingKey } from './remoteNotice.ts';
import type { RemoteNoticeKind } from './remoteNotice.ts';
import './callStage.css';

/** Felt on phones when the call connects and when it ends: nothing may depend on sound. */
function useStateSignals(state: ConnectionState, title: string): void {
  const previous = useRef<ConnectionState>(state);
  useEffect(() => {
    if (previous.current !== state) {
      if (state === 'connected') vibrate(VIBRATION.connected);
      if (state === 'ended') vibrate(VIBRATION.ended);
      previous.current = state;
    }
  }, [state]);
  useEffect(() => {
    // The tab title shows the state too, for someone whose call is in another tab.
    document.title = title;
  }, [title]);
}

interface TileProps {
  snapshot: CallSnapshot;
}

/** The other person's picture, with what to say when there is none (waiting, dropped, camera off). */
function RemoteTile({ snapshot }: TileProps): ReactElement {
  const { t } = useTranslation();
  const { remote } = snapshot;
  const remoteTrack = remote.video?.track ?? null;
  const remoteRole = remote.peer ? t(`role.${remote.peer.role}`) : t('call.remote');
  const notice = remoteNoticeFor(remote, snapshot.remoteDropped);
  const noticeText: Record<RemoteNoticeKind, string> = {
    waiting: t(`call.waitingFor.${waitingKey(snapshot.role)}`),
    dropped: t('call.peerDropped'),
    'camera-off': t('call.cameraOff'),
    'no-video': t('call.noVideo'),
  };
  return (
    <figure className="tile tile--remote" data-testid="remote-tile" data-camera={remote.video?.paused ? 'off' : 'on'}>
      <MediaVideo track={remoteTrack} testId="remote-video" className="tile__video" label={remoteRole} />
      {notice && (
        <div className="tile__notice" data-testid={`remote-${notice.kind}`} data-notice={notice.kind}>
          <Icon name={notice.icon} />
          <span>{noticeText[notice.kind]}</span>
        </div>
      )}
      {/* Named for screen readers only: nothing is drawn on the picture (hands and fingerspelling are there). */}
      <figcaption className="visually-hidden">{remoteRole}</figcaption>
    </figure>
  );
}

/** The other person's microphone, when it is off: beside the picture, not on it. */
function RemoteMicOff({ snapshot }: TileProps): ReactElement | null {
  const { t } = useTranslation();
  if (!snapshot.remote.audio?.paused) return null;
  const remoteRole = snapshot.remote.peer ? t(`role.${snapshot.remote.peer.role}`) : t('call.remote');
  return (
    <p className="badge call__remote-mic" data-testid="remote-mic-off">
      <Icon name="mic-off" />
      {t('callView.remoteMicOff', { who: remoteRole })}
    </p>
  );
}

/** Ourselves, small and mirrored. */
function SelfTile({ snapshot }: TileProps): ReactElement {
  const { t } = useTranslation();
  const { camera, mic } = snapshot;
  const selfTrack = snapshot.localStream?.getVideoTracks()[0] ?? null;
  const selfOff = !camera.available || !camera.on;
  return (
    <figure className="tile tile--self" data-testid="self-tile" data-camera={selfOff ? 'off' : 'on'}>
      <MediaVideo track={selfTrack} testId="self-video" className="tile__video" mirrored label={t('call.self')} />
      {selfOff && (
        <div className="tile__notice tile__notice--small" data-testid="self-camera-off">
          <Icon name="video-off" />
          <span>{t('call.cameraOff')}</span>
        </div>
      )}
      <figcaption className="tile__caption">
        <span>{t('call.self')}</span>
        {mic.available && !mic.on && (
          <span className="badge">
            <Icon name="mic-off" />
            {t('call.micOff')}
          </span>
        )}
      </figcaption>
    </figure>
  );
}

/**
 * The picture full screen, one tap away: the call fills the screen (the browser's full screen where it has one,
 * otherwise the window), the same button or Esc leaves it. Leaving the browser's full screen any other way
 * (its own Esc, a swipe) leaves ours too.
 */
function useFullScreen(target: RefObject<HTMLElement | null>): { on: boolean; onToggle: () => void } {
  const [on, setOn] = useState(false);
  useEffect(() => {
    if (!on) return;
    const onChange = (): void => {
      if (!document.fullscreenElement) setOn(false);
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOn(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      document.removeEventListener('keydown', onKey);
      if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    };
  }, [on]);
  const onToggle = useCallback(() => {
    if (on) {
      setOn(false);
      return;
    }
    setOn(true);
    const el = target.current;
    // Not every browser has element full screen (iPhones): the window-filling layout works without it.
    if (el && document.fullscreenEnabled && !document.fullscreenElement) el.requestFullscreen().catch(() => undefined);
  }, [on, target]);
  return { on, onToggle };
}

interface CallViewProps {
  snapshot: CallSnapshot;
  controls: Controls;
  aside?: ReactNode;
  chat?: ReactNode;
  /**
   * `stage` (the caller, web and kiosk): the window is the call, the picture as large as it allows with
   * ourselves, the controls and `chat`/`aside` beside it (landscape) or under it (portrait).
   * `console` (the interpreter's desk): the picture in its own column, nothing laid over it, with the state,
   * ourselves and the controls at the head of the column beside it, above `aside` (the page lays both out).
   */
  variant?: 'stage' | 'console';
}

/**
 * The call screen for either role: the other person as large as the screen allows, never covered; ourselves
 * small beside or under it; the controls (with full screen) and the call's chat beside or under it.
 */
export function CallView({ snapshot, controls, aside, chat, variant = 'stage' }: CallViewProps): ReactElement {
  const { t } = useTranslation();
  const { connectionState, remote, camera, mic, phase } = snapshot;
  useStateSignals(connectionState, `${t(`state.${connectionState}`)} · ${t('app.name')}`);
  const root = useRef<HTMLDivElement>(null);
  const fullScreen = useFullScreen(root);

  if (phase === 'ended' && snapshot.endReason) {
    return (
      <div className="call call--over">
        <ConnectionStatus state={connectionState} />
        <CallEnded reason={snapshot.endReason} />
      </div>
    );
  }
  if (phase === 'failed') {
    return (
      <div className="call call--over">
        <ConnectionStatus state={connectionState} />
        <CallFailed failure={snapshot.failure ?? 'INTERNAL'} />
      </div>
    );
  }

  // No full screen on the desk: there a text chat may ring beside the call, and full screen would hide it.
  const callControls = (
    <CallControls
      camera={camera}
      mic={mic}
      canHangUp={phase === 'joining' || phase === 'in-call'}
      onToggleCamera={controls.toggleCamera}
      onToggleMic={controls.toggleMic}
      onHangup={controls.hangup}
      {...(variant === 'stage' ? { fullScreen } : {})}
    />
  );
  if (variant === 'console') {
    return (
      <div className="call call--console" data-role={snapshot.role}>
        <div className="console__video" data-testid="console-video">
          <RemoteTile snapshot={snapshot} />
          <RemoteAudio track={remote.audio?.track ?? null} />
        </div>
        <div className="console__side">
          <div className="console__bar" data-testid="console-controls">
            <ConnectionStatus state={connectionState} transports={snapshot.transports} />
            {snapshot.cameraError && <CameraError kind={snapshot.cameraError} onRetry={controls.retryCamera} />}
            <SelfTile snapshot={snapshot} />
            {callControls}
            <RemoteMicOff snapshot={snapshot} />
          </div>
          {chat}
          {aside}
        </div>
      </div>
    );
  }

  return (
    <div ref={root} className={`call call--stage${fullScreen.on ? ' call--full' : ''}`} data-role={snapshot.role} data-full={fullScreen.on}>
      <div className="call__picture">
        <RemoteTile snapshot={snapshot} />
      </div>
      <div className="call__side">
        <div className="call__me">
          <SelfTile snapshot={snapshot} />
          <div className="call__state">
            <ConnectionStatus state={connectionState} transports={snapshot.transports} />
            <RemoteMicOff snapshot={snapshot} />
          </div>
        </div>
        {snapshot.cameraError && <CameraError kind={snapshot.cameraError} onRetry={controls.retryCamera} />}
        {callControls}
        {chat}
        {aside}
      </div>
      <RemoteAudio track={remote.audio?.track ?? null} />
    </div>
  );
}
