import { useId, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CALLBACK_METHODS, callbackRoutes } from '@sign-relay/shared';
import type { CallbackMethod, CallbackReceipt, ServiceTopic } from '@sign-relay/shared';
import { GuestAuth } from '../../auth/GuestAuth.ts';
import { callRoute } from '../../auth/routes.ts';
import { Icon } from '../../components/Icon.tsx';
import type { IconName } from '../../components/Icon.tsx';
import { TOPIC_ORDER } from '../../components/TopicPictogram.tsx';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.ts';
import { useSurface } from '../../surface/surface.ts';
import type { Surface } from '../../surface/surface.ts';
import { errorCodeOf } from '../../signaling/socket.ts';
import type { RequestErrorCode } from '../../signaling/socket.ts';
import { CallbackDone } from './CallbackDone.tsx';
import { CALLBACK_FIELD_ORDER, checkCallback, contactFields, EMPTY_CALLBACK } from './callbackForm.ts';
import type { CallbackFields, CallbackProblems, CallbackRequest } from './callbackForm.ts';
import './callbackForm.css';

/** POST /api/callbacks with this browser's guest token (a fresh one if the server refuses the stored one). */
async function sendCallback(request: CallbackRequest, surface: Surface): Promise<CallbackReceipt> {
  const auth = new GuestAuth({ surface });
  try {
    let token: string | null = await auth.ensure();
    const holder = { token: () => token, renew: async () => (token = await auth.renew()) };
    return await callRoute(holder, callbackRoutes.create, { body: request });
  } finally {
    auth.dispose();
  }
}

type Field = keyof CallbackProblems;

export const METHOD_ICON: Record<CallbackMethod, IconName> = { sms: 'chat', email: 'mail', video: 'video' };

/**
 * "Contact me": a name, how to be reached (text message, e-mail or a video call back, each a pictogram tile) and
 * the contact that needs, optionally the topic and a note. Sent, it shows the reference number large. Nothing is
 * stored in the browser: on a kiosk the visit's end (a fresh page) takes it all away. On a kiosk the browser is
 * also told not to remember or offer what was typed (`autocomplete="off"`), so one visitor's name, number and
 * address are never suggested to the next.
 */
