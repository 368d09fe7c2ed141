import { useId, useRef, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKeyInfo } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { errorCodeOf } from '../../signaling/socket.ts';
import type { RequestErrorCode } from '../../signaling/socket.ts';

const NAME_MAX = 100;

type NameProblem = 'nameRequired' | 'nameTooLong';

interface Props {
  onIssue(k: { name: string; canPost: boolean; canUpdateStatus: boolean }): Promise<{ key: string; info: ApiKeyInfo }>;
  onIssued(issued: { key: string; info: ApiKeyInfo }): void;
}

/** Issue a key: its name and rights. The key itself is handed to `onIssued`, never kept here. */
export function IssueKeyForm({ onIssue, onIssued }: Props): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const nameInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [canPost, setCanPost] = useState(true);
  const [canUpdateStatus, setCanUpdateStatus] = useState(false);
  const [problem, setProblem] = useState<NameProblem | null>(null);
  const [error, setError] = useState<RequestErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (busy) return;
    const trimmed = name.trim();
    const p: NameProblem | null = trimmed.length === 0 ? 'nameRequired' : [...trimmed].length > NAME_MAX ? 'nameTooLong' : null;
    setProblem(p);
    setError(null);
    if (p) {
      nameInput.current?.focus();
      return;
    }
    setBusy(true);
    onIssue({ name: trimmed, canPost, canUpdateStatus })
      .then((issued) => {
        setName('');
        setCanPost(true);
        setCanUpdateStatus(false);
        onIssued(issued);
      })
      .catch((e: unknown) => setError(errorCodeOf(e)))
      .finally(() => setBusy(false));
  };

  return (
    <form className="panel issue-key" onSubmit={onSubmit} aria-labelledby={`${id}-title`} noValidate data-testid="issue-key">
      <h2 id={`${id}-title`}>
        <Icon name="plus" /> {t('cityApi.issue.title')}
      </h2>
      <div className="city-field">
        <label htmlFor={`${id}-name`}>{t('cityApi.issue.name')}</label>
        <input
          ref={nameInput}
          id={`${id}-name`}
          data-testid="key-name"
          type="text"
          autoComplete="off"
          maxLength={NAME_MAX * 2}
          value={name}
          aria-invalid={problem !== null}
          aria-describedby={`${id}-name-hint${problem ? ` ${id}-name-error` : ''}`}
          onChange={(e) => setName(e.target.value)}
        />
        <p className="hint" id={`${id}-name-hint`}>
          {t('cityApi.issue.nameHint')}
        </p>
        {problem && (
          <p className="field-error" id={`${id}-name-error`} data-testid="key-name-error">
            <Icon name="warning" /> {t(`cityApi.issue.${problem}`)}
          </p>
        )}
      </div>
      <fieldset className="city-field city-field--checks">
        <legend>{t('cityApi.issue.rights')}</legend>
        <label className="check">
          <input type="checkbox" data-testid="key-can-post" checked={canPost} onChange={(e) => setCanPost(e.target.checked)} />
          <span>{t('cityApi.issue.canPost')}</span>
        </label>
        <label className="check">
          <input type="checkbox" data-testid="key-can-update-status" checked={canUpdateStatus} onChange={(e) => setCanUpdateStatus(e.target.checked)} />
          <span>{t('cityApi.issue.canUpdateStatus')}</span>
        </label>
      </fieldset>
      <div role="alert">
        {error && (
          <p className="field-error" data-testid="issue-error">
            <Icon name="warning" /> {t('cityApi.issue.failed')} {t(`errors.${error}`)}
          </p>
        )}
      </div>
      <div>
        <button type="submit" className="button button--primary" data-testid="issue-submit" disabled={busy} aria-busy={busy}>
          <Icon name="plus" />
          <span>{busy ? t('cityApi.issue.submitting') : t('cityApi.issue.submit')}</span>
        </button>
      </div>
    </form>
  );
}
