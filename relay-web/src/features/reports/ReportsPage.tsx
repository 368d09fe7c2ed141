/**
 * `/reports`: supervisors and admins read a Taipei day's or month's figures — calls, chats and cases, by
 * service, dispatch item and district, day by day — download them as CSV, and reach the month's open data.
 * The period lives in the URL (`?period=month&date=2026-11`), so a reload or a shared link shows the same.
 */
import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { caseRoutes } from '@sign-relay/shared';
import type { ReportQuery } from '@sign-relay/shared';
import { downloadRoute, routeUrl } from '../../auth/routes.ts';
import type { StaffAuth, StaffUser } from '../../auth/StaffAuth.ts';
import { Icon } from '../../components/Icon.tsx';
import { SignedIn } from '../../components/SignedIn.tsx';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.ts';
import { StaffGate } from '../staff/SignIn.tsx';
import { PeriodPicker } from './PeriodPicker.tsx';
import { ReportFigures } from './ReportFigures.tsx';
import { TallySection } from './TallySection.tsx';
import { TrendSection } from './TrendSection.tsx';
import { districtName, itemName, monthOf, paramsOf, periodLabel, queryFromParams, reportFilename } from './reportFormat.ts';
import { useReport } from './useReport.ts';
import './reports.css';

function Reports({ user, auth }: { user: StaffUser; auth: StaffAuth }): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const heading = useFocusOnMount();
  const [params, setParams] = useSearchParams();
  const [now] = useState(() => Date.now());
  const query = queryFromParams(params, now);
  const { report, loading, error, reload } = useReport(auth, query);
  const [download, setDownload] = useState<'idle' | 'busy' | 'failed'>('idle');
  const month = monthOf(query);
  const shown = report && report.period === query.period && report.date === query.date ? report : null;
  const empty = shown !== null && shown.cases === 0 && shown.videoCalls === 0 && shown.textChats === 0;

  useEffect(() => {
    document.title = `${t('reports.title')} ${periodLabel(query, lang)} · ${t('app.name')}`;
  }, [t, lang, query.period, query.date]);

  const choose = (q: ReportQuery): void => {
    setDownload('idle');
    setParams(paramsOf(q));
  };
  const onDownload = (): void => {
    setDownload('busy');
    downloadRoute(auth, caseRoutes.reportCsv, { query }, reportFilename(query)).then(
      () => setDownload('idle'),
      () => setDownload('failed'),
    );
  };

  return (
    <div className="reports">
      <header className="reports__head">
        <h1 ref={heading} tabIndex={-1} className="reports__title">
          <Icon name="chart" /> {t('reports.title')} <span className="reports__period">{periodLabel(query, lang)}</span>
        </h1>
        <SignedIn name={user.displayName} onSignOut={() => void auth.logout()} />
      </header>

      <PeriodPicker query={query} now={now} onChange={choose} />

      <section className="reports__downloads" aria-label={t('reports.download')}>
        <button type="button" className="button button--primary" onClick={onDownload} disabled={download === 'busy'} aria-busy={download === 'busy'} data-testid="report-download">
          <Icon name="chart" />
          <span>{download === 'busy' ? t('reports.downloading') : t('reports.download')}</span>
        </button>
        <a className="button button--secondary" href={routeUrl(caseRoutes.openDataCsv, { query: { month } })} download={`dispatch-${month}.csv`} data-testid="open-data-csv">
          <Icon name="globe" />
          <span>{t('reports.openDataCsv')}</span>
        </a>
        <a className="button button--secondary" href={routeUrl(caseRoutes.openDataJson, { query: { month } })} data-testid="open-data-json">
          <Icon name="globe" />
          <span>{t('reports.openDataJson')}</span>
        </a>
        <p className="hint reports__open-data-hint">
          {t('reports.openData', { month })} · {t('reports.openDataHint')}
        </p>
        <div role="alert" className="reports__alert">
          {download === 'failed' && (
            <p className="field-error">
              <Icon name="warning" /> {t('reports.downloadFailed')}
            </p>
          )}
        </div>
      </section>

      <div role="status" className="reports__status">
        {loading && (
          <p className="hint">
            <Icon name="sync" className="icon--spin" /> {t('reports.loading')}
          </p>
        )}
      </div>
      {error && !loading && (
        <div className="notice notice--error" role="alert" data-testid="report-error">
          <Icon name="warning" className="notice__icon" />
          <span>
            {t('reports.loadFailed')} {t(`errors.${error}`)}
          </span>
          <button type="button" className="button button--secondary" onClick={reload}>
            <Icon name="sync" />
            <span>{t('reports.retry')}</span>
          </button>
        </div>
      )}

      {shown && (
        <div className="reports__body" aria-busy={loading} data-testid="report" data-period={shown.period} data-date={shown.date}>
          <ReportFigures report={shown} />
          {empty ? (
            <p className="notice notice--neutral" data-testid="report-empty">
              <Icon name="calendar" className="notice__icon" /> {t('reports.empty')}
            </p>
          ) : (
            <>
              {shown.period === 'month' && <TrendSection days={shown.days} now={now} />}
              <div className="report-columns">
                <TallySection id="report-by-service" icon="users" title={t('reports.byService')} keyHeading={t('reports.col.service')} tallies={shown.byService} name={(k) => t(`topics.${k}.name`, { defaultValue: k })} labelChars={8} />
                <TallySection id="report-by-district" icon="home" title={t('reports.byDistrict')} keyHeading={t('reports.col.district')} tallies={shown.byDistrict} name={(k) => districtName(k, lang)} labelChars={10} />
              </div>
              <TallySection id="report-by-item" icon="dispatch" title={t('reports.byItem')} keyHeading={t('reports.col.item')} tallies={shown.byItem} name={(k) => itemName(k, lang)} showCode labelChars={lang.startsWith('en') ? 22 : 12} />
            </>
          )}
        </div>
      )}
    </div>
  );
}

export function ReportsPage(): ReactElement {
  const { t } = useTranslation();
  return (
    <StaffGate roles={['supervisor', 'admin']} title={t('reports.loginTitle')} icon="chart">
      {(user, auth) => <Reports user={user} auth={auth} />}
    </StaffGate>
  );
}
