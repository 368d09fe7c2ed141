import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKeyInfo } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { taipeiDateTime } from './cityApiFormat.ts';

/**
 * Every key: name, prefix, rights, when created and last used, active or revoked, and a revoke button for
 * the active ones. On a narrow screen each row stacks into a card (the cells say what they are).
 */
export function KeyTable({ keys, onRevoke }: { keys: ApiKeyInfo[]; onRevoke(key: ApiKeyInfo, button: HTMLButtonElement): void }): ReactElement {
  const { t } = useTranslation();
  const col = (k: string): string => t(`cityApi.keys.col.${k as 'name'}`);
  return (
    // Focusable: on a narrow screen the table may scroll sideways, and a keyboard must reach that.
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('cityApi.keys.listTitle')}>
      <table className="table city-table" data-testid="key-table">
        <thead>
          <tr>
            <th scope="col">{col('name')}</th>
            <th scope="col">{col('prefix')}</th>
            <th scope="col">{col('rights')}</th>
            <th scope="col">{col('created')}</th>
            <th scope="col">{col('lastUsed')}</th>
            <th scope="col">{col('state')}</th>
            <th scope="col">{col('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id} data-testid="key-row" data-key-id={k.id} data-revoked={k.revokedAt !== null} className={k.revokedAt !== null ? 'city-table__row--revoked' : undefined}>
              <th scope="row" data-label={col('name')}>
                {k.name}
              </th>
              <td data-label={col('prefix')}>
                <code className="key-prefix">{k.prefix}…</code>
              </td>
              <td data-label={col('rights')}>
                <ul className="key-rights">
                  {k.canPost && <li>{t('cityApi.keys.right.post')}</li>}
                  {k.canUpdateStatus && <li>{t('cityApi.keys.right.status')}</li>}
                  {!k.canPost && !k.canUpdateStatus && <li>{t('cityApi.keys.right.none')}</li>}
                </ul>
              </td>
              <td data-label={col('created')} className="city-table__time">
                {taipeiDateTime(k.createdAt)}
              </td>
              <td data-label={col('lastUsed')} className="city-table__time">
                {k.lastUsedAt === null ? t('cityApi.keys.never') : taipeiDateTime(k.lastUsedAt)}
              </td>
              <td data-label={col('state')}>
                {k.revokedAt === null ? (
                  <span className="pill pill--ok">
                    <Icon name="check" /> {t('cityApi.keys.active')}
                  </span>
                ) : (
                  <span className="city-cell">
                    <span className="pill pill--neutral">
                      <Icon name="power" /> {t('cityApi.keys.stateRevoked')}
                    </span>
                    <span className="city-table__when">{taipeiDateTime(k.revokedAt)}</span>
                  </span>
                )}
              </td>
              <td data-label={col('actions')}>
                {k.revokedAt === null && (
                  <button
                    type="button"
                    className="button button--danger-outline"
                    data-testid="revoke-key"
                    aria-label={t('cityApi.keys.revokeLabel', { name: k.name })}
                    onClick={(e) => onRevoke(k, e.currentTarget)}
                  >
                    <Icon name="trash" />
                    <span aria-hidden="true">{t('cityApi.keys.revoke')}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
