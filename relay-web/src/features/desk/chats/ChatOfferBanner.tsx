import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon.tsx';
import { asServiceTopic, TopicPictogram } from '../../../components/TopicPictogram.tsx';
import { elapsedSec, formatDuration } from '../../../util/time.ts';
import { chatOfferLeft } from './ChatOfferCard.tsx';
import type { RingingChat } from './deskChats.ts';
import { callerSourceLabel } from '../callerSource.ts';

interface Props {
  ringing: RingingChat;
  now: number;
  busy: boolean;
  onAccept: () => void;
  onDecline: () => void;
}

/**
 * A text chat ringing during a video call: one flashing line in the console with what the caller chose, the
 * wait, the seconds left, accept and decline. It never takes the focus (the interpreter is signing and typing)
 * and never moves the page.
 */
export function ChatOfferBanner({ ringing, now, busy, onAccept, onDecline }: Props): ReactElement {
  const { t } = useTranslation();
  const { offer } = ringing;
  const left = chatOfferLeft(ringing, now);
  const topic = asServiceTopic(offer.topic);
  const titleId = `chat-offer-title-${offer.sessionId}`;
  return (
    <section className="chat-offer-banner" data-testid="chat-offer" data-session-id={offer.sessionId} id={`chat-offer-${offer.sessionId}`} aria-labelledby={titleId}>
      <Icon name="bell" className="chat-offer-banner__icon" />
      <div className="chat-offer-banner__text">
        <p id={titleId} className="chat-offer-banner__title" role="status">
          {t('deskChat.offerTitle')}
        </p>
        <p className="chat-offer-banner__facts">
          <span>
            <TopicPictogram topic={topic} /> {topic ? t(`topics.${topic}.name`) : t('offer.noTopic')}
          </span>
          <span>
            <Icon name={offer.channel === 'kiosk' ? 'kiosk' : 'web'} /> {callerSourceLabel(t, offer)}
          </span>
          <span>
            <Icon name="hourglass" /> {formatDuration(elapsedSec(offer.queuedAt, now))}
          </span>
        </p>
      </div>
      <span className={`chat-offer-banner__left${left <= 5 ? ' chat-offer-banner__left--urgent' : ''}`} data-testid="chat-offer-countdown" data-seconds={left}>
        <span className="visually-hidden">{t('offer.countdownLabel')}: </span>
        {t('offer.seconds', { count: left })}
      </span>
      <div className="chat-offer-banner__actions">
        <button type="button" className="button button--accept" data-testid="chat-offer-accept" onClick={onAccept} disabled={busy}>
          <Icon name="chat" />
          <span>{t('deskChat.accept')}</span>
        </button>
        <button type="button" className="button button--danger-outline" data-testid="chat-offer-decline" onClick={onDecline} disabled={busy}>
          <span>{t('offer.decline')}</span>
        </button>
      </div>
    </section>
  );
}
