import { useEffect, useId, useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReadBackAnswer } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { useSurface } from '../../surface/surface.ts';
import type { ReadBackView } from './caseNotices.ts';
import { CaseWords } from './CaseWords.tsx';
import './caseReceipt.css';

interface Props {
  view: ReadBackView;
  onAnswer: (answer: ReadBackAnswer) => void;
  /** In a text chat the caller writes what to change; in a call they sign it. */
  inChat?: boolean;
}

/**
 * Scrolls only when the card is not wholly in view within its scroll margins (the sticky call controls below;
 * on a phone, the interpreter's picture above), and then so that it starts where those margins say.
 */
function bringIntoView(el: HTMLElement): void {
  const style = getComputedStyle(el);
  const top = parseFloat(style.scrollMarginTop) || 0;
  const bottom = parseFloat(style.scrollMarginBottom) || 0;
  const r = el.getBoundingClientRect();
  if (r.top >= top && r.bottom <= window.innerHeight - bottom) return;
  el.scrollIntoView?.({ block: r.height + top + bottom <= window.innerHeight ? 'start' : 'nearest' });
}

/**
 * "Is this right?": what the interpreter is about to file, large and plain, with two big answers. It takes the
 * focus when a new one arrives (a screen reader reads its title and summary) and is brought into view only as
 * far as needed, so the interpreter's picture stays on screen. After the answer it says what was sent.
 */
export function ReadBackCard({ view, onAnswer, inChat = false }: Props): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const surface = useSurface();
  const card = useRef<HTMLElement>(null);
  const { readBack, sending, answer, error } = view;
  const state = answer ? 'answered' : sending ? 'sending' : 'pending';

  useEffect(() => {
    const el = card.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    bringIntoView(el);
  }, [readBack.id]);

  const button = (choice: ReadBackAnswer): ReactElement => (
    <button
      type="button"
      className={`readback__answer readback__answer--${choice}`}
      data-testid={`readback-${choice}`}
      disabled={sending !== null}
      aria-busy={sending === choice}
      onClick={() => onAnswer(choice)}
    >
      <Icon name={choice === 'correct' ? 'check' : 'pen'} className="readback__answer-icon" />
      <span>{sending === choice ? t('readback.sending') : t(`readback.${choice}`)}</span>
    </button>
  );

  return (
    <section
      ref={card}
      className={`readback readback--${state}${surface.kind === 'kiosk' ? ' readback--kiosk' : ''}`}
      data-testid="readback-card"
      data-readback-id={readBack.id}
      data-state={state}
      data-answer={answer ?? ''}
      tabIndex={-1}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-words`}
    >
      <h2 id={`${id}-title`} className="readback__title">
        <Icon name="hands" className="readback__title-icon" />
        <span>{t('readback.title')}</span>
      </h2>
      <p className="readback__lead">{t('readback.lead')}</p>
      <CaseWords source={readBack} id={`${id}-words`} />
      {answer ? (
        <div className={`readback__sent readback__sent--${answer}`} role="status" data-testid="readback-sent">
          <Icon name={answer === 'correct' ? 'check' : 'pen'} className="readback__sent-icon" />
          <p>
            <strong>{answer === 'correct' ? t('readback.sentCorrect') : t('readback.sentChange')}</strong>
            <span>{answer === 'correct' ? t('readback.afterCorrect') : inChat ? t('readback.afterChangeChat') : t('readback.afterChange')}</span>
          </p>
        </div>
      ) : (
        <>
          <div role="alert">
            {error && (
              <p className="notice notice--error readback__error" data-testid="readback-error" data-error={error}>
                <Icon name="warning" className="notice__icon" />
                <span>{error === 'NOT_FOUND' ? t('readback.replaced') : t('readback.failed')}</span>
              </p>
            )}
          </div>
          <div className="readback__answers">
            {button('correct')}
            {button('change')}
          </div>
        </>
      )}
    </section>
  );
}
