/** The small parts every cases screen shows the same way: a service with its pictogram, a channel with its kiosk. */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseService } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { TopicPictogram } from '../../components/TopicPictogram.tsx';

/** A service's pictogram and name. */
export function ServiceLabel({ service }: { service: CaseService }): ReactElement {
  const { t } = useTranslation();
  return (
    <span className="cell-icon" data-service={service}>
      <TopicPictogram topic={service} />
      {t(`topics.${service}.name`)}
    </span>
  );
}

/** Where a case came in: the web, a kiosk (with its id) or the city's system (no channel). */
export function ChannelLabel({ channel, kioskId }: { channel: 'web' | 'kiosk' | null; kioskId: string | null }): ReactElement {
  const { t } = useTranslation();
  if (channel === 'kiosk') {
    return (
      <span className="cell-icon">
        <Icon name="kiosk" />
        {kioskId ? t('caseList.channels.kioskId', { id: kioskId }) : t('caseList.channels.kiosk')}
      </span>
    );
  }
  return (
    <span className="cell-icon">
      <Icon name={channel === 'web' ? 'web' : 'link'} />
      {channel === 'web' ? t('caseList.channels.web') : t('caseList.channels.none')}
    </span>
  );
}
