import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { QUEUE_RULES } from '@sign-relay/shared';
import { Icon } from '../../../components/Icon.tsx';
import { asServiceTopic, TopicPictogram } from '../../../components/TopicPictogram.tsx';
import { elapsedSec, formatDuration, localDeadline, remainingSec } from '../../../util/time.ts';
import type { RingingChat } from './deskChats.ts';
import { callerSourceLabel } from '../callerSource.ts';

interface Props {
  ringing: RingingChat;
  now: number;
  busy: boolean;
  onAccept: () => void;
  onDecline: () => void;
}

/** Seconds left before a chat offer moves on, on this browser's clock. */
export function chatOfferLeft(ringing: RingingChat, now: number): number {
  return remainingSec(localDeadline(ringing.offer.expiresAt, QUEUE_RULES.offerTimeoutMs, ringing.receivedAt), now);
}

/**
 * A text chat ringing on the desk: a flashing frame (once a second), what the caller chose, where from, how
 * long they waited, and a countdown. Focus moves to "accept" only when nothing else has it (never out of a
 * chat the interpreter is typing in).
 */
export function ChatOfferCard({ ringing, now, busy, onAccept, onDecline }: Props): ReactElement {
  const { t } = useTranslation();
  const { offer } = ringing;
  const accept = useRef<HTMLButtonElement>(null);
  const left = chatOfferLeft(ringing, now);
  const total = QUEUE_RULES.offerTimeoutMs / 1000;
  const topic = asServiceTopic(offer.topic);

  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body || active.id === 'main') accept.current?.focus();
  }, [offer.sessionId]);

  return (
    <section className="chat-offer" data-testid="chat-offer" data-session-id={offer.sessionId} id={`chat-offer-${offer.sessionId}`} aria-labelledby={`chat-offer-title-${offer.sessionId}`}>
      <div className="chat-offer__banner">
        <Icon name="chat" className="chat-offer__icon" />
        <div role="alert" className="chat-offer__title">
          <h3 id={`chat-offer-title-${offer.sessionId}`}>{t('deskChat.offerTitle')}</h3>
        </div>
        <div className={`chat-offer__countdown${left <= 5 ? ' chat-offer__countdown--urgent' : ''}`} data-testid="chat-offer-countdown" data-seconds={left}>
          <span className="visually-hidden">{t('offer.countdownLabel')}: </span>
          <span className="chat-offer__seconds">{t('offer.seconds', { count: left })}</span>
          <span className="offer__bar" aria-hidden="true">
            <span className="offer__bar-fill" style={{ width: `${Math.min(100, (left / total) * 100)}%` }} />
          </span>
        </div>
      </div>
      <dl className="chat-offer__facts">
        <div>
          <dt>{t('offer.topic')}</dt>
          <dd>
            <TopicPictogram topic={topic} />
            <span>{topic ? t(`topics.${topic}.name`) : t('offer.noTopic')}</span>
          </dd>
        </div>
        <div>
          <dt>{t('offer.channel')}</dt>
          <dd>
            <Icon name={offer.channel === 'kiosk' ? 'kiosk' : 'web'} />
            <span>{callerSourceLabel(t, offer)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('offer.waited')}</dt>
          <dd>
            <Icon name="hourglass" />
            <span>{formatDuration(elapsedSec(offer.queuedAt, now))}</span>
          </dd>
        </div>
      </dl>
      <div className="chat-offer__actions">
        <button ref={accept} type="button" className="button button--accept button--large" data-testid="chat-offer-accept" onClick={onAccept} disabled={busy}>
          <Icon name="chat" />
          <span>{t('deskChat.accept')}</span>
        </button>
        <button type="button" className="button button--danger-outline button--large" data-testid="chat-offer-decline" onClick={onDecline} disabled={busy}>
          <Icon name="hangup" />
          <span>{t('offer.decline')}</span>
        </button>
      </div>
    </section>
  );
}
