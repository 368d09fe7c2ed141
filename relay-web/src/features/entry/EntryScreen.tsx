import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { PublicMessage, ServiceKindStatus } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { useNow } from '../../hooks/useNow.ts';
import { storedChatSession } from '../../chat/chatStorage.ts';
import { CallbackForm } from './CallbackForm.tsx';
import { weeklyWords } from './weeklyWords.ts';
import { ServiceStatusLine, useServiceTimeWords } from './ServiceStatusPanel.tsx';
import { serverNow, useServiceStatus } from './useServiceStatus.ts';
import './entry.css';

/**
 * The caller's first screen: what can be done now, first. Video open: the big "start a video call" (saying
 * until when). Video closed: one line saying when it opens again (Taipei time), then text chat as the big
 * action, and a call-back request. When the status cannot be had, both ways are offered and the server
 * decides. A public page: staff go to /desk, /wallboard, /cases and /admin directly, there are no links to them.
 */
export function EntryScreen({ onStartVideo }: { onStartVideo: () => void }): ReactElement {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const service = useServiceStatus();
  const now = serverNow(service, useNow(30_000));
  const words = useServiceTimeWords();
  const [callback, setCallback] = useState(false);
  const { status } = service;
  const failed = status === null && service.error !== null;
  const videoOpen = status ? status.video.open : failed;
  const textOpen = status ? status.text.open : failed;
  const chatWaiting = storedChatSession() !== null;
  const lang: keyof PublicMessage = (i18n.resolvedLanguage ?? i18n.language) === 'en' ? 'en' : 'zh-TW';

  const messages = [...new Set([status?.video.message?.[lang], status?.text.message?.[lang]].filter((m): m is string => !!m))];
  const startText = (): void => void navigate('/chat', { state: { start: !chatWaiting } });

  /** How long an open service stays open, said once, in its own button. */
  const openFor = (s: ServiceKindStatus): string => (status ? (s.closesAt === null ? t('callerPath.entry.openAnyTime') : t('callerPath.entry.openUntil', { when: words.until(s, status, now) })) : '');

  return (
    <div className={`home entry entry--${videoOpen ? 'video-open' : 'video-closed'}`}>
      <h1 className="home__title">{t('home.title')}</h1>
      <ServiceStatusLine status={status} now={now} failed={failed} />
      {messages.length > 0 && (
        <div className="notice notice--warn notice--big entry__message" data-testid="service-message" role="note">
          <Icon name="bell" className="notice__icon" />
          <div className="notice__body">
            <p className="notice__title">{t('entry.messageTitle')}</p>
            {messages.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </div>
        </div>
      )}

      {/* Video closed: one line that says so and when it opens, never a card that looks like a button. */}
      {status && !status.video.open && (
        <p className="entry-closed" data-testid="video-closed">
          <Icon name="video-off" className="entry-closed__icon" />
          <strong>{t('callerPath.entry.videoClosed')}</strong>
          <span className="entry-closed__when" data-testid="video-reopens">
            {words.opens(status.video, status, now)}
          </span>
        </p>
      )}

      {videoOpen && (
        <button type="button" className="big-action" data-testid="start-video-call" onClick={onStartVideo} aria-describedby="start-hint">
          <span className="big-action__pictogram" aria-hidden="true">
            <Icon name="video" />
            <Icon name="hands" />
          </span>
          <span className="big-action__label">{t('home.start')}</span>
          <span className="big-action__hint" id="start-hint">
            {t('home.startHint')}
          </span>
          {status && (
            <span className="big-action__until" data-testid="video-open-until">
              <Icon name="clock" /> {openFor(status.video)}
            </span>
          )}
        </button>
      )}

      {textOpen ? (
        <button
          type="button"
          className={videoOpen ? 'button button--secondary button--large entry__text' : 'big-action big-action--text'}
          data-testid="start-text-chat"
          onClick={startText}
          aria-describedby="text-hint"
        >
          <span className={videoOpen ? 'entry__text-icon' : 'big-action__pictogram'} aria-hidden="true">
            <Icon name="chat" />
          </span>
          <span className={videoOpen ? 'entry__text-label' : 'big-action__label'}>{chatWaiting ? t('entry.resumeText') : t('entry.startText')}</span>
          <span className={videoOpen ? 'entry__text-hint' : 'big-action__hint'} id="text-hint">
            {t('entry.startTextHint')}
          </span>
          {status && (
            <span className={videoOpen ? 'entry__text-until' : 'big-action__until'} data-testid="text-open-until">
              <Icon name="clock" /> {openFor(status.text)}
            </span>
          )}
        </button>
      ) : (
        status && (
          <p className="notice notice--neutral" data-testid="text-closed">
            <Icon name="chat" className="notice__icon" />
            <span>
              {t('entry.textClosedTitle')} {words.opens(status.text, status, now)}
            </span>
          </p>
        )
      )}

      {status && !status.video.open && (
        <section className="entry-callback" aria-labelledby={callback ? undefined : 'callback-title'}>
          {callback ? (
            <CallbackForm onCancel={() => setCallback(false)} />
          ) : (
            <>
              <h2 id="callback-title">
                <Icon name="phone" /> {t('entry.callbackTitle')}
              </h2>
              <p>{t('entry.callbackHint')}</p>
              <button type="button" className="button button--secondary button--large" data-testid="callback-open" onClick={() => setCallback(true)}>
                <Icon name="pen" />
                <span>{t('entry.callbackOpen')}</span>
              </button>
            </>
          )}
        </section>
      )}

      {status && (
        <ul className="home__hours" aria-label={t('entry.usualHours')} data-testid="usual-hours">
          <li data-testid="usual-hours-video">
            <Icon name="video" />
            <span>{t('entry.week.video', { hours: weeklyWords(status.video.weekly, t) })}</span>
          </li>
          <li data-testid="usual-hours-text">
            <Icon name="clock" />
            <span>{t('entry.week.text', { hours: weeklyWords(status.text.weekly, t) })}</span>
          </li>
        </ul>
      )}
    </div>
  );
}
