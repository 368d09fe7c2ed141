import { useEffect } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueStatus } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.ts';
import { waitEstimate } from '../../util/time.ts';

interface Props {
  status: QueueStatus | null;
  requeued: boolean;
  leaving: boolean;
  /** The signaling connection is down (it reconnects by itself; the place in line is kept meanwhile). */
  offline: boolean;
  onLeave: () => void;
}

/** The wait in words: about N minutes, under a minute, or nobody on duty right now. */
function WaitText({ seconds }: { seconds: number | null }): ReactElement {
  const { t } = useTranslation();
  const estimate = waitEstimate(seconds);
  switch (estimate.kind) {
    case 'unknown':
      return <>{t('queue.waitUnknown')}</>;
    case 'under-minute':
      return <>{t('queue.waitUnderMinute')}</>;
    case 'minutes':
      return <>{t('queue.waitMinutes', { count: estimate.minutes })}</>;
  }
}

/** The caller's place in line, the estimated wait, a calm sign of life, and the way out. */
export function WaitingScreen({ status, requeued, leaving, offline, onLeave }: Props): ReactElement {
  const { t } = useTranslation();
  const heading = useFocusOnMount();
  // After a requeue the caller is first in line even before the new status arrives.
  const position = status?.position ?? (requeued ? 1 : null);
  const offered = status?.state === 'offered';
  const seconds = status ? status.estimatedWaitSec : null;

  useEffect(() => {
    document.title = `${offered ? t('queue.tabOffered') : position ? t('queue.tabWaiting', { position }) : t('queue.title')} · ${t('app.name')}`;
  }, [offered, position, t]);

  return (
    <section className={`waiting${offered ? ' waiting--offered' : ''}`} aria-labelledby="waiting-title" data-testid="queue-waiting">
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
        {!offered && (
          <p className="waiting__wait" data-testid="queue-wait" data-seconds={seconds ?? 'unknown'}>
            <Icon name="clock" />
            <span>
              <span className="waiting__wait-label">{t('queue.waitLabel')}</span> <strong>{status ? <WaitText seconds={seconds} /> : '…'}</strong>
            </span>
          </p>
        )}
        {!offered && status && seconds === null && <p className="hint">{t('queue.waitUnknownHint')}</p>}
      </div>
      <p className="waiting__hint">
        <Icon name="video" />
        <span>{t('queue.flashHint')}</span>
      </p>
      <button type="button" className="button button--danger-outline button--large" data-testid="queue-leave" onClick={onLeave} disabled={leaving} aria-busy={leaving}>
        <Icon name="logout" />
        <span>{leaving ? t('queue.leaving') : t('queue.leave')}</span>
      </button>
    </section>
  );
}
