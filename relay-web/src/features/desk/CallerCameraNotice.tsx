import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { CallerCamera } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { remoteNoticeFor } from '../../components/remoteNotice.ts';
import type { CallSnapshot } from '../../media/CallSession.ts';
import './callerCameraNotice.css';

interface Props {
  /** What the caller's camera check said when they joined the line (from the offer; unknown after a reload). */
  camera: CallerCamera | null | undefined;
  snapshot: CallSnapshot;
}

/** Whether the interpreter should be told why the caller's picture is missing. */
export function callerCameraProblem(camera: CallerCamera | null | undefined, snapshot: Pick<CallSnapshot, 'remote' | 'remoteDropped'>): 'blocked' | 'missing' | null {
  if (camera !== 'blocked' && camera !== 'missing') return null;
  const notice = remoteNoticeFor(snapshot.remote, snapshot.remoteDropped);
  // Their picture plays after all (they allowed the camera meanwhile), or they dropped out: say nothing about the camera.
  if (notice === null || notice.kind === 'dropped') return null;
  return camera;
}

/**
 * "The caller's camera is blocked" where the caller's picture would be, instead of only "no video yet": the
 * interpreter knows at once that no picture is coming, and why. Laid over the caller's tile of the call view.
 */
export function CallerCameraNotice({ camera, snapshot }: Props): ReactElement | null {
  const { t } = useTranslation();
  const problem = callerCameraProblem(camera, snapshot);
  // The caller's tile is the call view's; it is found after each render, since it remounts with the call's phase.
  const [tile, setTile] = useState<Element | null>(null);
  useEffect(() => {
    const found = problem ? document.querySelector('.desk-call [data-testid="remote-tile"]') : null;
    if (found !== tile) setTile(found);
  });
  if (!problem) return null;
  const notice = (
    <div className="caller-camera-notice" data-testid="caller-camera-notice" data-camera={problem} role="status">
      <Icon name="video-off" />
      <p className="caller-camera-notice__title">{problem === 'blocked' ? t('callerPath.desk.blockedTitle') : t('callerPath.desk.missingTitle')}</p>
      <p>{t('callerPath.desk.noPictureBody')}</p>
    </div>
  );
  return tile ? createPortal(notice, tile) : null;
}
