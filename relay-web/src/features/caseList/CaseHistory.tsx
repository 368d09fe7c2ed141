import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseHistoryEntry } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { CASES_NARROW, caseDateTime } from './caseFormat.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { useMediaQuery } from '../../hooks/useMediaQuery.ts';

/** What an entry did: filed, or a status from → to (pills with words and icons). */
function What({ entry }: { entry: CaseHistoryEntry }): ReactElement {
  const { t } = useTranslation();
  const h = entry;
  return (
    <span className="case-history__what">
      <span>{t(`caseList.history.${h.action}`)}</span>
      {h.from && <StatusBadge status={h.from} />}
      {h.from && h.to && (
        <>
          <span className="case-history__arrow" aria-hidden="true">
            →
          </span>
          <span className="visually-hidden">{t('caseList.history.to')}</span>
        </>
      )}
      {h.to && <StatusBadge status={h.to} />}
    </span>
  );
}

/** Every change of a case, oldest first: when, who, what (from → to) and the note; a timeline on phones. */
export function CaseHistory({ number, history }: { number: string; history: CaseHistoryEntry[] }): ReactElement {
  const { t } = useTranslation();
  const narrow = useMediaQuery(CASES_NARROW);
  const none = t('caseList.none');
  return (
    <section className="panel case-history" aria-labelledby="case-history-title" data-testid="case-history" data-count={history.length}>
      <h2 id="case-history-title">
        <Icon name="clock" /> {t('caseList.history.title')}
      </h2>
      {history.length === 0 ? (
        <p className="hint">{t('caseList.history.empty')}</p>
      ) : narrow ? (
        <ol className="case-timeline" aria-label={t('caseList.history.caption', { number })}>
          {history.map((h, i) => (
            <li key={i} className="case-timeline__entry" data-testid="history-entry" data-action={h.action} data-from={h.from ?? ''} data-to={h.to ?? ''}>
              <p className="case-timeline__when">
                <span className="case-table__time">{caseDateTime(h.at)}</span>
                <span>{h.actor}</span>
              </p>
              <What entry={h} />
              {h.note && <p className="case-history__note">{h.note}</p>}
            </li>
          ))}
        </ol>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="case-history-title">
          <table className="table">
            <caption className="visually-hidden">{t('caseList.history.caption', { number })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('caseList.history.when')}</th>
                <th scope="col">{t('caseList.history.who')}</th>
                <th scope="col">{t('caseList.history.what')}</th>
                <th scope="col">{t('caseList.history.note')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h, i) => (
                <tr key={i} data-testid="history-entry" data-action={h.action} data-from={h.from ?? ''} data-to={h.to ?? ''}>
                  <td className="case-table__time">{caseDateTime(h.at)}</td>
                  <td>{h.actor}</td>
                  <td>
                    <What entry={h} />
                  </td>
                  <td className="case-history__note">{h.note ?? none}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
