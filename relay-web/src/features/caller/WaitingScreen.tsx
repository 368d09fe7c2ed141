import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueStatus } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.ts';
import { waitEstimate } from '../../util/time.ts';
import { CameraCheckPanel } from '../cameraCheck/CameraCheckPanel.tsx';
import type { CameraCheck } from '../cameraCheck/useCameraCheck.ts';
import { CallbackForm } from '../entry/CallbackForm.tsx';

interface Props {
  status: QueueStatus | null;
  requeued: boolean;
  leaving: boolean;
  /** The signaling connection is down (it reconnects by itself; the place in line is kept meanwhile). */
  offline: boolean;
  onLeave: () => void;
  /** The caller's own camera, checked while they wait (shown with it). */
  camera?: CameraCheck | undefined;
  /** Text chat is open now (or not known): "use text instead" is offered. */
  textOpen?: boolean;
  /**
   * Leaves the line for a text chat. With it the screen offers the other ways (text chat, a call-back request);
   * without it (a caller who came from a text chat) it does not.
   */
  onText?: (() => void) | undefined;
}

/** The wait as a label and a value that fit: about N minutes, or under a minute. */
function WaitText({ seconds }: { seconds: number }): ReactElement {
  const { t } = useTranslation();
  const estimate = waitEstimate(seconds);
  return <>{estimate.kind === 'minutes' ? t('queue.waitMinutes', { count: estimate.minutes }) : t('queue.waitUnderMinute')}</>;
}

/**
 * The caller's place in line, the estimated wait (or, plainly, that nobody is on duty), their own camera with a
 * check that it works, the other ways (text chat, a call-back request) and the way out.
 */
export function WaitingScreen({ status, requeued, leaving, offline, onLeave, camera, textOpen = true, onText }: Props): ReactElement {
  const { t } = useTranslation();
  const heading = useFocusOnMount();
  const [callback, setCallback] = useState(false);
  // After a requeue the caller is first in line even before the new status arrives.
  const position = status?.position ?? (requeued ? 1 : null);
  const offered = status?.state === 'offered';
  const seconds = status ? status.estimatedWaitSec : null;
  // The estimate is null exactly when nobody is on duty (queue/estimate.ts).
  const nobody = status !== null && !offered && (status.staffed === 0 || seconds === null);

  useEffect(() => {
    document.title = `${offered ? t('queue.tabOffered') : position ? t('queue.tabWaiting', { position }) : t('queue.title')} · ${t('app.name')}`;
  }, [offered, position, t]);

  const otherWays = (
    <div className="waiting__ways-actions">
      {textOpen && onText && (
        <button type="button" className="button button--secondary button--large" data-testid="waiting-to-text" onClick={onText} disabled={leaving} aria-describedby="waiting-to-text-hint">
          <Icon name="chat" />
          <span>{t('callerPath.waiting.toText')}</span>
          <span className="visually-hidden" id="waiting-to-text-hint">
            {t('callerPath.waiting.toTextHint')}
          </span>
        </button>
      )}
      <button type="button" className="button button--secondary button--large" data-testid="waiting-callback" onClick={() => setCallback(true)} aria-describedby="waiting-callback-hint" aria-expanded={callback}>
        <Icon name="phone" />
        <span>{t('callerPath.waiting.callback')}</span>
        <span className="visually-hidden" id="waiting-callback-hint">
          {t('callerPath.waiting.callbackHint')}
        </span>
      </button>
    </div>
  );

  return (
    <section className={`waiting${offered ? ' waiting--offered' : ''}${camera ? ' waiting--camera' : ''}`} aria-labelledby="waiting-title" data-testid="queue-waiting" data-nobody={nobody}>
      <h1 id="waiting-title" ref={heading} tabIndex={-1} className="waiting__title">
        {t('queue.title')}
      </h1>
      {requeued && (
        <div className="notice notice--warn notice--big" data-testid="queue-requeued" role="alert">
          <Icon name="sync" className="notice__icon" />
          <div className="notice__body">
            <p className="notice__title">{t('queue.requeuedTitle')}</p>
            <p>{t('queue.requeuedBody')}</p>
          </div>
        </div>
      )}
      {offline && (
        <p className="notice notice--warn" data-testid="queue-offline" role="status">
          <Icon name="sync" className="notice__icon icon--spin" />
          <span>{t('queue.reconnecting')}</span>
        </p>
      )}
      <div className="waiting__body">
        <div className="waiting__line">
          <p className="waiting__place">
            <span className="waiting__label">{t('queue.positionLabel')}</span>
            <span className="waiting__circle">
              <span className="waiting__ring" aria-hidden="true" />
              <span className="waiting__position" data-testid="queue-position" data-position={position ?? ''}>
                {position ?? '–'}
              </span>
            </span>
          </p>
          <div role="status" aria-live="polite" aria-atomic="true" className="waiting__facts">
            <p className={`waiting__state waiting__state--${offered ? 'offered' : 'waiting'}`} data-testid="queue-state" data-state={offered ? 'offered' : 'waiting'}>
              <Icon name={offered ? 'bell' : 'hourglass'} />
              <span>{offered ? t('queue.stateOffered') : t('queue.stateWaiting')}</span>
            </p>
            {!offered &&
              (nobody ? (
                <p className="waiting__wait waiting__wait--nobody" data-testid="queue-wait" data-seconds="unknown">
                  <Icon name="warning" />
                  <strong>{t('callerPath.waiting.nobodyTitle')}</strong>
                </p>
              ) : (
                <p className="waiting__wait" data-testid="queue-wait" data-seconds={seconds ?? ''}>
                  <Icon name="clock" />
                  <span>
                    <span className="waiting__wait-label">{t('queue.waitLabel')}</span> <strong>{seconds !== null ? <WaitText seconds={seconds} /> : '…'}</strong>
                  </span>
                </p>
              ))}
          </div>
          <p className="waiting__hint">
            <Icon name="video" />
            <span>{t('queue.flashHint')}</span>
          </p>
        </div>
        {camera && <CameraCheckPanel check={camera} variant="full" />}
      </div>
      {!offered && onText && (
        <section className={`waiting__ways${nobody ? ' waiting__ways--nobody' : ''}`} data-testid="waiting-ways" aria-labelledby="waiting-ways-title">
          <h2 id="waiting-ways-title" className="waiting__ways-title">
            {nobody ? t('callerPath.waiting.nobodyBody') : t('callerPath.waiting.otherWays')}
          </h2>
          {callback ? <CallbackForm onCancel={() => setCallback(false)} /> : otherWays}
        </section>
      )}
      <button type="button" className="button button--danger-outline button--large" data-testid="queue-leave" onClick={onLeave} disabled={leaving} aria-busy={leaving}>
        <Icon name="logout" />
        <span>{leaving ? t('queue.leaving') : t('queue.leave')}</span>
      </button>
    </section>
  );
}
