import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.tsx';
import type { CallbackList } from './useCallbackList.ts';

/**
 * Previous / next under the desk's call-back list, with "page N, M open" between them. Plain buttons, so Tab and
 * Enter or Space work; a button that turns the last page (and so is disabled) hands the focus to the other one
 * rather than dropping it.
 */
export function CallbackPager({ list }: { list: CallbackList }): ReactElement | null {
  const { t } = useTranslation();
  const prev = useRef<HTMLButtonElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const moved = useRef<'prev' | 'next' | null>(null);
  const { page, pages, total } = list;

  useEffect(() => {
    if (moved.current === 'next' && page >= pages) prev.current?.focus();
    if (moved.current === 'prev' && page <= 1) next.current?.focus();
    moved.current = null;
  }, [page, pages]);

  if (total === null || pages <= 1) return null;
  const go = (to: 'prev' | 'next'): void => {
    moved.current = to;
    list.goToPage(to === 'prev' ? page - 1 : page + 1);
  };
  return (
    <nav className="callbacks__pager" aria-label={t('callbacks.pager.label')} data-testid="callbacks-pager">
      <button ref={prev} type="button" className="button button--secondary" data-testid="callbacks-page-prev" disabled={page <= 1} onClick={() => go('prev')}>
        <Icon name="back" />
        <span>{t('callbacks.pager.prev')}</span>
      </button>
      <p className="callbacks__where" aria-live="polite" data-testid="callbacks-page-of" data-page={page} data-pages={pages} data-total={total}>
        {t('callbacks.pager.where', { page, total })}
      </p>
      <button ref={next} type="button" className="button button--secondary" data-testid="callbacks-page-next" disabled={page >= pages} onClick={() => go('next')}>
        <span>{t('callbacks.pager.next')}</span>
        <Icon name="forward" />
      </button>
    </nav>
  );
}
