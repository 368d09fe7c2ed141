import { useId, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceTopic } from '@sign-relay/shared';
import { GuestAuth } from '../../auth/GuestAuth.ts';
import { apiRequest } from '../../auth/http.ts';
import { Icon } from '../../components/Icon.tsx';
import { TOPIC_ORDER } from '../../components/TopicPictogram.tsx';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.ts';
import { useSurface } from '../../surface/surface.ts';
import type { Surface } from '../../surface/surface.ts';
import { errorCodeOf } from '../../signaling/socket.ts';
import type { RequestErrorCode } from '../../signaling/socket.ts';
import { checkCallback, EMPTY_CALLBACK } from './callbackForm.ts';
import type { CallbackFields, CallbackProblems, CallbackRequest } from './callbackForm.ts';

/** POST /api/callbacks with this browser's guest token (a fresh one if the server refuses the stored one). */
async function sendCallback(request: CallbackRequest, surface: Surface): Promise<void> {
  const auth = new GuestAuth({ surface });
  try {
    const send = (token: string | null) => apiRequest<{ id: string }>('/api/callbacks', { body: request, token });
    try {
      await send(await auth.ensure());
    } catch (error) {
      if (errorCodeOf(error) !== 'UNAUTHENTICATED') throw error;
      await send(await auth.renew());
    }
  } finally {
    auth.dispose();
  }
}

type Field = keyof CallbackProblems;

/** "Contact me": a name and a phone number or e-mail address, optionally the topic and a note. */
export function CallbackForm({ onCancel }: { onCancel: () => void }): ReactElement {
  const { t } = useTranslation();
  const surface = useSurface();
  const id = useId();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [fields, setFields] = useState<CallbackFields>(EMPTY_CALLBACK);
  const [problems, setProblems] = useState<CallbackProblems>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<RequestErrorCode | null>(null);
  const [done, setDone] = useState(false);

  const set = (patch: Partial<CallbackFields>): void => {
    setFields((f) => ({ ...f, ...patch }));
    setProblems((p) => {
      const next = { ...p };
      for (const k of Object.keys(patch)) delete next[k as Field];
      if ('email' in patch || 'phone' in patch) delete next.phone;
      return next;
    });
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    if (busy) return;
    const checked = checkCallback(fields);
    if (!checked.ok) {
      setProblems(checked.problems);
      const first = (['name', 'phone', 'email', 'note'] as const).find((k) => checked.problems[k]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    sendCallback(checked.request, surface).then(
      () => setDone(true),
      (error: unknown) => setFailure(errorCodeOf(error)),
    ).finally(() => setBusy(false));
  };

  if (done) {
    return (
      <section className="callback callback--done" data-testid="callback-done" aria-labelledby={`${id}-done`} role="status">
        <Icon name="check" className="callback__done-icon" />
        <h2 id={`${id}-done`}>{t('callback.done')}</h2>
        <p>{t('callback.doneBody')}</p>
      </section>
    );
  }

  const problem = (field: Field) =>
    problems[field] ? (
      <p className="field-error" id={`${id}-${field}-error`}>
        <Icon name="warning" />
        <span>{t(`callback.problems.${problems[field]}`)}</span>
      </p>
    ) : null;
  const described = (field: Field, hint?: string) => [hint, problems[field] ? `${id}-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <form className="callback" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        <Icon name="phone" /> {t('callback.title')}
      </h2>
      <p className="callback__lead">{t('callback.lead')}</p>
      <div className="field">
        <label htmlFor={`${id}-name`}>
          {t('callback.name')} <span className="field__required">{t('callback.required')}</span>
        </label>
        <input id={`${id}-name`} data-testid="callback-name" type="text" autoComplete="name" value={fields.name} aria-invalid={!!problems.name} aria-describedby={described('name')} onChange={(e) => set({ name: e.target.value })} />
        {problem('name')}
      </div>
      <fieldset className="field field--group">
        <legend>{t('callback.contact')}</legend>
        <p className="hint" id={`${id}-contact-hint`}>
          {t('callback.contactHint')}
        </p>
        <label htmlFor={`${id}-phone`}>
          <Icon name="phone" /> {t('callback.phone')}
        </label>
        <input
          id={`${id}-phone`}
          data-testid="callback-phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={fields.phone}
          aria-invalid={!!problems.phone}
          aria-describedby={described('phone', `${id}-contact-hint`)}
          onChange={(e) => set({ phone: e.target.value })}
        />
        {problem('phone')}
        <label htmlFor={`${id}-email`}>
          <Icon name="mail" /> {t('callback.email')}
        </label>
        <input
          id={`${id}-email`}
          data-testid="callback-email"
          type="email"
          inputMode="email"
          autoComplete="email"
          value={fields.email}
          aria-invalid={!!problems.email}
          aria-describedby={described('email', `${id}-contact-hint`)}
          onChange={(e) => set({ email: e.target.value })}
        />
        {problem('email')}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-topic`}>{t('callback.topic')}</label>
        <select id={`${id}-topic`} data-testid="callback-topic" value={fields.topic} onChange={(e) => set({ topic: e.target.value as ServiceTopic | '' })}>
          <option value="">{t('callback.noTopic')}</option>
          {TOPIC_ORDER.map((topic) => (
            <option key={topic} value={topic}>
              {t(`topics.${topic}.name`)} · {t(`topics.${topic}.hint`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('callback.note')}</label>
        <textarea id={`${id}-note`} data-testid="callback-note" rows={3} value={fields.note} aria-invalid={!!problems.note} aria-describedby={described('note')} onChange={(e) => set({ note: e.target.value })} />
        {problem('note')}
      </div>
      <div role="alert" className="callback__failure">
        {failure && (
          <p className="notice notice--error" data-testid="callback-error" data-error={failure}>
            <Icon name="warning" className="notice__icon" />
            <span>
              {t('callback.failed')} {t(`errors.${failure}`)}
            </span>
          </p>
        )}
      </div>
      <div className="callback__actions">
        <button type="button" className="button button--quiet" onClick={onCancel}>
          <Icon name="back" />
          <span>{t('callback.cancel')}</span>
        </button>
        <button type="submit" className="button button--primary button--large" data-testid="callback-submit" disabled={busy} aria-busy={busy}>
          <Icon name="send" />
          <span>{busy ? t('callback.submitting') : t('callback.submit')}</span>
        </button>
      </div>
    </form>
  );
}
