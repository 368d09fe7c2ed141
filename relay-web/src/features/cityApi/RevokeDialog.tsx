import { useEffect, useId, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKeyInfo } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { errorCodeOf } from '../../signaling/socket.ts';
import type { RequestErrorCode } from '../../signaling/socket.ts';

interface Props {
  apiKey: ApiKeyInfo;
  onConfirm(): Promise<void>;
  /** Called when the dialog closes: `revoked` says whether the key was revoked. */
  onClose(revoked: boolean): void;
}

/**
 * Asks before a key is revoked: a modal dialog (focus stays inside, Esc cancels) whose first focus is
 * "cancel", so a stray Enter never revokes a key.
 */
export function RevokeDialog({ apiKey, onConfirm, onClose }: Props): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestErrorCode | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    cancel.current?.focus();
    return () => d?.close();
  }, []);

  // Closed here first, so the browser's own focus return happens now and the page's choice of focus comes after.
  const finish = (revoked: boolean): void => {
    dialog.current?.close();
    onClose(revoked);
  };

  const confirm = (): void => {
    if (busy) return;
    setBusy(true);
    setError(null);
    onConfirm().then(
      () => finish(true),
      (e: unknown) => {
        setError(errorCodeOf(e));
        setBusy(false);
      },
    );
  };

  return (
    <dialog
      ref={dialog}
      className="city-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      data-testid="revoke-dialog"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) finish(false);
      }}
    >
      <h2 id={`${id}-title`} className="city-dialog__title">
        <Icon name="warning" /> {t('cityApi.revoke.title')}
      </h2>
      <p id={`${id}-body`}>{t('cityApi.revoke.body', { name: apiKey.name, prefix: apiKey.prefix })}</p>
      <div role="alert">
        {error && (
          <p className="field-error" data-testid="revoke-error">
            <Icon name="warning" /> {t('cityApi.revoke.failed')} {t(`errors.${error}`)}
          </p>
        )}
      </div>
      <div className="city-dialog__actions">
        <button ref={cancel} type="button" className="button button--secondary" data-testid="revoke-cancel" disabled={busy} onClick={() => finish(false)}>
          <span>{t('cityApi.revoke.cancel')}</span>
        </button>
        <button type="button" className="button city-dialog__revoke" data-testid="revoke-confirm" disabled={busy} aria-busy={busy} onClick={confirm}>
          <Icon name="trash" />
          <span>{busy ? t('cityApi.revoke.working') : t('cityApi.revoke.confirm')}</span>
        </button>
      </div>
    </dialog>
  );
}
