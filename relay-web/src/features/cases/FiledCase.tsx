import { useEffect, useId, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.tsx';
import type { FiledCase as Filed } from './useCaseWorkspace.ts';

/** The case just filed: its number large (to say to the city side or type into another system), with copy. */
export function FiledCase({ filed, onDismiss }: { filed: Filed; onDismiss: () => void }): ReactElement {
  const { t } = useTranslation();
  const titleId = useId();
  const [copied, setCopied] = useState(false);
  // The number is what the interpreter needs next: bring it into view (inside its pane) and put the focus on it.
  const box = useRef<HTMLElement>(null);
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
    box.current?.focus({ preventScroll: true });
  }, [filed.number]);
  const clipboard = globalThis.navigator?.clipboard;
  const copy = (): void => {
    clipboard?.writeText(filed.number).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <section ref={box} tabIndex={-1} className="case-filed" data-testid="case-filed" data-number={filed.number} aria-labelledby={titleId}>
      <h3 id={titleId} className="case-filed__title">
        <Icon name="check" /> {filed.duplicate ? t('cases.filed.duplicate') : t('cases.filed.title')}
      </h3>
      <p className="case-filed__label">{t('cases.filed.number')}</p>
      <p className="case-filed__number" data-testid="case-number" role="status">
        {filed.number}
      </p>
      <div className="case-filed__actions">
        {clipboard && (
          <button type="button" className="button button--secondary" data-testid="case-copy" onClick={copy}>
            <Icon name={copied ? 'check' : 'copy'} />
            <span>{copied ? t('cases.filed.copied') : t('cases.filed.copy')}</span>
          </button>
        )}
        <button type="button" className="button button--quiet" data-testid="case-filed-dismiss" onClick={onDismiss}>
          <span>{t('cases.filed.next')}</span>
        </button>
      </div>
    </section>
  );
}
