import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { dispatchItem, district as districtOf } from '@sign-relay/shared';
import type { CaseSummary } from '@sign-relay/shared';
import { TopicPictogram } from '../../components/TopicPictogram.tsx';

const dateFormat = new Map<string, Intl.DateTimeFormat>();
function shortDate(ms: number, lang: string): string {
  let f = dateFormat.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Asia/Taipei' });
    dateFormat.set(lang, f);
  }
  return f.format(ms);
}

/** Cases as a short list: number, service (or item), district, status, date. No personal data. */
export function CaseList({ cases, testId }: { cases: readonly CaseSummary[]; testId: string }): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const en = lang === 'en';
  return (
    <ul className="case-list" data-testid={testId}>
      {cases.map((c) => {
        const item = c.dispatchItem ? dispatchItem(c.dispatchItem) : undefined;
        const d = c.district ? districtOf(c.district) : undefined;
        return (
          <li key={c.id} className="case-list__row" data-testid="case-list-row" data-number={c.number}>
            <span className="case-list__number">{c.number}</span>
            <span className="case-list__what">
              <TopicPictogram topic={c.service} />
              <span>{item ? `${item.code} ${en ? item.en : item.zh}` : t(`cases.service.${c.service}`)}</span>
              {d && <span className="case-list__district">{en ? d.en : d.zh}</span>}
            </span>
            <span className={`pill pill--${c.status === 'closed' ? 'neutral' : c.status === 'open' ? 'info' : 'waiting'}`}>{t(`cases.earlier.status.${c.status}`)}</span>
            <time className="case-list__date" dateTime={new Date(c.createdAt).toISOString()}>
              {shortDate(c.createdAt, lang)}
            </time>
          </li>
        );
      })}
    </ul>
  );
}
