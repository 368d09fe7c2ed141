import { useId, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Icon } from '../../components/Icon.tsx';
import { findCallId, interpreterPath } from '../../util/callId.ts';

/** Where an interpreter enters a call id (or pastes the caller's link) to join. */
export function InterpreterPage(): ReactElement {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  const inputId = useId();

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const callId = findCallId(value);
    if (!callId) {
      setInvalid(true);
      return;
    }
    navigate(interpreterPath(callId));
  };

  return (
    <div className="interpreter">
      <h1>
        <Icon name="headset" /> {t('interpreter.title')}
      </h1>
      <form className="join-form" onSubmit={onSubmit} noValidate aria-labelledby="join-title">
        <h2 id="join-title">{t('interpreter.joinTitle')}</h2>
        <label htmlFor={inputId}>{t('interpreter.callIdLabel')}</label>
        <p className="hint" id={`${inputId}-hint`}>
          {t('interpreter.callIdHint')}
        </p>
        <input
          id={inputId}
          data-testid="join-call-id"
          type="text"
          inputMode="text"
          autoComplete="off"
          spellCheck={false}
          value={value}
          aria-invalid={invalid}
          aria-describedby={`${inputId}-hint${invalid ? ` ${inputId}-error` : ''}`}
          onChange={(e) => {
            setValue(e.target.value);
            setInvalid(false);
          }}
        />
        {invalid && (
          <p className="field-error" id={`${inputId}-error`} data-testid="join-call-error" role="alert">
            <Icon name="warning" /> {t('interpreter.invalidId')}
          </p>
        )}
        <button type="submit" className="button button--primary button--large" data-testid="join-call">
          <Icon name="video" />
          <span>{t('interpreter.join')}</span>
        </button>
      </form>
    </div>
  );
}
