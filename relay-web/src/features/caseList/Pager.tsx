import { useId } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.tsx';
import { PAGE_SIZES } from './caseFilters.ts';

interface Props {
  page: number;
  pages: number;
  pageSize: number;
  onPage(page: number): void;
  onPageSize(size: number): void;
}

/** Previous / next, "page x of y" and the page size. */
export function Pager({ page, pages, pageSize, onPage, onPageSize }: Props): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  return (
    <nav className="pager" aria-label={t('caseList.pager.label')} data-testid="pager">
      <button type="button" className="button button--secondary" data-testid="page-prev" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        <Icon name="back" />
        <span>{t('caseList.pager.prev')}</span>
      </button>
      <p className="pager__where" data-testid="page-of" data-page={page} data-pages={pages}>
        {t('caseList.pager.page', { page, pages })}
      </p>
      <button type="button" className="button button--secondary" data-testid="page-next" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        <span>{t('caseList.pager.next')}</span>
        <Icon name="forward" />
      </button>
      <span className="pager__size">
        <label htmlFor={`${id}-size`}>{t('caseList.pager.size')}</label>
        <select id={`${id}-size`} data-testid="page-size" value={pageSize} onChange={(e) => onPageSize(Number(e.target.value))}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </span>
    </nav>
  );
}
