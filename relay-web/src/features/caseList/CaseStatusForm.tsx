import { useId, useRef, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { caseRoutes } from '@sign-relay/shared';
import type { CaseDetail, CaseStatus } from '@sign-relay/shared';
import { callRoute } from '../../auth/routes.ts';
import type { TokenHolder } from '../../auth/routes.ts';
import { Icon } from '../../components/Icon.tsx';
import { errorCodeOf } from '../../signaling/socket.ts';
import type { RequestErrorCode } from '../../signaling/socket.ts';
import { CLOSING_NOTE_MAX, nextStatuses, PUBLIC_NOTE_MAX, statusChangeBody, statusChangeProblems } from './caseFormat.ts';
import type { StatusChangeProblem } from './caseFormat.ts';
import { StatusBadge } from './StatusBadge.tsx';

interface Props {
  auth: TokenHolder;
  detail: CaseDetail;
  onChanged(detail: CaseDetail): void;
}

/**
 * Supervisors and admins move a case forward (open → in progress → closed). Closing needs a note (checked
 * here and by the server); an optional public note goes to the caller's notification and Open311. The
 * outcome is said in words: a status line on success (focused, so it is heard), an alert on failure.
 */
export function CaseStatusForm({ auth, detail, onChanged }: Props): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const options = nextStatuses(detail.status);
  const [status, setStatus] = useState<CaseStatus | ''>(options[0] ?? '');
  const [note, setNote] = useState('');
  const [publicNote, setPublicNote] = useState('');
  const [problems, setProblems] = useState<StatusChangeProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<RequestErrorCode | null>(null);
  const [saved, setSaved] = useState<CaseStatus | null>(null);
  const savedRef = useRef<HTMLParagraphElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const publicRef = useRef<HTMLTextAreaElement>(null);

  const current = options.includes(status as CaseStatus) ? (status as CaseStatus) : options[0];
  const closing = current === 'closed';
  const problemOf = (field: StatusChangeProblem['field']): StatusChangeProblem | undefined => problems.find((p) => p.field === field);
  const problemText = (p: StatusChangeProblem, max: number): string => (p.rule === 'closing-note-required' ? t('caseList.change.noteRequired') : t('caseList.change.tooLong', { max }));

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (busy || !current) return;
    const change = { status: current, note, publicNote };
    const found = statusChangeProblems(change);
    setProblems(found);
    setFailure(null);
    setSaved(null);
    if (found.length > 0) {
      (found[0]?.field === 'publicNote' ? publicRef : noteRef).current?.focus();
      return;
    }
    setBusy(true);
    callRoute(auth, caseRoutes.setStatus, { params: { id: detail.id }, body: statusChangeBody(change) })
      .then((next) => {
        setNote('');
        setPublicNote('');
        setStatus(nextStatuses(next.status)[0] ?? '');
        setSaved(next.status);
        onChanged(next);
        // After the change the form may be gone (a closed case): the confirmation takes focus, so it is heard.
        requestAnimationFrame(() => savedRef.current?.focus());
      })
      .catch((e: unknown) => {
        const code = errorCodeOf(e);
        // The server's own check of the closing note: shown at the field, like the screen's check.
        if (code === 'CASE_INCOMPLETE' && closing) {
          setProblems([{ field: 'note', rule: 'closing-note-required' }]);
          noteRef.current?.focus();
        } else setFailure(code);
      })
      .finally(() => setBusy(false));
  };

  const noteProblem = problemOf('note');
  const publicProblem = problemOf('publicNote');
  return (
    <section className="panel case-change" aria-labelledby={`${id}-title`} data-testid="case-change">
      <h2 id={`${id}-title`}>
        <Icon name="pen" /> {t('caseList.change.title')}
      </h2>
      <div role="status">
        {saved && (
          <p className="notice notice--ok" ref={savedRef} tabIndex={-1} data-testid="case-change-saved" data-status={saved}>
            <Icon name="check" className="notice__icon" />
            <span className="notice__body">{t('caseList.change.saved', { status: t(`caseList.statuses.${saved}`) })}</span>
          </p>
        )}
      </div>
      <div role="alert">
        {failure && (
          <p className="notice notice--error" data-testid="case-change-failed" data-error={failure}>
            <Icon name="warning" className="notice__icon" />
            <span className="notice__body">
              {t('caseList.change.failed')} {t(`errors.${failure}`)}
            </span>
          </p>
        )}
      </div>
      {options.length === 0 || !current ? (
        <p className="case-change__closed" data-testid="case-change-closed">
          <Icon name="check" /> {t('caseList.change.closed')}
        </p>
      ) : (
        <form className="case-change__form" onSubmit={onSubmit} noValidate>
          <p className="case-change__current">
            <span>{t('caseList.change.current')}</span> <StatusBadge status={detail.status} />
          </p>
          <div className="field">
            <label htmlFor={`${id}-status`}>{t('caseList.change.status')}</label>
            <select id={`${id}-status`} data-testid="case-change-status" value={current} onChange={(e) => setStatus(e.target.value as CaseStatus)}>
              {options.map((s) => (
                <option key={s} value={s}>
                  {t(`caseList.statuses.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-note`}>
              {closing ? t('caseList.change.note') : t('caseList.change.noteOptional')}
              {closing && <span className="field__required">{t('caseList.change.required')}</span>}
            </label>
            <textarea
              id={`${id}-note`}
              ref={noteRef}
              data-testid="case-change-note"
              rows={3}
              value={note}
              required={closing}
              aria-required={closing}
              aria-invalid={noteProblem ? true : undefined}
              aria-describedby={`${id}-note-hint${noteProblem ? ` ${id}-note-problem` : ''}`}
              onChange={(e) => {
                setNote(e.target.value);
                setProblems((ps) => ps.filter((p) => p.field !== 'note'));
              }}
            />
            <p className="hint" id={`${id}-note-hint`}>
              {t('caseList.change.noteHint')} {t('caseList.change.counter', { used: [...note.trim()].length, max: CLOSING_NOTE_MAX })}
            </p>
            {noteProblem && (
              <p className="field-error" id={`${id}-note-problem`} data-testid="case-change-note-problem">
                <Icon name="warning" /> {problemText(noteProblem, CLOSING_NOTE_MAX)}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-public`}>{t('caseList.change.publicNote')}</label>
            <textarea
              id={`${id}-public`}
              ref={publicRef}
              data-testid="case-change-public-note"
              rows={2}
              value={publicNote}
              aria-invalid={publicProblem ? true : undefined}
              aria-describedby={`${id}-public-hint${publicProblem ? ` ${id}-public-problem` : ''}`}
              onChange={(e) => {
                setPublicNote(e.target.value);
                setProblems((ps) => ps.filter((p) => p.field !== 'publicNote'));
              }}
            />
            <p className="hint" id={`${id}-public-hint`}>
              {t('caseList.change.publicNoteHint')} {t('caseList.change.counter', { used: [...publicNote.trim()].length, max: PUBLIC_NOTE_MAX })}
            </p>
            {publicProblem && (
              <p className="field-error" id={`${id}-public-problem`}>
                <Icon name="warning" /> {problemText(publicProblem, PUBLIC_NOTE_MAX)}
              </p>
            )}
          </div>
          <p className="hint">{t('caseList.change.notifyHint')}</p>
          <button type="submit" className={`button ${closing ? 'button--accept' : 'button--primary'}`} data-testid="case-change-submit" disabled={busy} aria-busy={busy}>
            <Icon name={busy ? 'sync' : 'check'} className={busy ? 'icon--spin' : undefined} />
            <span>{busy ? t('caseList.change.submitting') : t('caseList.change.submit')}</span>
          </button>
        </form>
      )}
    </section>
  );
}
