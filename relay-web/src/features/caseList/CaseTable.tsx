import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dispatchItem } from '@sign-relay/shared';
import type { CaseSummary } from '@sign-relay/shared';
import { ChannelLabel, ServiceLabel } from './CaseLabels.tsx';
import { caseDateTime, districtLabel, itemLabel } from './caseFormat.ts';
import { StatusBadge } from './StatusBadge.tsx';

/** A dispatch item in a cell: code and Chinese name, and in English its English words on a line of their own. */
function ItemCell({ code, lang }: { code: string; lang: string }): ReactElement {
  const en = lang === 'en' ? dispatchItem(code)?.en : undefined;
  return (
    <>
      {itemLabel(code, 'zh-TW')}
      {en && <span className="case-table__sub">{en}</span>}
    </>
  );
}

interface Props {
  items: CaseSummary[];
  caption: string;
  /** The list's URL query, so "back to the list" from a case returns to the same rows. */
  listSearch: string;
  busy: boolean;
}

/**
 * One page of cases: a real table (caption, column headers, the case number as the row's header and its
 * link). Scrolls sideways on its own on narrow screens; the region takes focus so keyboards can scroll it.
 */
export function CaseTable({ items, caption, listSearch, busy }: Props): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const none = t('caseList.none');
  return (
    <div className="table-wrap case-table__wrap" tabIndex={0} role="region" aria-label={caption} aria-busy={busy}>
      <table className="table case-table" data-testid="case-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('caseList.columns.number')}</th>
            <th scope="col">{t('caseList.columns.time')}</th>
            <th scope="col">{t('caseList.columns.service')}</th>
            <th scope="col">{t('caseList.columns.item')}</th>
            <th scope="col">{t('caseList.columns.district')}</th>
            <th scope="col">{t('caseList.columns.status')}</th>
            <th scope="col">{t('caseList.columns.interpreter')}</th>
            <th scope="col">{t('caseList.columns.channel')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id} data-testid="case-row" data-case-id={c.id} data-number={c.number} data-district={c.district ?? ''} data-service={c.service} data-status={c.status}>
              <th scope="row">
                <Link className="case-table__number" to={`/cases/${c.id}`} state={{ listSearch }} data-testid="case-link">
                  {c.number}
                </Link>
              </th>
              <td className="case-table__time">{caseDateTime(c.createdAt)}</td>
              <td>
                <ServiceLabel service={c.service} />
              </td>
              <td className="case-table__item">{c.dispatchItem ? <ItemCell code={c.dispatchItem} lang={lang} /> : none}</td>
              <td>{c.district ? districtLabel(c.district, lang, true) : none}</td>
              <td>
                <StatusBadge status={c.status} />
              </td>
              <td>{c.interpreterName ?? none}</td>
              <td className="case-table__channel">
                <ChannelLabel channel={c.channel} kioskId={c.kioskId} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
