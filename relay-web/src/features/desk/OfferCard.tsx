import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { QUEUE_RULES } from '@sign-relay/shared';
import type { DeskOffer } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { TopicPictogram } from '../../components/TopicPictogram.tsx';
import { elapsedSec, formatDuration, remainingSec } from '../../util/time.ts';
import { offerDeadline, offerUrgent } from './deskView.ts';
import { callerSourceLabel } from './callerSource.ts';

interface Props {
  offer: DeskOffer;
  receivedAt: number;
  now: number;
  busy: boolean;
  onAccept: () => void;
  onDecline: () => void;
}

/** Whether a key press is meant for a form field rather than for the desk's shortcuts. */
function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));
}

/**
 * A call ringing on the desk, as a strong visual ring: what the caller chose, where from, how long they
 * waited, and a countdown; accept with A (or Enter, focus starts there), decline with D.
 */
export function OfferCard({ offer, receivedAt, now, busy, onAccept, onDecline }: Props): ReactElement {
  const { t } = useTranslation();
  const acceptRef = useRef<HTMLButtonElement>(null);
  const left = remainingSec(offerDeadline(offer, receivedAt), now);
  const total = QUEUE_RULES.offerTimeoutMs / 1000;
  const waited = elapsedSec(offer.queuedAt, now);

  useEffect(() => {
    acceptRef.current?.focus();
  }, [offer.entryId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'a') {
        e.preventDefault();
        onAccept();
      } else if (key === 'd') {
        e.preventDefault();
        onDecline();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onAccept, onDecline]);

  return (
    <section className="offer" data-testid="offer" data-entry-id={offer.entryId} data-transfer={offer.transferFrom ? 'true' : 'false'} data-camera={offer.camera ?? 'unknown'} aria-labelledby="offer-title">
      <div className="offer__banner">
        <Icon name="bell" className="offer__bell" />
        <div role="alert" className="offer__title">
          <h2 id="offer-title">{offer.transferFrom ? t('offer.transferTitle', { name: offer.transferFrom.displayName }) : t('offer.title')}</h2>
        </div>
        <div className={`offer__countdown${offerUrgent(left) ? ' offer__countdown--urgent' : ''}`} data-testid="offer-countdown" data-seconds={left}>
          <span className="visually-hidden">{t('offer.countdownLabel')}: </span>
          <span className="offer__seconds">{t('offer.seconds', { count: left })}</span>
          <span className="offer__bar" aria-hidden="true">
            <span className="offer__bar-fill" style={{ width: `${Math.min(100, (left / total) * 100)}%` }} />
          </span>
        </div>
      </div>
      <dl className="offer__facts">
        <div className="offer__fact offer__fact--topic">
          <dt>{t('offer.topic')}</dt>
          <dd data-testid="offer-topic" data-topic={offer.topic ?? 'none'}>
            <TopicPictogram topic={offer.topic} className="offer__topic-icon" />
            <span>{offer.topic ? t(`topics.${offer.topic}.name`) : t('offer.noTopic')}</span>
          </dd>
        </div>
        <div className="offer__fact">
          <dt>{t('offer.channel')}</dt>
          <dd data-testid="offer-channel">
            <Icon name={offer.channel === 'kiosk' ? 'kiosk' : 'web'} />
            <span>{callerSourceLabel(t, offer)}</span>
          </dd>
        </div>
        <div className="offer__fact">
          <dt>{t('offer.waited')}</dt>
          <dd data-testid="offer-waited" data-seconds={waited}>
            <Icon name="hourglass" />
            <span>{formatDuration(waited)}</span>
          </dd>
        </div>
        <div className="offer__fact">
          <dt>{t('offer.gender')}</dt>
          <dd data-testid="offer-gender">
            <Icon name={offer.preferredGender ?? 'users'} />
            <span>{t(`prefs.gender.${offer.preferredGender ?? 'any'}`)}</span>
          </dd>
        </div>
      </dl>
      {(offer.camera === 'blocked' || offer.camera === 'missing') && (
        <p className="notice notice--warn" data-testid="offer-camera" data-camera={offer.camera}>
          <Icon name="video-off" className="notice__icon" />
          <span>
            <strong>{offer.camera === 'blocked' ? t('callerPath.desk.blockedTitle') : t('callerPath.desk.missingTitle')}</strong> {t('callerPath.desk.noPictureBody')}
          </span>
        </p>
      )}
      {offer.requeued && (
        <p className="notice notice--warn" data-testid="offer-requeued">
          <Icon name="sync" className="notice__icon" />
          <span>{t('offer.requeued')}</span>
        </p>
      )}
      <div className="offer__actions">
        <button ref={acceptRef} type="button" className="button button--accept button--huge" data-testid="offer-accept" onClick={onAccept} disabled={busy} aria-keyshortcuts="A">
          <Icon name="video" />
          <span>{t('offer.accept')}</span>
          <kbd aria-hidden="true">A</kbd>
        </button>
        <button type="button" className="button button--danger-outline button--large" data-testid="offer-decline" onClick={onDecline} disabled={busy} aria-keyshortcuts="D">
          <Icon name="hangup" />
          <span>{t('offer.decline')}</span>
          <kbd aria-hidden="true">D</kbd>
        </button>
      </div>
    </section>
  );
}
