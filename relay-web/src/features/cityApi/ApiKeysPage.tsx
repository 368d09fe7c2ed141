/**
 * `/admin/api-keys`: admins issue the keys the city's systems use (Open311 clients, the back office), see
 * when each was last used, and revoke them. A new key is shown once, with a copy button.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKeyInfo } from '@sign-relay/shared';
import type { StaffAuth, StaffUser } from '../../auth/StaffAuth.ts';
import { Icon } from '../../components/Icon.tsx';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.ts';
import { StaffGate } from '../staff/SignIn.tsx';
import { AdminHeader } from './AdminHeader.tsx';
import { IssuedKey } from './IssuedKey.tsx';
import { IssueKeyForm } from './IssueKeyForm.tsx';
import { KeyTable } from './KeyTable.tsx';
import { RevokeDialog } from './RevokeDialog.tsx';
import { useApiKeys } from './useCityApi.ts';
import '../admin/admin.css';
import './cityApi.css';

function ApiKeysAdmin({ user, auth }: { user: StaffUser; auth: StaffAuth }): ReactElement {
  const { t } = useTranslation();
  const heading = useFocusOnMount();
  const listHeading = useRef<HTMLHeadingElement>(null);
  const keys = useApiKeys(auth);
  // The key itself lives only here, until the admin closes it: never in storage, never in the list.
  const [issued, setIssued] = useState<{ key: string; info: ApiKeyInfo } | null>(null);
  const [revoking, setRevoking] = useState<{ key: ApiKeyInfo; from: HTMLButtonElement } | null>(null);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    document.title = `${t('cityApi.keys.title')} · ${t('app.name')}`;
  }, [t]);

  const closeRevoke = (revoked: boolean): void => {
    const from = revoking?.from;
    setRevoking(null);
    // A revoked key's row loses its button: focus then goes to the list's heading (the change is announced).
    requestAnimationFrame(() => (revoked || !from?.isConnected ? listHeading.current?.focus() : from.focus()));
  };

  return (
    <div className="city-admin" data-testid="api-keys-admin">
      <AdminHeader title={t('cityApi.keys.title')} icon="link" heading={heading} user={user} auth={auth} />
      <p className="city-admin__intro">{t('cityApi.keys.intro')}</p>
      {issued && (
        <IssuedKey
          name={issued.info.name}
          apiKey={issued.key}
          onDone={() => {
            setIssued(null);
            listHeading.current?.focus();
          }}
        />
      )}
      <p role="status" className="visually-hidden" data-testid="keys-announcement">
        {announcement}
      </p>
      <section className="panel" aria-labelledby="api-keys-list">
        <h2 id="api-keys-list" ref={listHeading} tabIndex={-1}>
          <Icon name="link" /> {t('cityApi.keys.listTitle')}
        </h2>
        {keys.loading && !keys.data && (
          <p className="hint" role="status">
            <Icon name="sync" className="icon--spin" /> {t('cityApi.keys.loading')}
          </p>
        )}
        {keys.error && (
          <div className="notice notice--error" role="alert" data-testid="keys-load-error">
            <Icon name="warning" className="notice__icon" />
            <span>
              {t('cityApi.keys.loadFailed')} {t(`errors.${keys.error}`)}
            </span>
            <button type="button" className="button button--secondary" onClick={keys.reload}>
              <Icon name="sync" />
              <span>{t('cityApi.keys.reload')}</span>
            </button>
          </div>
        )}
        {keys.data && keys.data.length === 0 && <p data-testid="keys-empty">{t('cityApi.keys.empty')}</p>}
        {keys.data && keys.data.length > 0 && <KeyTable keys={keys.data} onRevoke={(key, from) => setRevoking({ key, from })} />}
      </section>
      <IssueKeyForm
        onIssue={keys.issue}
        onIssued={(k) => {
          setAnnouncement('');
          setIssued(k);
        }}
      />
      {revoking && (
        <RevokeDialog
          apiKey={revoking.key}
          onConfirm={async () => {
            await keys.revoke(revoking.key.id);
            setAnnouncement(t('cityApi.keys.revoked', { name: revoking.key.name }));
          }}
          onClose={closeRevoke}
        />
      )}
    </div>
  );
}

export function ApiKeysPage(): ReactElement {
  const { t } = useTranslation();
  return (
    <StaffGate roles={['admin']} title={t('cityApi.keys.loginTitle')} icon="link">
      {(user, auth) => <ApiKeysAdmin user={user} auth={auth} />}
    </StaffGate>
  );
}
