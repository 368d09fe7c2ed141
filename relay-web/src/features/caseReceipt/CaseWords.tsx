import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseService } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { TopicPictogram } from '../../components/TopicPictogram.tsx';
import { PlaceIcon } from './CaseIcons.tsx';
import { districtName, itemName, listLanguage } from './caseNames.ts';

/** The plain parts of a case a caller is shown (a read-back or a receipt). */
export interface CaseWordsSource {
  service: CaseService;
  dispatchItem: string | null;
  district: string | null;
  place: string | null;
  text: string;
}

/**
 * A case in plain words, one line each with its pictogram: the service (and the dispatch item), the place
 * (district and address), the short text. Labels are there for screen readers; the eye goes by the pictograms.
 */
export function CaseWords({ source, id }: { source: CaseWordsSource; id?: string }): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = listLanguage(i18n.resolvedLanguage ?? i18n.language);
  const item = source.dispatchItem ? itemName(source.dispatchItem, lang) : null;
  const where = [source.district ? t('readback.district', { name: districtName(source.district, lang) }) : null, source.place].filter((p): p is string => !!p);
  return (
    <dl className="case-words" id={id}>
      <div className="case-words__row case-words__row--what" data-testid="case-words-service" data-service={source.service}>
        <dt className="visually-hidden">{item ? t('readback.item') : t('readback.service')}</dt>
        <dd>
          <TopicPictogram topic={source.service} className="case-words__pictogram" />
          <span className="case-words__what">
            <span className={item ? 'case-words__service' : 'case-words__main'}>{t(`topics.${source.service}.name`)}</span>
            {item && (
              <span className="case-words__main" data-testid="case-words-item" data-code={source.dispatchItem}>
                {item}
              </span>
            )}
          </span>
        </dd>
      </div>
      {where.length > 0 && (
        <div className="case-words__row" data-testid="case-words-place" data-district={source.district ?? ''}>
          <dt className="visually-hidden">{t('readback.place')}</dt>
          <dd>
            <PlaceIcon className="case-words__icon" />
            <span className="case-words__place">
              {where.map((w, i) => (
                <span key={i}>{w}</span>
              ))}
            </span>
          </dd>
        </div>
      )}
      {source.text && (
        <div className="case-words__row" data-testid="case-words-text">
          <dt className="visually-hidden">{t('readback.text')}</dt>
          <dd>
            <Icon name="chat" className="case-words__icon" />
            <span className="case-words__text">{source.text}</span>
          </dd>
        </div>
      )}
    </dl>
  );
}
