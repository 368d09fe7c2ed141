import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CallId } from '@sign-relay/shared';
import { interpreterPath } from '../util/callId.ts';
import { Icon } from './Icon.tsx';

type CopyState = 'idle' | 'copied' | 'failed';

/** The call id and the link an interpreter opens to join, with a copy button. */
export function ShareCall({ callId }: { callId: CallId }): ReactElement {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<CopyState>('idle');
  const path = interpreterPath(callId);
  const url = `${window.location.origin}${path}`;

  const onCopy = (): void => {
    const clipboard = navigator.clipboard;
    if (!clipboard) {
      setCopy('failed');
      return;
    }
    clipboard.writeText(url).then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );
  };

  return (
    <section className="share" aria-labelledby="share-title">
      <dl className="share__facts">
        <div>
          <dt>{t('caller.callId')}</dt>
          <dd>
            <code data-testid="call-id">{callId}</code>
          </dd>
        </div>
        <div>
          <dt id="share-title">{t('caller.interpreterLink')}</dt>
          <dd>
            <Link to={path} data-testid="interpreter-link" className="share__link" target="_blank" rel="noopener">
              <Icon name="link" />
              <span>{url}</span>
            </Link>
            <p className="hint">{t('caller.interpreterLinkHint')}</p>
          </dd>
        </div>
      </dl>
      <button type="button" className="button button--secondary" data-testid="copy-interpreter-link" onClick={onCopy}>
        <Icon name={copy === 'copied' ? 'check' : 'copy'} />
        <span>{t('caller.copy')}</span>
      </button>
      <p className="share__feedback" role="status" aria-live="polite">
        {copy === 'copied' ? t('caller.copied') : copy === 'failed' ? t('caller.copyFailed') : ''}
      </p>
    </section>
  );
}
