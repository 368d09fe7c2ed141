import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.tsx';
import { formatDuration } from '../../util/time.ts';

/** After a call: time to finish the notes, counting down, and "ready for the next call". */
export function WrapUp({ leftSec, busy, onReady }: { leftSec: number | null; busy: boolean; onReady: () => void }): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="panel wrapup" aria-labelledby="wrapup-title">
      <h2 id="wrapup-title">
        <Icon name="pen" /> {t('wrapup.title')}
      </h2>
      <p className="wrapup__timer" data-testid="wrapup-timer" data-seconds={leftSec ?? 'unknown'}>
        <span className="wrapup__label">{t('wrapup.left')}</span>
        <span className="wrapup__time">{leftSec === null ? '—' : formatDuration(leftSec)}</span>
      </p>
      <p className="hint">{t('wrapup.hint')}</p>
      <button type="button" className="button button--primary button--large" data-testid="wrapup-end" onClick={onReady} disabled={busy}>
        <Icon name="check" />
        <span>{t('wrapup.ready')}</span>
      </button>
    </section>
  );
}
