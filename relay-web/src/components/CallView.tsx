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

/**
 * The call screen for either role: the other person large, ourselves small, the controls below; beside the
 * picture the call's text chat (`chat`) and whatever else the role needs (`aside`).
 */
export function CallView({ snapshot, controls, aside, chat }: { snapshot: CallSnapshot; controls: Controls; aside?: ReactNode; chat?: ReactNode }): ReactElement {
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

  const selfTrack = snapshot.localStream?.getVideoTracks()[0] ?? null;
  const remoteTrack = remote.video?.track ?? null;
  const remoteRole = remote.peer ? t(`role.${remote.peer.role}`) : t('call.remote');
  const notice = remoteNoticeFor(remote, snapshot.remoteDropped);
  const noticeText: Record<RemoteNoticeKind, string> = {
    waiting: t(`call.waitingFor.${waitingKey(snapshot.role)}`),
    dropped: t('call.peerDropped'),
    'camera-off': t('call.cameraOff'),
    'no-video': t('call.noVideo'),
  };
  const selfOff = !camera.available || !camera.on;

  return (
    <div className="call" data-role={snapshot.role}>
      <ConnectionStatus state={connectionState} transports={snapshot.transports} />
      {snapshot.cameraError && <CameraError kind={snapshot.cameraError} onRetry={controls.retryCamera} />}
      <div className="call__layout">
        <div className="stage">
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
        </div>
        {(aside || chat) && (
          <aside className="call__aside">
            {chat}
            {aside}
          </aside>
        )}
      </div>
      <RemoteAudio track={remote.audio?.track ?? null} />
      <CallControls
        camera={camera}
        mic={mic}
        canHangUp={phase === 'joining' || phase === 'in-call'}
        onToggleCamera={controls.toggleCamera}
        onToggleMic={controls.toggleMic}
        onHangup={controls.hangup}
      />
    </div>
  );
}
