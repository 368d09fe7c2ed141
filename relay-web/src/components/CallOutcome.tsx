import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SessionEndReason, SessionFailure } from '../media/CallSession.ts';
import { useFocusOnMount } from '../hooks/useFocusOnMount.ts';
import { Icon } from './Icon.tsx';

/** Shown once the call is over: why, and what next (by default, the way home). */
export function CallEnded({ reason, children }: { reason: SessionEndReason; children?: ReactNode }): ReactElement {
  const { t } = useTranslation();
  const heading = useFocusOnMount();
  return (
    <section className="outcome outcome--ended" data-testid="call-ended" data-reason={reason} aria-labelledby="call-ended-title">
      <Icon name="hangup" className="outcome__icon" />
      <h2 id="call-ended-title" ref={heading} tabIndex={-1}>
        {t('ended.title')}
      </h2>
      <p className="outcome__reason">{t(`ended.reason.${reason}`)}</p>
      {children ?? (
        <Link to="/" className="button button--primary button--large" data-testid="go-home">
          <Icon name="home" />
          <span>{t('ended.home')}</span>
        </Link>
      )}
    </section>
  );
}

/** Shown when joining failed or a lost connection could not be restored. */
export function CallFailed({ failure, children }: { failure: SessionFailure; children?: ReactNode }): ReactElement {
  const { t } = useTranslation();
  const heading = useFocusOnMount();
  return (
    <section className="outcome outcome--failed" data-testid="call-failed" data-error={failure} aria-labelledby="call-failed-title">
      <Icon name="warning" className="outcome__icon" />
      <h2 id="call-failed-title" ref={heading} tabIndex={-1}>
        {t('failed.title')}
      </h2>
      <p className="outcome__reason">{failure === 'connection-lost' ? t('failed.connectionLost') : t(`errors.${failure}`)}</p>
      {children ?? (
        <Link to="/" className="button button--primary button--large" data-testid="go-home">
          <Icon name="home" />
          <span>{t('failed.home')}</span>
        </Link>
      )}
    </section>
  );
}
