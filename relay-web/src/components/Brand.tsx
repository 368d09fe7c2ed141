import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon } from './Icon.tsx';

/** The name in the top bar, linking to the first screen; `service` is the line under it (the web app's service, or the kiosk's place). */
export function Brand({ service }: { service?: string }): ReactElement {
  const { t } = useTranslation();
  return (
    <Link to="/" className="brand" data-testid="brand">
      <Icon name="hands" className="brand__icon" />
      <span className="brand__text">
        <span className="brand__name">{t('app.name')}</span>
        <span className="brand__service">{service ?? t('app.service')}</span>
      </span>
    </Link>
  );
}
