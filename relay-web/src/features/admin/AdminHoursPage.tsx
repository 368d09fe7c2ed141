/**
 * `/admin/hours`: admins edit when sign-language video and text chat are open — weekly hours and dated
 * exceptions (typhoon closures, holidays, special openings) with the notice the public sees.
 */
import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffAuth, StaffUser } from '../../auth/StaffAuth.ts';
import { Icon } from '../../components/Icon.tsx';
import { SignedIn } from '../../components/SignedIn.tsx';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.ts';
import { taipeiDateTime } from '../../util/taipeiDateTime.ts';
import { ServiceStatusPanel } from '../entry/ServiceStatusPanel.tsx';
import { serverNow, useServiceStatus } from '../entry/useServiceStatus.ts';
import { StaffGate } from '../staff/SignIn.tsx';
import { HoursEditor } from './HoursEditor.tsx';
import { useAdminHours } from './useAdminHours.ts';
import './admin.css';

/** How long after a save the public status is read again: the server's hours cache lasts 5 s. */
const STATUS_SETTLE_MS = 5_500;

function HoursAdmin({ user, auth }: { user: StaffUser; auth: StaffAuth }): ReactElement {
  const { t } = useTranslation();
  const heading = useFocusOnMount();
  const hours = useAdminHours(auth);
  const service = useServiceStatus();
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(settle.current), []);
  useEffect(() => {
    document.title = `${t('hours.title')} · ${t('app.name')}`;
  }, [t]);

  const onSaved = (): void => {
    service.refresh();
    clearTimeout(settle.current);
    settle.current = setTimeout(service.refresh, STATUS_SETTLE_MS);
  };
  const { doc } = hours;

  return (
    <div className="admin-hours">
      <header className="admin-hours__head">
        <h1 ref={heading} tabIndex={-1} className="admin-hours__title">
          <Icon name="calendar" /> {t('hours.title')}
        </h1>
        <SignedIn name={user.displayName} onSignOut={() => void auth.logout()} />
      </header>
      <ServiceStatusPanel status={service.status} now={serverNow(service)} failed={service.status === null && service.error !== null} />
      {hours.loading && !doc && (
        <p className="hint" role="status">
          <Icon name="sync" className="icon--spin" /> {t('hours.loading')}
        </p>
      )}
      {hours.loadError && (
        <div className="notice notice--error" role="alert" data-testid="hours-load-error">
          <Icon name="warning" className="notice__icon" />
          <span>
            {t('hours.loadFailed')} {t(`errors.${hours.loadError}`)}
          </span>
          <button type="button" className="button button--secondary" onClick={hours.reload}>
            <Icon name="sync" />
            <span>{t('hours.reload')}</span>
          </button>
        </div>
      )}
      {doc && (
        <>
          <p className="admin-hours__meta" data-testid="hours-version" data-version={doc.version ?? ''}>
            <span>{t('hours.timeZone', { zone: doc.hours.timeZone })}</span>
            <span>{doc.version === null ? t('hours.defaults') : t('hours.version', { version: doc.version })}</span>
            {doc.updatedAt && <span data-testid="hours-updated-at">{t('hours.updatedAt', { time: taipeiDateTime(doc.updatedAt) })}</span>}
          </p>
          <p className="hint">{t('hours.timeHint')}</p>
          <HoursEditor key={hours.generation} now={() => serverNow(service)} doc={doc} onSave={hours.save} onSaved={onSaved} onReload={hours.reload} />
        </>
      )}
    </div>
  );
}

export function AdminHoursPage(): ReactElement {
  const { t } = useTranslation();
  return (
    <StaffGate roles={['admin']} title={t('hours.loginTitle')} icon="calendar">
      {(user, auth) => <HoursAdmin user={user} auth={auth} />}
    </StaffGate>
  );
}
