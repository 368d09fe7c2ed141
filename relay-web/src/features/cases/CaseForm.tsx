import { useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_LIMITS, CASE_SERVICES, caseContent, caseProblems, DISTRICTS, TRANSFER_OUTCOMES } from '@sign-relay/shared';
import type { CaseDraft, CaseProblem, CaseRule, CaseService } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { TopicPictogram } from '../../components/TopicPictogram.tsx';
import { CaseActions } from './CaseActions.tsx';
import { ContactFields } from './ContactFields.tsx';
import { Field } from './Field.tsx';
import { FiledCase } from './FiledCase.tsx';
import { ItemPicker } from './ItemPicker.tsx';
import { LocationFields } from './LocationFields.tsx';
import type { CaseWorkspaceActions, CaseWorkspaceModel } from './useCaseWorkspace.ts';
import './cases.css';
import './casePlace.css';

interface Props {
  model: CaseWorkspaceModel & CaseWorkspaceActions;
  /** Makes the ids unique when several forms are on one screen (a call's and each chat's). */
  idPrefix: string;
  /** The district map (left out where there is no room for it; the coordinates can still be typed). */
  withMap?: boolean;
  /** The caller is not on a screen of ours (a call-back request): what to do instead of a read-back. */
  noReadBack?: string | undefined;
}

