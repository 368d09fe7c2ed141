import { useEffect, useRef } from 'react';
import type { ReactElement, ReactNode } from 'react';
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
      <figcaption className="tile__caption">
        <span>{remoteRole}</span>
        {remote.audio?.paused && (
          <span className="badge" data-testid="remote-mic-off">
            <Icon name="mic-off" />
            {t('call.micOff')}
          </span>
        )}
      </figcaption>
    </figure>
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

interface CallViewProps {
  snapshot: CallSnapshot;
  controls: Controls;
  aside?: ReactNode;
  chat?: ReactNode;
  /**
   * `console` (the interpreter's desk): the picture alone in its column, nothing laid over it, with ourselves,
   * the state and the controls in a bar beneath it; `aside` is the column beside it (the page lays both out).
   */
  variant?: 'stage' | 'console';
}

/**
 * The call screen for either role: the other person large, ourselves small, the controls below; beside the
 * picture the call's text chat (`chat`) and whatever else the role needs (`aside`).
 */
export function CallView({ snapshot, controls, aside, chat, variant = 'stage' }: CallViewProps): ReactElement {
  const { t } = useTranslation();
  const { connectionState, remote, camera, mic, phase } = snapshot;
  useStateSignals(connectionState, `${t(`state.${connectionState}`)} · ${t('app.name')}`);

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

  const callControls = (
    <CallControls
      camera={camera}
      mic={mic}
      canHangUp={phase === 'joining' || phase === 'in-call'}
      onToggleCamera={controls.toggleCamera}
      onToggleMic={controls.toggleMic}
      onHangup={controls.hangup}
    />
  );

  if (variant === 'console') {
    return (
      <div className="call call--console" data-role={snapshot.role}>
        <div className="console__video" data-testid="console-video">
          {snapshot.cameraError && <CameraError kind={snapshot.cameraError} onRetry={controls.retryCamera} />}
          <div className="stage">
            <RemoteTile snapshot={snapshot} />
          </div>
          <div className="console__bar" data-testid="console-controls">
            <ConnectionStatus state={connectionState} transports={snapshot.transports} />
            <SelfTile snapshot={snapshot} />
            {callControls}
          </div>
          <RemoteAudio track={remote.audio?.track ?? null} />
        </div>
        {(aside || chat) && (
          <div className="console__side">
            {chat}
            {aside}
          </div>
        )}
      </div>
    );
  }

  return (
    <div className="call" data-role={snapshot.role}>
      <ConnectionStatus state={connectionState} transports={snapshot.transports} />
      {snapshot.cameraError && <CameraError kind={snapshot.cameraError} onRetry={controls.retryCamera} />}
      <div className="call__layout">
        <div className="stage">
          <RemoteTile snapshot={snapshot} />
          <SelfTile snapshot={snapshot} />
        </div>
        {(aside || chat) && (
          <aside className="call__aside">
            {chat}
            {aside}
          </aside>
        )}
      </div>
      <RemoteAudio track={remote.audio?.track ?? null} />
      {callControls}
    </div>
  );
}
