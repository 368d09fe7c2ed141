import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { StaffAuth, StaffUser } from '../../auth/StaffAuth.ts';
import { Icon } from '../../components/Icon.tsx';
import { CaseCaller, CaseContent, CaseOrigin, CaseReadBack, CaseTimes } from './CaseDetailView.tsx';
import { CaseHistory } from './CaseHistory.tsx';
import { ServiceLabel } from './CaseLabels.tsx';
import { CaseStatusForm } from './CaseStatusForm.tsx';
import { CaseTranscript } from './CaseTranscript.tsx';
import { caseDateTime } from './caseFormat.ts';
import { StaffHeader } from './StaffHeader.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { useCaseDetail } from './useCaseData.ts';

/** The list's query a case was opened from (kept in the link's state), so "back" returns to the same rows. */
function listSearchOf(state: unknown): string {
  const s = (state as { listSearch?: unknown } | null)?.listSearch;
  return typeof s === 'string' && s.startsWith('?') ? s : '';
}

/** `/cases/:id`: a case in full, its transcript, its history, and (supervisors, admins) the status change. */
export function CaseDetailScreen({ id, user, auth }: { id: string; user: StaffUser; auth: StaffAuth }): ReactElement {
  const { t } = useTranslation();
  const location = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);
  const detail = useCaseDetail(auth, id);
  const d = detail.data;
  const loadedId = d?.id;
  // Focus the heading when the screen opens and again when the case arrives (its heading is a new element).
  useEffect(() => {
    heading.current?.focus();
  }, [loadedId]);
  const supervises = user.role === 'supervisor' || user.role === 'admin';

  useEffect(() => {
    document.title = `${d ? d.number : t('caseList.detail.number')} · ${t('caseList.title')} · ${t('app.name')}`;
  }, [t, d]);

  const back = (
    <Link to={`/cases${listSearchOf(location.state)}`} className="button button--quiet cases__back" data-testid="case-back">
      <Icon name="back" />
      <span>{t('caseList.detail.back')}</span>
    </Link>
  );

  if (!d) {
    return (
      <div className="cases">
        <StaffHeader user={user} auth={auth}>
          {back}
        </StaffHeader>
        <h1 ref={heading} tabIndex={-1} className="visually-hidden">
          {t('caseList.detail.number')}
        </h1>
        {detail.loading && (
          <p className="hint" role="status">
            <Icon name="sync" className="icon--spin" /> {t('caseList.detail.loading')}
          </p>
        )}
        {detail.error && (
          <div className="notice notice--error" role="alert" data-testid="case-load-error" data-error={detail.error}>
            <Icon name="warning" className="notice__icon" />
            <span className="notice__body">
              {detail.error === 'NOT_FOUND' || detail.error === 'BAD_REQUEST' ? t('caseList.detail.notFound') : `${t('caseList.detail.loadFailed')} ${t(`errors.${detail.error}`)}`}
            </span>
            {detail.error !== 'NOT_FOUND' && detail.error !== 'BAD_REQUEST' && (
              <button type="button" className="button button--secondary" onClick={detail.reload}>
                <Icon name="sync" />
                <span>{t('caseList.results.retry')}</span>
              </button>
            )}
          </div>
        )}
      </div>
    );
  }

  return (
    <div className="cases case-detail" data-testid="case-detail" data-case-id={d.id} data-status={d.status}>
      <StaffHeader user={user} auth={auth}>
        {back}
      </StaffHeader>
      <header className="case-hero">
        <h1 ref={heading} tabIndex={-1} className="case-hero__title">
          <span className="case-hero__label">{t('caseList.detail.number')}</span>{' '}
          <span className="case-hero__number" data-testid="case-number">
            {d.number}
          </span>
        </h1>
        <p className="case-hero__facts">
          <StatusBadge status={d.status} large />
          <ServiceLabel service={d.service} />
          <span className="cell-icon">
            <Icon name="clock" />
            {caseDateTime(d.createdAt)}
          </span>
        </p>
      </header>
      <div className="case-detail__grid">
        <div className="case-detail__main">
          <CaseContent detail={d} />
          <CaseCaller detail={d} viewer={user} />
          <CaseReadBack detail={d} />
          <CaseTranscript key={d.id} auth={auth} detail={d} viewer={user} />
        </div>
        <div className="case-detail__side">
          {supervises && <CaseStatusForm auth={auth} detail={d} onChanged={detail.set} />}
          <CaseOrigin detail={d} />
          <CaseTimes detail={d} />
        </div>
      </div>
      <CaseHistory number={d.number} history={d.history} />
    </div>
  );
}
