import { useId } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseContext, CaseSummary } from '@sign-relay/shared';
import { district as districtOf } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { TopicPictogram } from '../../components/TopicPictogram.tsx';
import { CaseList } from './EarlierCases.tsx';
import { callerSourceLabel } from '../desk/callerSource.ts';

/**
 * Who is calling, as far as the service knows: the topic they chose, the channel, the kiosk's site, the contact
 * they left, the cases filed from this call, and earlier cases of this caller or kiosk.
 */
export function CallerDetails({ context, filedHere }: { context: CaseContext | null; filedHere: readonly CaseSummary[] }): ReactElement {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const en = (i18n.resolvedLanguage ?? i18n.language) === 'en';
  if (!context) return <p className="hint">{t('cases.form.loading')}</p>;
  const { topic, channel, kiosk, kioskId, contact, earlier } = context;
  const kioskDistrict = kiosk?.district ? districtOf(kiosk.district) : undefined;
  const contactText = contact ? [contact.name, contact.phone, contact.email].filter(Boolean).join(' · ') : '';
  return (
    <div className="caller-details" data-testid="caller-details">
      <dl className="caller-details__facts">
        <div>
          <dt>{t('cases.caller.topic')}</dt>
          <dd data-testid="caller-topic" data-topic={topic ?? ''}>
            <TopicPictogram topic={topic} />
            <span>{topic ? t(`topics.${topic}.name`) : t('offer.noTopic')}</span>
          </dd>
        </div>
        <div>
          <dt>{t('cases.caller.channel')}</dt>
          <dd data-testid="caller-channel" data-channel={channel}>
            <Icon name={channel === 'kiosk' ? 'kiosk' : 'web'} />
            <span>{callerSourceLabel(t, context)}</span>
          </dd>
        </div>
        {channel === 'kiosk' && (
          <div>
            <dt>{t('cases.caller.kiosk')}</dt>
            <dd data-testid="caller-kiosk">
              <Icon name="home" />
              <span>{kiosk ? [en ? kiosk.nameEn : kiosk.nameZh, kioskDistrict ? (en ? kioskDistrict.en : kioskDistrict.zh) : null, kiosk.address].filter(Boolean).join(' · ') : (kioskId ?? t('cases.caller.none'))}</span>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('cases.caller.contact')}</dt>
          <dd data-testid="caller-contact">
            <Icon name="phone" />
            <span>{contactText || t('cases.caller.none')}</span>
          </dd>
        </div>
      </dl>
      {filedHere.length > 0 && (
        <section aria-labelledby={`${uid}-here`}>
          <h3 id={`${uid}-here`} className="caller-details__title">
            {t('cases.earlier.here')}
          </h3>
          <CaseList cases={filedHere} testId="cases-filed-here" />
        </section>
      )}
      <section aria-labelledby={`${uid}-earlier`}>
        <h3 id={`${uid}-earlier`} className="caller-details__title">
          {t('cases.earlier.title')}
        </h3>
        {earlier.length === 0 ? <p className="hint">{t('cases.earlier.none')}</p> : <CaseList cases={earlier} testId="cases-earlier" />}
      </section>
    </div>
  );
}
