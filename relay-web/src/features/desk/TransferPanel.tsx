import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Colleague, UserId } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { INTERPRETER_STATE_APPEARANCE } from '../../components/interpreterState.ts';
import type { RequestErrorCode } from '../../signaling/socket.ts';

export interface TransferState {
  open: boolean;
  colleagues: Colleague[] | null;
  /** The colleague being rung. */
  pending: { userId: UserId; name: string; since: number } | null;
  /** The last transfer that was not taken. */
  failedName: string | null;
  error: RequestErrorCode | null;
}

export const NO_TRANSFER: TransferState = { open: false, colleagues: null, pending: null, failedName: null, error: null };

interface Props {
  state: TransferState;
  onOpen: () => void;
  onClose: () => void;
  onPick: (colleague: Colleague) => void;
  /** In the desk's console: a pane of its own (its tab opens it), so the list is always shown. */
  embedded?: boolean;
}

/**
 * Hands the call to a colleague: the list with everyone's state; only available colleagues can be picked. The
 * case form goes with the call: the colleague opens the same saved draft.
 */
export function TransferPanel({ state, onOpen, onClose, onPick, embedded = false }: Props): ReactElement {
  const { t } = useTranslation();
  const { colleagues, pending, failedName, error } = state;
  const open = embedded || state.open;
  return (
    <section className={`${embedded ? '' : 'panel '}transfer`} aria-labelledby="transfer-title">
      <h2 id="transfer-title" className="transfer__title">
        <Icon name="transfer" /> {t('transfer.title')}
      </h2>
      <div role="status" aria-live="polite">
        {pending && (
          <p className="notice notice--waiting" data-testid="transfer-pending">
            <Icon name="bell" className="notice__icon" />
            <span>{t('transfer.ringing', { name: pending.name })}</span>
          </p>
        )}
        {!pending && failedName && (
          <p className="notice notice--warn" data-testid="transfer-failed">
            <Icon name="warning" className="notice__icon" />
            <span>{t('transfer.failed', { name: failedName })}</span>
          </p>
        )}
        {error && (
          <p className="notice notice--error" data-testid="transfer-error" data-error={error}>
            <Icon name="warning" className="notice__icon" />
            <span>{t(`errors.${error}`)}</span>
          </p>
        )}
      </div>
      {embedded && <p className="hint">{t('transfer.hint')}</p>}
      {!open ? (
        <button type="button" className="button button--secondary" data-testid="transfer-open" onClick={onOpen} disabled={pending !== null} aria-expanded={false} aria-controls="transfer-list">
          <Icon name="transfer" />
          <span>{t('transfer.open')}</span>
        </button>
      ) : (
        <div id="transfer-list" className="transfer__list">
          {!embedded && <p className="hint">{t('transfer.hint')}</p>}
          {colleagues === null && <p className="hint">{t('transfer.loading')}</p>}
          {colleagues?.length === 0 && <p className="hint">{t('transfer.none')}</p>}
          <ul>
            {colleagues?.map((c) => {
              const { icon, tone } = INTERPRETER_STATE_APPEARANCE[c.state];
              const selectable = c.state === 'available' && pending === null;
              return (
                <li key={c.userId}>
                  <button type="button" className="colleague" data-testid="transfer-target" data-user-id={c.userId} data-state={c.state} disabled={!selectable} onClick={() => onPick(c)}>
                    <span className="colleague__name">{c.displayName}</span>
                    <span className={`pill pill--${tone}`}>
                      <Icon name={icon} />
                      {t(`interpreterState.${c.state}`)}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
          {!embedded && (
            <button type="button" className="button button--quiet" data-testid="transfer-close" onClick={onClose} aria-expanded={true} aria-controls="transfer-list">
              <span>{t('transfer.close')}</span>
            </button>
          )}
        </div>
      )}
    </section>
  );
}
