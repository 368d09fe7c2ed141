import { useEffect, useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { caseRoutes } from '@sign-relay/shared';
import type { CaseFilter } from '@sign-relay/shared';
import type { StaffAuth, StaffUser } from '../../auth/StaffAuth.ts';
import { downloadRoute } from '../../auth/routes.ts';
import { Icon } from '../../components/Icon.tsx';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.ts';
import { CaseCards } from './CaseCards.tsx';
import { CaseFilters } from './CaseFilters.tsx';
import { CaseTable } from './CaseTable.tsx';
import { pageCount, queryFromSearch, searchFromQuery, taipeiDay } from './caseFilters.ts';
import type { CaseListQuery } from './caseFilters.ts';
import { Pager } from './Pager.tsx';
import { StaffHeader } from './StaffHeader.tsx';
import { useCaseList } from './useCaseData.ts';
import { useMediaQuery } from '../../hooks/useMediaQuery.ts';
import { CASES_NARROW } from './caseFormat.ts';

/** The CSV of every case the filters match (supervisors and admins; the server leaves personal data out and audits it). */
function ExportButton({ auth, filter }: { auth: StaffAuth; filter: CaseFilter }): ReactElement {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const onClick = (): void => {
    setBusy(true);
    setFailed(false);
    downloadRoute(auth, caseRoutes.exportCsv, { query: filter }, `cases-${filter.from ?? 'all'}-${filter.to ?? 'now'}.csv`)
      .catch(() => setFailed(true))
      .finally(() => setBusy(false));
  };
  return (
    <div className="case-export">
      <button type="button" className="button button--secondary" data-testid="case-export" onClick={onClick} disabled={busy} aria-busy={busy} aria-describedby="case-export-hint">
        <Icon name={busy ? 'sync' : 'copy'} className={busy ? 'icon--spin' : undefined} />
        <span>{busy ? t('caseList.export.busy') : t('caseList.export.button')}</span>
      </button>
      <p className="hint" id="case-export-hint">
        {t('caseList.export.hint')}
      </p>
      <div role="alert">
        {failed && (
          <p className="field-error" data-testid="case-export-failed">
            <Icon name="warning" /> {t('caseList.export.failed')}
          </p>
        )}
      </div>
    </div>
  );
}

/** `/cases`: the filters, a page of matching cases, paging and (supervisors, admins) the CSV download. */
export function CaseList({ user, auth }: { user: StaffUser; auth: StaffAuth }): ReactElement {
  const { t } = useTranslation();
  const heading = useFocusOnMount();
  const [search, setSearch] = useSearchParams();
  const [today] = useState(() => taipeiDay(Date.now()));
  const query = useMemo(() => queryFromSearch(search, today), [search, today]);
  const key = searchFromQuery(query).toString();
  const list = useCaseList(auth, query, key);
  const data = list.data;
  const pages = data ? pageCount(data.total, query.pageSize) : 1;
  const supervises = user.role === 'supervisor' || user.role === 'admin';
  const narrow = useMediaQuery(CASES_NARROW);

  useEffect(() => {
    document.title = `${t('caseList.title')} · ${t('app.name')}`;
  }, [t]);
  // The address bar always says which list this is (the default days written out), so a copied link shows the same.
  useEffect(() => {
    if (search.toString() !== key) setSearch(new URLSearchParams(key), { replace: true });
  }, [key, search, setSearch]);
  // A link to a page past the end (fewer cases now) shows the last page instead.
  useEffect(() => {
    if (data && !list.loading && data.items.length === 0 && data.total > 0 && query.page > pages) {
      setSearch(searchFromQuery({ ...query, page: pages }), { replace: true });
    }
  }, [data, list.loading, query, pages, setSearch]);

  const go = (next: CaseListQuery): void => setSearch(searchFromQuery(next));
  const { from, to } = query.filter;
  const caption = from && to ? t('caseList.results.captionRange', { from, to }) : from ? t('caseList.results.captionFrom', { from }) : to ? t('caseList.results.captionTo', { to }) : t('caseList.results.caption');

  return (
    <div className="cases">
      <StaffHeader user={user} auth={auth}>
        <h1 ref={heading} tabIndex={-1} className="cases__title">
          <Icon name="pen" /> {t('caseList.title')}
        </h1>
      </StaffHeader>
      <CaseFilters filter={query.filter} userId={user.id} today={today} collapsible={narrow} onApply={(filter) => go({ filter, page: 1, pageSize: query.pageSize })} />

      <section className="cases__results" aria-labelledby="cases-results-title" data-testid="case-results" data-loading={list.loading} data-total={data?.total ?? ''}>
        <h2 id="cases-results-title" className="visually-hidden">
          {caption}
        </h2>
        <div className="cases__bar">
          <p className="cases__summary" role="status" data-testid="case-total">
            {data && (
              <>
                <strong>{t('caseList.results.summary', { total: data.total })}</strong>
                <span>{t('caseList.pager.page', { page: query.page, pages })}</span>
              </>
            )}
            {list.loading && (
              <span className="cases__loading">
                <Icon name="sync" className="icon--spin" /> {t('caseList.results.loading')}
              </span>
            )}
          </p>
          {supervises && <ExportButton auth={auth} filter={query.filter} />}
        </div>
        {list.error && (
          <div className="notice notice--error" role="alert" data-testid="case-list-error">
            <Icon name="warning" className="notice__icon" />
            <span className="notice__body">
              {t('caseList.results.loadFailed')} {t(`errors.${list.error}`)}
            </span>
            <button type="button" className="button button--secondary" onClick={list.reload}>
              <Icon name="sync" />
              <span>{t('caseList.results.retry')}</span>
            </button>
          </div>
        )}
        {data && data.items.length === 0 && !list.loading && (
          <div className="notice notice--neutral" data-testid="case-list-empty">
            <Icon name="hourglass" className="notice__icon" />
            <div className="notice__body">
              <p className="notice__title">{t('caseList.results.empty')}</p>
              <p>{t('caseList.results.emptyHint')}</p>
            </div>
          </div>
        )}
        {data &&
          data.items.length > 0 &&
          (narrow ? (
            <CaseCards items={data.items} caption={caption} listSearch={`?${key}`} busy={list.loading} />
          ) : (
            <CaseTable items={data.items} caption={caption} listSearch={`?${key}`} busy={list.loading} />
          ))}
        {data && data.total > 0 && (
          <Pager page={query.page} pages={pages} pageSize={query.pageSize} onPage={(page) => go({ ...query, page })} onPageSize={(pageSize) => go({ ...query, page: 1, pageSize })} />
        )}
      </section>
    </div>
  );
}
