import { useEffect, useId, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseReceipt } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { useSurface } from '../../surface/surface.ts';
import { clockTime } from '../../util/time.ts';
import { CameraIcon } from './CaseIcons.tsx';
import { caseNumberGroups } from './caseNotices.ts';
import { CaseWords } from './CaseWords.tsx';
import './caseReceipt.css';

/** How long "copied" shows on the copy button. */
const COPIED_MS = 3_000;

/** "Copy number" on a personal device (never on a kiosk: its clipboard belongs to the next visitor). */
function CopyNumber({ number }: { number: string }): ReactElement | null {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), COPIED_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  const clipboard = globalThis.navigator?.clipboard;
  if (!clipboard) return null;
  return (
    <>
      <button
        type="button"
        className="button button--secondary case-receipt__copy"
        data-testid="case-receipt-copy"
        onClick={() => void clipboard.writeText(number).then(() => setCopied(true), () => undefined)}
      >
        <Icon name={copied ? 'check' : 'copy'} />
        <span>{copied ? t('readback.receipt.copied') : t('readback.receipt.copy')}</span>
      </button>
      <span className="visually-hidden" role="status">
        {copied ? t('readback.receipt.copied') : ''}
      </span>
    </>
  );
}

/**
 * A filed case's receipt: the number large, in its three groups (on a kiosk very large, to photograph), the
 * plain summary, the time it was filed and "take a photo of the number or write it down".
 */
export function CaseReceiptCard({ receipt }: { receipt: CaseReceipt }): ReactElement {
  const { t, i18n } = useTranslation();
  const id = useId();
  const kiosk = useSurface().kind === 'kiosk';
  const groups = caseNumberGroups(receipt.number);
  return (
    <section className={`case-receipt${kiosk ? ' case-receipt--kiosk' : ''}`} data-testid="case-receipt" data-number={receipt.number} tabIndex={-1} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="case-receipt__title">
        <Icon name="check" className="case-receipt__title-icon" />
        <span>{t('readback.receipt.title')}</span>
        <time className="case-receipt__time" dateTime={new Date(receipt.filedAt).toISOString()}>
          {t('readback.receipt.filedAt', { time: clockTime(receipt.filedAt, i18n.resolvedLanguage ?? i18n.language) })}
        </time>
      </h2>
      <div className="case-receipt__number-box">
        <p className="case-receipt__label">{t('readback.receipt.number')}</p>
        <p className="case-receipt__number" data-testid="case-receipt-number">
          {groups.map((g, i) => (
            <span key={i} className="case-receipt__group">
              {g}
              {i < groups.length - 1 && <span className="case-receipt__dash">-</span>}
            </span>
          ))}
        </p>
        <p className="case-receipt__hint">
          <CameraIcon className="case-receipt__hint-icon" />
          <span>{t('readback.receipt.hint')}</span>
        </p>
        {!kiosk && <CopyNumber number={receipt.number} />}
      </div>
      <CaseWords source={receipt} />
    </section>
  );
}
