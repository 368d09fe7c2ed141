import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon } from './Icon.tsx';

/** A call link whose id is malformed: say so plainly and offer the way home. */
export function InvalidCallId(): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="outcome outcome--failed" data-testid="invalid-call-id">
      <Icon name="warning" className="outcome__icon" />
      <h1>{t('failed.title')}</h1>
      <p className="outcome__reason">{t('interpreter.invalidId')}</p>
      <Link to="/" className="button button--primary button--large" data-testid="go-home">
        <Icon name="home" />
        <span>{t('failed.home')}</span>
      </Link>
    </section>
  );
}
