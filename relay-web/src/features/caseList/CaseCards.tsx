import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseSummary } from '@sign-relay/shared';
import { ChannelLabel, ServiceLabel } from './CaseLabels.tsx';
import { caseDateTime, districtLabel, itemLabel } from './caseFormat.ts';
import { StatusBadge } from './StatusBadge.tsx';

/**
 * One page of cases on a phone: a list of cards (a wide table would scroll sideways), each headed by its
 * number, a link to the case, with the table's columns as labelled lines.
 */
export function CaseCards({ items, caption, listSearch, busy }: { items: CaseSummary[]; caption: string; listSearch: string; busy: boolean }): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const none = t('caseList.none');
  return (
    <ol className="case-cards" aria-label={caption} aria-busy={busy} data-testid="case-cards">
      {items.map((c) => (
        <li key={c.id} className="case-card" data-testid="case-row" data-case-id={c.id} data-number={c.number} data-district={c.district ?? ''} data-service={c.service} data-status={c.status}>
          <h3 className="case-card__title">
            <Link className="case-table__number" to={`/cases/${c.id}`} state={{ listSearch }} data-testid="case-link">
              {c.number}
            </Link>
          </h3>
          <p className="case-card__top">
            <StatusBadge status={c.status} />
            <span className="case-table__time">{caseDateTime(c.createdAt)}</span>
          </p>
          <dl className="case-card__facts">
            <div>
              <dt>{t('caseList.columns.service')}</dt>
              <dd>
                <ServiceLabel service={c.service} />
              </dd>
            </div>
            {c.dispatchItem && (
              <div>
                <dt>{t('caseList.columns.item')}</dt>
                <dd>{itemLabel(c.dispatchItem, lang)}</dd>
              </div>
            )}
            <div>
              <dt>{t('caseList.columns.district')}</dt>
              <dd>{c.district ? districtLabel(c.district, lang) : none}</dd>
            </div>
            <div>
              <dt>{t('caseList.columns.interpreter')}</dt>
              <dd>{c.interpreterName ?? none}</dd>
            </div>
            <div>
              <dt>{t('caseList.columns.channel')}</dt>
              <dd>
                <ChannelLabel channel={c.channel} kioskId={c.kioskId} />
              </dd>
            </div>
          </dl>
        </li>
      ))}
    </ol>
  );
}
