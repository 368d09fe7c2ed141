import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_LIMITS } from '@sign-relay/shared';
import type { CaseDraft, CaseRule } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { Field } from './Field.tsx';

interface Props {
  idPrefix: string;
  draft: CaseDraft;
  change: (patch: Partial<CaseDraft>) => void;
  problemsOf: (field: keyof CaseDraft) => CaseRule[];
  touch: (field: keyof CaseDraft) => void;
  /** A petition: the city takes none without a real name and a phone or e-mail (the form says so). */
  required: boolean;
}

/** The caller's name, phone and e-mail: required for a petition (with the city's rule in view), optional otherwise. */
export function ContactFields({ idPrefix, draft, change, problemsOf, touch, required }: Props): ReactElement {
  const { t } = useTranslation();
  const id = (f: string): string => `${idPrefix}-${f}`;
  return (
    <fieldset className={`case-fieldset case-contact${required ? ' case-contact--required' : ''}`} data-testid="case-contact">
      <legend>
        <Icon name="person" /> {t('cases.contact.legend')}
        {!required && <span className="case-contact__optional"> ({t('cases.contact.optional')})</span>}
      </legend>
      {required && (
        <p className="case-contact__rule" data-testid="case-petition-rule">
          <Icon name="warning" />
          <span>{t('cases.contact.petitionRule')}</span>
        </p>
      )}
      <Field id={id('callerName')} label={t('cases.contact.name')} problems={problemsOf('callerName')} required={required}>
        {(a11y) => <input id={id('callerName')} type="text" className="case-input" data-testid="case-caller-name" autoComplete="off" maxLength={CASE_LIMITS.name * 2} value={draft.callerName ?? ''} onChange={(e) => change({ callerName: e.target.value })} onBlur={() => touch('callerName')} {...a11y} />}
      </Field>
      <div className="case-row">
        <Field id={id('callerPhone')} label={t('cases.contact.phone')} problems={problemsOf('callerPhone')} hint={required ? t('cases.contact.oneOf') : undefined}>
          {(a11y) => <input id={id('callerPhone')} type="tel" className="case-input" data-testid="case-caller-phone" autoComplete="off" maxLength={CASE_LIMITS.phone * 2} value={draft.callerPhone ?? ''} onChange={(e) => change({ callerPhone: e.target.value })} onBlur={() => touch('callerPhone')} {...a11y} />}
        </Field>
        <Field id={id('callerEmail')} label={t('cases.contact.email')} problems={problemsOf('callerEmail')}>
          {(a11y) => <input id={id('callerEmail')} type="email" className="case-input" data-testid="case-caller-email" autoComplete="off" maxLength={CASE_LIMITS.email * 2} value={draft.callerEmail ?? ''} onChange={(e) => change({ callerEmail: e.target.value })} onBlur={() => touch('callerEmail')} {...a11y} />}
        </Field>
      </div>
    </fieldset>
  );
}