/** Every problem once, the server's (from a refused read-back or filing) with the form's own. */
function merge(a: readonly CaseProblem[], b: readonly CaseProblem[]): CaseProblem[] {
  const seen = new Set<string>();
  return [...a, ...b].filter((p) => {
    const k = `${p.field}:${p.rule}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The case form beside the video or a chat: the service (opened with the caller's choice), what that service
 * needs, the interpreter's summary, the caller's contact, then read-back and filing. Saved as it is typed;
 * problems show by field once a field was left or a filing tried, and always as the list above "file".
 */
export function CaseForm({ model, idPrefix, withMap = true, noReadBack }: Props): ReactElement {
  const { t } = useTranslation();
  const { draft, change } = model;
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const touch = (field: keyof CaseDraft): void => setTouched((s) => (s.has(field) ? s : new Set(s).add(field)));
  const problems = useMemo(() => merge(caseProblems(caseContent(draft)), model.serverProblems), [draft, model.serverProblems]);
  const problemsOf = (field: keyof CaseDraft): CaseRule[] =>
    attempted || touched.has(field) || model.serverProblems.length > 0 ? problems.filter((p) => p.field === field).map((p) => p.rule) : [];
  const id = (field: string): string => `${idPrefix}-${field}`;
  const service = draft.service;
  const topic = model.context?.topic ?? null;
  const kiosk = model.context?.kiosk ?? null;
  const kioskPoint = kiosk && kiosk.lat !== null && kiosk.lng !== null ? { lat: kiosk.lat, lng: kiosk.lng } : null;
  const { i18n } = useTranslation();
  const en = (i18n.resolvedLanguage ?? i18n.language) === 'en';

  if (model.phase !== 'ready') {
    return (
      <section className="case-form case-form--loading" data-testid="case-form" data-phase={model.phase} aria-label={t('cases.form.label')}>
        {model.phase === 'loading' ? (
          <p className="hint">
            <Icon name="sync" className="icon--spin" /> {t('cases.form.loading')}
          </p>
        ) : (
          <div className="notice notice--error" role="alert">
            <Icon name="warning" className="notice__icon" />
            <span>
              {t('cases.form.loadFailed')} {model.loadError ? t(`errors.${model.loadError}`) : ''}
            </span>
            <button type="button" className="button button--secondary" data-testid="case-retry" onClick={model.retry}>
              <Icon name="sync" />
              <span>{t('cases.form.retry')}</span>
            </button>
          </div>
        )}
      </section>
    );
  }

  return (
    <section className="case-form" data-testid="case-form" data-phase="ready" data-service={service ?? ''} aria-labelledby={id('title')}>
      <header className="case-form__head">
        <h2 id={id('title')} className="case-form__title">
          <Icon name="pen" /> {t('cases.form.label')}
        </h2>
        <span className={`pill case-save case-save--${model.save}`} data-testid="case-save" data-state={model.save} role="status" aria-live="polite">
          <Icon name={model.save === 'saved' ? 'check' : model.save === 'offline' || model.save === 'failed' ? 'warning' : 'sync'} className={model.save === 'saving' ? 'icon--spin' : undefined} />
          <span>{t(`cases.save.${model.save}`)}</span>
        </span>
      </header>
      {model.filed && <FiledCase filed={model.filed} onDismiss={model.dismissFiled} />}
      {model.reloaded && (
        <p className="notice notice--warn" role="status" data-testid="case-reloaded">
          <Icon name="sync" className="notice__icon" />
          <span>{t('cases.form.reloaded')}</span>
        </p>
      )}
      {kiosk && (kiosk.district || kiosk.address) && (
        <p className="hint case-form__kiosk" data-testid="case-kiosk-filled">
          <Icon name="kiosk" /> {t('cases.form.kioskFilled', { name: en ? kiosk.nameEn : kiosk.nameZh })}
        </p>
      )}

      <fieldset className="case-fieldset case-service" aria-describedby={problemsOf('service').length ? id('service-error') : undefined}>
        <legend>{t('cases.service.label')}</legend>
        <div className="case-service__options" role="radiogroup" aria-label={t('cases.service.label')}>
          {CASE_SERVICES.map((s: CaseService) => (
            <label key={s} className={`case-service__option${service === s ? ' case-service__option--chosen' : ''}`} data-testid={`case-service-${s}`}>
              <input type="radio" name={id('service')} id={s === (service ?? CASE_SERVICES[0]) ? id('service') : undefined} value={s} checked={service === s} onChange={() => change({ service: s })} />
              <TopicPictogram topic={s} />
              <span className="case-service__name">{t(`cases.service.${s}`)}</span>
              {topic === s && <span className="case-service__tag">{t('cases.form.fromCaller')}</span>}
            </label>
          ))}
        </div>
        {problemsOf('service').length > 0 && (
          <p id={id('service-error')} className="field-error">
            <Icon name="warning" /> {t('cases.rules.service-required')}
          </p>
        )}
      </fieldset>

      {service === 'dispatch' && (
        <Field id={id('dispatchItem')} label={t('cases.item.label')} problems={problemsOf('dispatchItem')} hint={t('cases.item.hint')} required>
          {(a11y) => <ItemPicker id={id('dispatchItem')} value={draft.dispatchItem} onChange={(code) => change({ dispatchItem: code })} onBlur={() => touch('dispatchItem')} a11y={a11y} />}
        </Field>
      )}
      {(service === 'dispatch' || service === 'petition') && (
        <LocationFields idPrefix={idPrefix} draft={draft} change={change} problemsOf={problemsOf} touch={touch} required={service === 'dispatch'} kioskPoint={kioskPoint} withMap={withMap} />
      )}
      {service === 'transfer' && (
        <div className="case-row">
          <Field id={id('agency')} label={t('cases.field.agency')} problems={problemsOf('agency')} required>
            {(a11y) => <input id={id('agency')} type="text" className="case-input" data-testid="case-agency" maxLength={CASE_LIMITS.agency * 2} value={draft.agency ?? ''} onChange={(e) => change({ agency: e.target.value })} onBlur={() => touch('agency')} {...a11y} />}
          </Field>
          <Field id={id('transferOutcome')} label={t('cases.field.transferOutcome')} problems={problemsOf('transferOutcome')} required>
            {(a11y) => (
              <select
                id={id('transferOutcome')}
                className="case-input"
                data-testid="case-transfer-outcome"
                value={draft.transferOutcome ?? ''}
                onChange={(e) => change({ transferOutcome: TRANSFER_OUTCOMES.find((o) => o === e.target.value) })}
                onBlur={() => touch('transferOutcome')}
                {...a11y}
              >
                <option value="">{t('cases.field.chooseOutcome')}</option>
                {TRANSFER_OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {t(`cases.transferOutcome.${o}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      )}
      {service === 'consultation' && (
        <Field id={id('district')} label={t('cases.district.label')} problems={problemsOf('district')}>
          {(a11y) => <DistrictSelect id={id('district')} value={draft.district} onChange={(district) => change({ district })} a11y={a11y} />}
        </Field>
      )}
      {service && service !== 'transfer' && (
        <Field id={id('description')} label={t('cases.field.description')} problems={problemsOf('description')} required={service !== 'consultation'}>
          {(a11y) => <textarea id={id('description')} className="case-input case-textarea" data-testid="case-description" rows={3} maxLength={CASE_LIMITS.description * 2} value={draft.description ?? ''} onChange={(e) => change({ description: e.target.value })} onBlur={() => touch('description')} {...a11y} />}
        </Field>
      )}
      {service && (
        <Field id={id('summary')} label={t('cases.field.summary')} problems={problemsOf('summary')} hint={t('cases.field.summaryHint')}>
          {(a11y) => <textarea id={id('summary')} className="case-input case-textarea" data-testid="case-summary" rows={2} maxLength={CASE_LIMITS.summary * 2} value={draft.summary ?? ''} onChange={(e) => change({ summary: e.target.value })} onBlur={() => touch('summary')} {...a11y} />}
        </Field>
      )}
      {service && <ContactFields idPrefix={idPrefix} draft={draft} change={change} problemsOf={problemsOf} touch={touch} required={service === 'petition'} />}
      {service && <CaseActions key={model.filed?.number ?? ''} model={model} problems={problems} fieldId={(f) => (f === 'note' ? id('summary') : id(f))} onAttempt={() => setAttempted(true)} noReadBack={noReadBack} />}
    </section>
  );
}

function DistrictSelect({ id, value, onChange, a11y }: { id: string; value: string | undefined; onChange: (v: string | undefined) => void; a11y: Record<string, unknown> }): ReactElement {
  const { t, i18n } = useTranslation();
  const en = (i18n.resolvedLanguage ?? i18n.language) === 'en';
  return (
    <select id={id} className="case-input" data-testid="case-district" value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} {...a11y}>
      <option value="">{t('cases.district.choose')}</option>
      {DISTRICTS.map((d) => (
        <option key={d.code} value={d.code}>
          {en ? `${d.en} ${d.zh}` : `${d.zh} ${d.en}`}
        </option>
      ))}
    </select>
  );
}