export function CallbackForm({ onCancel }: { onCancel: () => void }): ReactElement {
  const { t } = useTranslation();
  const surface = useSurface();
  // A kiosk is shared: the browser is asked to keep nothing typed here and to suggest nothing.
  const autofill = (hint?: string): string | undefined => (surface.kind === 'kiosk' ? 'off' : hint);
  const id = useId();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [fields, setFields] = useState<CallbackFields>(EMPTY_CALLBACK);
  const [problems, setProblems] = useState<CallbackProblems>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<RequestErrorCode | null>(null);
  const [done, setDone] = useState<{ receipt: CallbackReceipt; request: CallbackRequest } | null>(null);

  const set = (patch: Partial<CallbackFields>): void => {
    setFields((f) => ({ ...f, ...patch }));
    setProblems((p) => {
      const next = { ...p };
      for (const k of Object.keys(patch)) delete next[k as Field];
      // A video call back needs either contact: typing one clears "give one of them".
      if ('email' in patch && next.phone === 'contactRequired') delete next.phone;
      if ('method' in patch) {
        delete next.phone;
        delete next.email;
      }
      return next;
    });
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    if (busy) return;
    const checked = checkCallback(fields);
    if (!checked.ok) {
      setProblems(checked.problems);
      const first = CALLBACK_FIELD_ORDER.find((k) => checked.problems[k]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    sendCallback(checked.request, surface)
      .then(
        (receipt) => setDone({ receipt, request: checked.request }),
        (error: unknown) => setFailure(errorCodeOf(error)),
      )
      .finally(() => setBusy(false));
  };

  if (done) return <CallbackDone receipt={done.receipt} request={done.request} />;

  const problem = (field: Field) =>
    problems[field] ? (
      <p className="field-error" id={`${id}-${field}-error`}>
        <Icon name="warning" />
        <span>{t(`callback.problems.${problems[field]}`)}</span>
      </p>
    ) : null;
  const described = (field: Field, hint?: string) => [hint, problems[field] ? `${id}-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const asks = contactFields(fields.method);
  const contactHint = fields.method === 'video' ? `${id}-contact-hint` : undefined;

  return (
    <form className="callback" onSubmit={onSubmit} noValidate autoComplete={autofill()} aria-labelledby={`${id}-title`} data-testid="callback-form">
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        <Icon name="phone" /> {t('callback.title')}
      </h2>
      <p className="callback__lead">{t('callback.lead')}</p>
      <div className="field">
        <label htmlFor={`${id}-name`}>
          {t('callback.name')} <span className="field__required">{t('callback.required')}</span>
        </label>
        <input id={`${id}-name`} data-testid="callback-name" type="text" autoComplete={autofill('name')} value={fields.name} aria-invalid={!!problems.name} aria-describedby={described('name')} onChange={(e) => set({ name: e.target.value })} />
        {problem('name')}
      </div>
      <fieldset className="field field--group callback-method" aria-describedby={described('method', `${id}-method-hint`)} aria-invalid={!!problems.method} data-testid="callback-method">
        <legend>
          {t('callback.method.legend')} <span className="field__required">{t('callback.required')}</span>
        </legend>
        <p className="hint" id={`${id}-method-hint`}>
          {t('callback.method.hint')}
        </p>
        <div className="callback-method__options">
          {CALLBACK_METHODS.map((m, i) => (
            <label key={m} className={`callback-method__option${fields.method === m ? ' callback-method__option--chosen' : ''}`} data-testid={`callback-method-${m}`}>
              <input
                type="radio"
                name={`${id}-method`}
                autoComplete={autofill()}
                id={i === 0 ? `${id}-method` : undefined}
                value={m}
                checked={fields.method === m}
                onChange={() => set({ method: m })}
              />
              <Icon name={METHOD_ICON[m]} className="callback-method__icon" />
              <span className="callback-method__text">
                <span className="callback-method__name">{t(`callback.method.${m}`)}</span>
                <span className="callback-method__hint">{t(`callback.method.${m}Hint`)}</span>
              </span>
            </label>
          ))}
        </div>
        {problem('method')}
      </fieldset>
      {(asks.phone || asks.email) && (
        <div className="callback-contact">
          {contactHint && (
            <p className="hint" id={contactHint}>
              {t('callback.contactHintVideo')}
            </p>
          )}
          {asks.phone && (
            <div className="field">
              <label htmlFor={`${id}-phone`}>
                <Icon name="phone" /> {t('callback.phone')} {fields.method === 'sms' && <span className="field__required">{t('callback.required')}</span>}
              </label>
              <input
                id={`${id}-phone`}
                data-testid="callback-phone"
                type="tel"
                inputMode="tel"
                autoComplete={autofill('tel')}
                value={fields.phone}
                aria-invalid={!!problems.phone}
                aria-describedby={described('phone', contactHint)}
                onChange={(e) => set({ phone: e.target.value })}
              />
              {problem('phone')}
            </div>
          )}
          {asks.email && (
            <div className="field">
              <label htmlFor={`${id}-email`}>
                <Icon name="mail" /> {t('callback.email')} {fields.method === 'email' && <span className="field__required">{t('callback.required')}</span>}
              </label>
              <input
                id={`${id}-email`}
                data-testid="callback-email"
                type="email"
                inputMode="email"
                autoComplete={autofill('email')}
                value={fields.email}
                aria-invalid={!!problems.email}
                aria-describedby={described('email', contactHint)}
                onChange={(e) => set({ email: e.target.value })}
              />
              {problem('email')}
            </div>
          )}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-topic`}>{t('callback.topic')}</label>
        <select id={`${id}-topic`} data-testid="callback-topic" autoComplete={autofill()} value={fields.topic} onChange={(e) => set({ topic: e.target.value as ServiceTopic | '' })}>
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
        <textarea id={`${id}-note`} data-testid="callback-note" rows={3} autoComplete={autofill()} value={fields.note} aria-invalid={!!problems.note} aria-describedby={described('note')} onChange={(e) => set({ note: e.target.value })} />
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
