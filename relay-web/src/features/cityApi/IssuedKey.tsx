import { useId, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.tsx';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.ts';

type Copy = 'idle' | 'copied' | 'failed';

/** Copies text: the Clipboard API where the page may use it, else the selection (older or locked-down browsers). */
async function copyText(text: string, fallback: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallback) return false;
    const range = document.createRange();
    range.selectNodeContents(fallback);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return document.execCommand('copy');
  }
}

/**
 * The key just issued, shown this once: a copy button and the plain warning that it cannot be seen again.
 * Its heading takes focus, so a screen reader reads the warning before anything else.
 */
export function IssuedKey({ name, apiKey, onDone }: { name: string; apiKey: string; onDone(): void }): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const heading = useFocusOnMount();
  const keyText = useRef<HTMLElement>(null);
  const [copy, setCopy] = useState<Copy>('idle');

  const onCopy = (): void => {
    void copyText(apiKey, keyText.current).then((ok) => setCopy(ok ? 'copied' : 'failed'));
  };

  return (
    <section className="notice notice--warn notice--big issued-key" aria-labelledby={`${id}-title`} data-testid="issued-key">
      <div className="notice__body">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1} className="issued-key__title">
          <Icon name="warning" className="issued-key__icon" /> {t('cityApi.issued.title', { name })}
        </h2>
        <p className="issued-key__warning">
          {t('cityApi.issued.warning')}
        </p>
        <p className="issued-key__label">
          {t('cityApi.issued.keyLabel')}
        </p>
        <code ref={keyText} className="issued-key__value" data-testid="issued-key-value">
          {apiKey}
        </code>
        <div className="issued-key__actions">
          <button type="button" className="button button--primary" data-testid="copy-key" onClick={onCopy}>
            <Icon name={copy === 'copied' ? 'check' : 'copy'} />
            <span>{t('cityApi.issued.copy')}</span>
          </button>
          <button type="button" className="button button--secondary" data-testid="issued-done" onClick={onDone}>
            <Icon name="check" />
            <span>{t('cityApi.issued.done')}</span>
          </button>
        </div>
        <p role="status" className="issued-key__status" data-testid="copy-status">
          {copy === 'copied' && (
            <>
              <Icon name="check" /> {t('cityApi.issued.copied')}
            </>
          )}
          {copy === 'failed' && t('cityApi.issued.copyFailed')}
        </p>
      </div>
    </section>
  );
}
