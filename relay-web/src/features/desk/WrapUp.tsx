import { useEffect, useId, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_LIMITS, WRAP_UP_OUTCOMES } from '@sign-relay/shared';
import type { CaseRef, WrapUpOutcome } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { errorCodeOf, request } from '../../signaling/socket.ts';
import type { RequestErrorCode, SignalingSocket } from '../../signaling/socket.ts';
import { formatDuration } from '../../util/time.ts';
import { CaseForm } from '../cases/CaseForm.tsx';
import { CaseList } from '../cases/EarlierCases.tsx';
import { useCaseWorkspace } from '../cases/useCaseWorkspace.ts';
import { caseRefKey } from '../cases/caseRef.ts';

interface FormProps {
  socket: SignalingSocket | null;
  callRef: CaseRef;
  /** The heading: this call's or this chat's outcome. */
  title: string;
  /** The outcome to start from (a case was filed from this call), until one is chosen. */
  suggested?: WrapUpOutcome | null;
}

/** How a call or chat ended (an outcome code) and notes, kept on its record (`desk:wrapUp`); saved again on a change. */
export function WrapUpForm({ socket, callRef, title, suggested = null }: FormProps): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const [outcome, setOutcome] = useState<WrapUpOutcome | ''>(suggested ?? '');
  useEffect(() => {
    if (suggested) setOutcome((o) => o || suggested);
  }, [suggested]);
  const [notes, setNotes] = useState('');
  const [state, setState] = useState<'editing' | 'saving' | 'saved'>('editing');
  const [error, setError] = useState<RequestErrorCode | null>(null);
  const save = (): void => {
    if (!socket || !outcome) return;
    setState('saving');
    setError(null);
    request(socket, 'desk:wrapUp', { ref: callRef, outcome, ...(notes.trim() ? { notes: notes.trim() } : {}) }).then(
      () => setState('saved'),
      (e: unknown) => {
        setState('editing');
        setError(errorCodeOf(e));
      },
    );
  };
  return (
    <form
      className="wrapup-form"
      data-testid="wrapup-form"
      data-state={state}
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h3 id={`${id}-title`} className="wrapup-form__title">
        {title}
      </h3>
      <div className="wrapup-form__fields">
        <label htmlFor={`${id}-outcome`}>{t('cases.wrapUp.outcome')}</label>
        <select
          id={`${id}-outcome`}
          className="case-input"
          data-testid="wrapup-outcome"
          value={outcome}
          required
          onChange={(e) => {
            setOutcome(WRAP_UP_OUTCOMES.find((o) => o === e.target.value) ?? '');
            setState('editing');
          }}
        >
          <option value="">{t('cases.wrapUp.choose')}</option>
          {WRAP_UP_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`cases.wrapUp.outcomes.${o}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-notes`}>{t('cases.wrapUp.notes')}</label>
        <textarea
          id={`${id}-notes`}
          className="case-input case-textarea"
          data-testid="wrapup-notes"
          rows={3}
          maxLength={CASE_LIMITS.wrapUpNotes}
          value={notes}
          onChange={(e) => {
            setNotes(e.target.value);
            setState('editing');
          }}
        />
      </div>
      <div className="wrapup-form__actions">
        <button type="submit" className="button button--secondary" data-testid="wrapup-save" disabled={!socket || !outcome || state === 'saving'}>
          <Icon name="check" />
          <span>{state === 'saving' ? t('cases.wrapUp.saving') : t('cases.wrapUp.save')}</span>
        </button>
        <span role="status" aria-live="polite">
          {state === 'saved' && (
            <span className="pill pill--ok" data-testid="wrapup-saved">
              <Icon name="check" />
              {t('cases.wrapUp.saved')}
            </span>
          )}
        </span>
      </div>
      {error && (
        <p className="notice notice--error" role="alert" data-testid="wrapup-error" data-error={error}>
          <Icon name="warning" className="notice__icon" />
          <span>{t(`errors.${error}`)}</span>
        </p>
      )}
    </form>
  );
}

interface Props {
  socket: SignalingSocket | null;
  /** The call just ended (null when this screen never saw it: a wrap-up after a reload in another tab). */
  callRef: CaseRef | null;
  leftSec: number | null;
  busy: boolean;
  onReady: () => void;
}

/**
 * The call just ended: its outcome and notes, and its case form — a case still open when the caller hung up
 * is filed here (without a read-back, with the reason).
 */
function WrapUpCall({ socket, callRef }: { socket: SignalingSocket | null; callRef: CaseRef }): ReactElement {
  const { t } = useTranslation();
  const kase = useCaseWorkspace(socket, callRef);
  const suggested: WrapUpOutcome | null = kase.filedHere.length > 0 || kase.filed ? 'case-filed' : null;
  return (
    <div className="wrapup__work">
      <div>
        <WrapUpForm socket={socket} callRef={callRef} title={t('cases.wrapUp.callOutcome')} suggested={suggested} />
        {kase.filedHere.length > 0 && (
          <section className="wrapup__filed" aria-labelledby="wrapup-filed-title">
            <h3 id="wrapup-filed-title">{t('cases.earlier.here')}</h3>
            <CaseList cases={kase.filedHere} testId="wrapup-filed" />
          </section>
        )}
      </div>
      <div className="wrapup__case">
        <CaseForm model={kase} idPrefix="wrapup-case" />
      </div>
    </div>
  );
}

/** After a call: time to finish the notes, counting down, the outcome and notes, the case, and "ready for the next call". */
export function WrapUp({ socket, callRef, leftSec, busy, onReady }: Props): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="panel wrapup" aria-labelledby="wrapup-title">
      <h2 id="wrapup-title">
        <Icon name="pen" /> {t('wrapup.title')}
      </h2>
      <p className="wrapup__timer" data-testid="wrapup-timer" data-seconds={leftSec ?? 'unknown'}>
        <span className="wrapup__label">{t('wrapup.left')}</span>
        <span className="wrapup__time">{leftSec === null ? '—' : formatDuration(leftSec)}</span>
      </p>
      <p className="hint">{t('wrapup.hint')}</p>
      <button type="button" className="button button--primary button--large" data-testid="wrapup-end" onClick={onReady} disabled={busy}>
        <Icon name="check" />
        <span>{t('wrapup.ready')}</span>
      </button>
      {callRef && <WrapUpCall key={caseRefKey(callRef)} socket={socket} callRef={callRef} />}
    </section>
  );
}
