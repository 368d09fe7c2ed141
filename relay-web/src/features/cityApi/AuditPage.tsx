/**
 * `/admin/audit`: the audit log for admins, newest first, a page at a time. Read-only — the log can only
 * grow (the database refuses changes), so the screen offers nothing to edit.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffAuth, StaffUser } from '../../auth/StaffAuth.ts';
import { Icon } from '../../components/Icon.tsx';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.ts';
import { StaffGate } from '../staff/SignIn.tsx';
import { AdminHeader } from './AdminHeader.tsx';
import { AuditTable } from './AuditTable.tsx';
import { currentCursor, firstPage, newerPage, olderPage, pageNumber, splitPage } from './cityApiFormat.ts';
import { useAuditPage } from './useCityApi.ts';
import '../admin/admin.css';
import './cityApi.css';

const PAGE_SIZE = 50;

function AuditLog({ user, auth }: { user: StaffUser; auth: StaffAuth }): ReactElement {
  const { t } = useTranslation();
  const heading = useFocusOnMount();
  const tableTop = useRef<HTMLHeadingElement>(null);
  const [paging, setPaging] = useState(firstPage);
  const page = useAuditPage(auth, currentCursor(paging), PAGE_SIZE + 1);
  const { shown, hasOlder } = splitPage(page.data ?? [], PAGE_SIZE);

  useEffect(() => {
    document.title = `${t('cityApi.audit.title')} · ${t('app.name')}`;
  }, [t]);

  const go = (next: typeof paging): void => {
    setPaging(next);
    tableTop.current?.focus();
  };
  const last = shown[shown.length - 1];

  return (
    <div className="city-admin" data-testid="audit-log">
      <AdminHeader title={t('cityApi.audit.title')} icon="pen" heading={heading} user={user} auth={auth} />
      <p className="city-admin__intro">{t('cityApi.audit.intro')}</p>
      <section className="panel" aria-labelledby="audit-page">
        <h2 id="audit-page" ref={tableTop} tabIndex={-1} data-testid="audit-page" data-page={pageNumber(paging)}>
          <Icon name="pen" /> {t('cityApi.audit.page', { page: pageNumber(paging) })}
        </h2>
        <p role="status" className="hint">
          {page.loading && (
            <>
              <Icon name="sync" className="icon--spin" /> {t('cityApi.audit.loading')}
            </>
          )}
        </p>
        {page.error && (
          <div className="notice notice--error" role="alert" data-testid="audit-load-error">
            <Icon name="warning" className="notice__icon" />
            <span>
              {t('cityApi.audit.loadFailed')} {t(`errors.${page.error}`)}
            </span>
            <button type="button" className="button button--secondary" onClick={page.reload}>
              <Icon name="sync" />
              <span>{t('cityApi.audit.reload')}</span>
            </button>
          </div>
        )}
        {page.data && shown.length === 0 && <p data-testid="audit-empty">{t('cityApi.audit.empty')}</p>}
        {shown.length > 0 && <AuditTable entries={shown} />}
        <nav className="city-pager" aria-label={t('cityApi.audit.pager')}>
          <button type="button" className="button button--secondary" data-testid="audit-newer" disabled={pageNumber(paging) <= 1 || page.loading} onClick={() => go(newerPage(paging))}>
            <Icon name="back" />
            <span>{t('cityApi.audit.newer')}</span>
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="audit-older"
            disabled={!hasOlder || !last || page.loading}
            onClick={() => last && go(olderPage(paging, last.id))}
          >
            <span>{t('cityApi.audit.older')}</span>
            <Icon name="forward" />
          </button>
        </nav>
      </section>
    </div>
  );
}

export function AuditPage(): ReactElement {
  const { t } = useTranslation();
  return (
    <StaffGate roles={['admin']} title={t('cityApi.audit.loginTitle')} icon="pen">
      {(user, auth) => <AuditLog user={user} auth={auth} />}
    </StaffGate>
  );
}
