import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@sign-relay/shared';
import { auditActionKey, auditCase, auditDetails, taipeiDateTime } from './cityApiFormat.ts';

const ACTOR_PILL = { staff: 'pill--info', api: 'pill--waiting', system: 'pill--neutral' } as const;

/** One page of the audit log: when, who, what, which case, and the rest of what was recorded. */
export function AuditTable({ entries }: { entries: AuditEntry[] }): ReactElement {
  const { t } = useTranslation();
  const col = (k: 'at' | 'actor' | 'action' | 'case' | 'details'): string => t(`cityApi.audit.col.${k}`);
  return (
    // Focusable: on a narrow screen the table may scroll sideways, and a keyboard must reach that.
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('cityApi.audit.tableLabel')}>
      <table className="table city-table" data-testid="audit-table">
        <caption className="visually-hidden">{t('cityApi.audit.tableLabel')}</caption>
        <thead>
          <tr>
            <th scope="col">{col('at')}</th>
            <th scope="col">{col('actor')}</th>
            <th scope="col">{col('action')}</th>
            <th scope="col">{col('case')}</th>
            <th scope="col">{col('details')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const key = auditActionKey(e.action);
            const details = auditDetails(e);
            return (
              <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                <td data-label={col('at')} className="city-table__time">
                  {taipeiDateTime(e.at)}
                </td>
                <td data-label={col('actor')}>
                  <span className="city-cell">
                    <span className={`pill ${ACTOR_PILL[e.actorKind]}`}>{t(`cityApi.audit.actor.${e.actorKind}`)}</span> {e.actorName}
                  </span>
                </td>
                <td data-label={col('action')}>
                  <span className="city-cell">
                    {key ? t(`cityApi.audit.action.${key}`) : null}
                    <code className="audit-code">{e.action}</code>
                  </span>
                </td>
                <td data-label={col('case')} className="city-table__time">
                  {auditCase(e) ?? '—'}
                </td>
                <td data-label={col('details')}>
                  {details.length > 0 ? (
                    <dl className="audit-details">
                      {details.map((d) => (
                        <div key={d.name}>
                          <dt>{d.name}</dt>
                          <dd>{d.value}</dd>
                        </div>
                      ))}
                    </dl>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
