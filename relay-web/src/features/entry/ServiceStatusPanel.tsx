import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceKindStatus, ServiceStatus } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import type { IconName } from '../../components/Icon.tsx';
import { describeServiceTime } from './serviceTimes.ts';

/** "Opens tomorrow 09:00" / "until 18:00" for one service, in the reader's language and Taipei time. */
export function useServiceTimeWords(): {
  opens: (s: ServiceKindStatus, status: ServiceStatus, now: number) => string;
  until: (s: ServiceKindStatus, status: ServiceStatus, now: number) => string;
} {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return {
    opens: (s, status, now) => {
      if (s.opensAt === null) return t('entry.reopensUnknown');
      const w = describeServiceTime(s.opensAt, now, status.timeZone, lang);
      return w.day === 'today' ? t('entry.reopensToday', { time: w.time }) : w.day === 'tomorrow' ? t('entry.reopensTomorrow', { time: w.time }) : t('entry.reopensOn', { date: w.date, time: w.time });
    },
    until: (s, status, now) => {
      if (s.closesAt === null) return t('entry.openNow');
      const w = describeServiceTime(s.closesAt, now, status.timeZone, lang);
      return w.day === 'today' ? t('entry.openUntilToday', { time: w.time }) : w.day === 'tomorrow' ? t('entry.openUntilTomorrow', { time: w.time }) : t('entry.openUntilOn', { date: w.date, time: w.time });
    },
  };
}

function Row({ icon, name, open, words, testId }: { icon: IconName; name: string; open: boolean; words: string; testId: string }): ReactElement {
  const { t } = useTranslation();
  return (
    <li className={`service-row service-row--${open ? 'open' : 'closed'}`} data-testid={testId} data-open={open}>
      <Icon name={icon} className="service-row__icon" />
      <span className="service-row__main">
        <span className="service-row__line">
          <span className="service-row__name">{name}</span>
          <span className={`pill pill--${open ? 'ok' : 'neutral'} service-row__state`}>
            <Icon name={open ? 'check' : 'clock'} />
            <span>{open ? t('entry.open') : t('entry.closed')}</span>
          </span>
        </span>
        <span className="service-row__words">{words}</span>
      </span>
    </li>
  );
}

/** What is open now, each service as icon + words + colour; while the status loads, a calm "checking". */
export function ServiceStatusPanel({ status, now, failed }: { status: ServiceStatus | null; now: number; failed: boolean }): ReactElement {
  const { t } = useTranslation();
  const words = useServiceTimeWords();
  return (
    <section className="service-status" data-testid="service-status" data-video-open={status ? String(status.video.open) : undefined} data-text-open={status ? String(status.text.open) : undefined} aria-labelledby="service-status-title">
      <h2 id="service-status-title" className="service-status__title">
        {t('entry.statusTitle')}
      </h2>
      <div role="status" aria-live="polite">
        {status ? (
          <ul className="service-status__rows">
            <Row icon="video" name={t('entry.video')} open={status.video.open} words={status.video.open ? words.until(status.video, status, now) : words.opens(status.video, status, now)} testId="service-video" />
            <Row icon="chat" name={t('entry.text')} open={status.text.open} words={status.text.open ? words.until(status.text, status, now) : words.opens(status.text, status, now)} testId="service-text" />
          </ul>
        ) : (
          <StatusPending failed={failed} />
        )}
      </div>
    </section>
  );
}

/**
 * The caller's first screen's status line: a calm "checking" while the status loads, a plain word when it could
 * not be had (both ways are then offered), and once known only the time in Taipei the hours are reckoned in: the
 * actions say what is open and until when, and a closed service says when it opens — a panel saying it again is
 * what made the screen repeat itself. It carries `data-video-open` / `data-text-open`.
 */
export function ServiceStatusLine({ status, now, failed }: { status: ServiceStatus | null; now: number; failed: boolean }): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return (
    <div className="service-status service-status--line" data-testid="service-status" data-video-open={status ? String(status.video.open) : undefined} data-text-open={status ? String(status.text.open) : undefined} role="status" aria-live="polite">
      {status ? (
        <p className="service-status__now">
          <Icon name="clock" /> {t('callerPath.entry.now', { time: describeServiceTime(now, now, status.timeZone, lang).time })}
        </p>
      ) : (
        <StatusPending failed={failed} />
      )}
    </div>
  );
}

/** Before the status is known: a calm "checking", or a plain word when it could not be had. */
function StatusPending({ failed }: { failed: boolean }): ReactElement {
  const { t } = useTranslation();
  return failed ? (
    <p className="hint">
      <Icon name="warning" /> {t('entry.statusUnknown')}
    </p>
  ) : (
    <p className="hint">
      <Icon name="sync" className="icon--spin" /> {t('entry.checking')}
    </p>
  );
}
