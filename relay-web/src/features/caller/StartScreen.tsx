import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon } from '../../components/Icon.tsx';

/** The caller's start: one big pictogram button, the service hours, and the ways in for staff. */
export function StartScreen({ onStart }: { onStart: () => void }): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="home">
      <h1 className="home__title">{t('home.title')}</h1>
      <button type="button" className="big-action" data-testid="start-video-call" onClick={onStart} aria-describedby="start-hint">
        <span className="big-action__pictogram" aria-hidden="true">
          <Icon name="video" />
          <Icon name="hands" />
        </span>
        <span className="big-action__label">{t('home.start')}</span>
        <span className="big-action__hint" id="start-hint">
          {t('home.startHint')}
        </span>
      </button>
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
      <nav className="home__staff" aria-label={t('home.staffLinks')}>
        <Link to="/desk" className="button button--quiet" data-testid="desk-link">
          <Icon name="headset" />
          <span>{t('home.forInterpreters')}</span>
        </Link>
        <Link to="/wallboard" className="button button--quiet" data-testid="wallboard-link">
          <Icon name="chart" />
          <span>{t('home.forSupervisors')}</span>
        </Link>
      </nav>
    </div>
  );
}
