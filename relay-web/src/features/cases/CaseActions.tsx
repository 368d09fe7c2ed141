import { useId, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseProblem } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { ReadBackStatus, readBackView } from './ReadBackStatus.tsx';
import type { CaseWorkspaceActions, CaseWorkspaceModel } from './useCaseWorkspace.ts';

interface Props {
  model: CaseWorkspaceModel & CaseWorkspaceActions;
  problems: readonly CaseProblem[];
  /** Where each problem's field is, to jump there. */
  fieldId: (field: CaseProblem['field']) => string;
  /** A read-back or filing was tried: the form shows every problem from now on. */
  onAttempt: () => void;
  /**
   * The caller is not on a screen of ours (a call-back request): no read-back; filing needs the reason, and this
   * says so in its place.
   */
  noReadBack?: string | undefined;
}

/**
 * What stands between the draft and a filed case: the problems still open (each a link to its field), the
 * read-back to the caller and its answer, filing (only once the caller confirmed the current content), and
 * filing without a read-back, which needs a reason.
 */
export function CaseActions({ model, problems, fieldId, onAttempt, noReadBack }: Props): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const [skipping, setSkipping] = useState(noReadBack !== undefined);
  const [reason, setReason] = useState('');
  const view = readBackView(model.readBack);
  const complete = problems.length === 0;
  const confirmed = view === 'correct';
  const busy = model.busy !== null;
  const jump = (field: CaseProblem['field']): void => {
    const el = document.getElementById(fieldId(field));
    el?.focus();
  };

  return (
    <section className="case-actions" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="visually-hidden">
        {t('cases.readBack.title')}
      </h3>
      <div className="case-problems" data-testid="case-problems" data-count={problems.length}>
        {complete ? (
          <p className="case-problems__none">
            <Icon name="check" /> {t('cases.problems.none')}
          </p>
        ) : (
          <>
            <p className="case-problems__title">{t('cases.problems.title')}</p>
            <ul>
              {problems.map((p) => (
                <li key={`${p.field}-${p.rule}`} data-rule={p.rule}>
                  <button type="button" className="case-problems__link" onClick={() => jump(p.field)}>
                    {t(`cases.rules.${p.rule}`)}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {noReadBack !== undefined ? (
        <p className="hint" data-testid="case-no-readback">
          {noReadBack}
        </p>
      ) : (
      <div className="case-readback">
        <ReadBackStatus readBack={model.readBack} />
        <button
          type="button"
          className="button button--secondary case-main-button"
          data-testid="case-readback"
          disabled={busy || !complete}
          aria-busy={model.busy === 'read-back'}
          onClick={() => {
            onAttempt();
            model.sendReadBack();
          }}
        >
          <Icon name="send" />
          <span>{view === 'none' ? t('cases.readBack.send') : t('cases.readBack.resend')}</span>
        </button>
      </div>
      )}
      {model.actionError && (
        <p className="notice notice--error case-actions__error" role="alert" data-testid="case-action-error" data-error={model.actionError}>
          <Icon name="warning" className="notice__icon" />
          <span>{t(`errors.${model.actionError}`)}</span>
        </p>
      )}
      <div className="case-file">
        {!confirmed && complete && noReadBack === undefined && <p className="hint">{t('cases.file.needsReadBack')}</p>}
        {noReadBack === undefined && (
        <button
          type="button"
          className="button button--primary case-main-button"
          data-testid="case-file"
          disabled={busy || !complete || !confirmed}
          aria-busy={model.busy === 'file'}
          onClick={() => {
            onAttempt();
            model.file();
          }}
        >
          <Icon name="check" />
          <span>{model.busy === 'file' ? t('cases.file.busy') : t('cases.file.action')}</span>
        </button>
        )}
        {!confirmed && (
          <div className="case-skip">
            {noReadBack === undefined && (
            <button type="button" className="button button--quiet case-small-button" data-testid="case-skip-open" aria-expanded={skipping} aria-controls={`${id}-skip`} onClick={() => setSkipping((s) => !s)}>
              <Icon name="warning" />
              <span>{t('cases.file.skipOpen')}</span>
            </button>
            )}
            <div id={`${id}-skip`} className="case-skip__body" hidden={!skipping}>
              <label htmlFor={`${id}-reason`} className="case-field__label">
                {t('cases.file.reason')}
              </label>
              <input
                id={`${id}-reason`}
                type="text"
                className="case-input"
                data-testid="case-skip-reason"
                maxLength={300}
                placeholder={t('cases.file.reasonPlaceholder')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <button
                type="button"
                className="button button--danger-outline case-main-button"
                data-testid="case-file-without"
                disabled={busy || !complete || reason.trim() === ''}
                onClick={() => {
                  onAttempt();
                  model.file(reason);
                }}
              >
                <Icon name="warning" />
                <span>{t('cases.file.withoutReadBack')}</span>
              </button>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
