import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseReceiptCard } from './CaseReceiptCard.tsx';
import { ReadBackCard } from './ReadBackCard.tsx';
import type { CaseNotices } from './useCaseNotices.ts';
import './caseReceipt.css';

interface Props {
  notices: CaseNotices;
  /** `aside`: beside or under the call's picture; `page`: a screen of its own (the chat, after the call). */
  placement: 'aside' | 'page';
  /** Names the list of receipts (after the call: "your cases this visit"). */
  listTitle?: boolean;
  /** The screen is a text chat (the caller writes, rather than signs, what to change). */
  inChat?: boolean;
}

/**
 * The caller's read-back (if one is on screen) above this visit's receipts, newest first. A receipt that arrives
 * while the screen is open takes the focus (it replaces the read-back the caller just answered).
 */
export function CaseNoticesPanel({ notices, placement, listTitle = false, inChat = false }: Props): ReactElement | null {
  const { t } = useTranslation();
  const list = useRef<HTMLDivElement>(null);
  const { readBack, receipts, justFiled, answer } = notices;

  const focused = useRef(justFiled);
  useEffect(() => {
    if (justFiled === null || focused.current === justFiled) return;
    focused.current = justFiled;
    const card = list.current?.querySelector<HTMLElement>(`[data-number="${justFiled}"]`);
    card?.focus({ preventScroll: true });
    // The number is what must be seen; the picture above it moves as little as that needs.
    (card?.querySelector('.case-receipt__number-box') ?? card)?.scrollIntoView?.({ block: 'nearest' });
  }, [justFiled]);

  if (!readBack && receipts.length === 0) return null;
  return (
    <div className={`case-notices case-notices--${placement}`} data-testid="case-notices">
      {readBack && <ReadBackCard key={readBack.readBack.id} view={readBack} onAnswer={answer} inChat={inChat} />}
      {receipts.length > 0 && (
        <div ref={list} className="case-notices__receipts">
          {listTitle && <h2 className="case-notices__title">{t('readback.receipt.listTitle')}</h2>}
          {receipts.map((r) => (
            <CaseReceiptCard key={r.number} receipt={r} />
          ))}
        </div>
      )}
    </div>
  );
}
