import type { ReactElement } from 'react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon } from '../../components/Icon.tsx';
import { useCreateCall } from '../../hooks/useCreateCall.ts';

/** The caller's start: one big pictogram button, the service hours, and the way in for interpreters. */
export function HomePage(): ReactElement {
  const { t } = useTranslation();
  const { create, busy, error } = useCreateCall();

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  return (
    <div className="home">
      <h1 className="home__title">{t('home.title')}</h1>
      <button
        type="button"
        className="big-action"
        data-testid="start-video-call"
        onClick={create}
        disabled={busy}
        aria-busy={busy}
        aria-describedby="start-hint"
      >
        <span className="big-action__pictogram" aria-hidden="true">
          <Icon name="video" />
          <Icon name="hands" />
        </span>
        <span className="big-action__label">{busy ? t('home.starting') : t('home.start')}</span>
        <span className="big-action__hint" id="start-hint">
          {t('home.startHint')}
        </span>
      </button>
      <div role="alert" className="home__error">
        {error && (
          <p className="notice notice--error" data-testid="create-call-error" data-error={error}>
            <Icon name="warning" className="notice__icon" />
            <span>
              {t('home.createFailed')} {t(`errors.${error}`)}
            </span>
          </p>
        )}
      </div>
      <ul className="home__hours">
        <li>
          <Icon name="video" />
          <span>{t('home.hours')}</span>
        </li>
        <li>
          <Icon name="clock" />
          <span>{t('home.textHours')}</span>
        </li>
      </ul>
      <Link to="/interpreter" className="button button--quiet" data-testid="interpreter-page-link">
        <Icon name="headset" />
        <span>{t('home.forInterpreters')}</span>
      </Link>
    </div>
  );
}
