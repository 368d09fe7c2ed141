import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatQueueStatus } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { waitEstimate } from '../../util/time.ts';

interface Props {
  status: ChatQueueStatus | null;
  leaving: boolean;
  onLeave: () => void;
}

/** The caller's place in the chat line, the estimate in words, and the way out. */
export function ChatWaitCard({ status, leaving, onLeave }: Props): ReactElement {
  const { t } = useTranslation();
  const offered = status?.state === 'offered';
  const estimate = waitEstimate(status ? status.estimatedWaitSec : null);
  const waitWords = estimate.kind === 'unknown' ? t('chat.waitUnknown') : estimate.kind === 'under-minute' ? t('queue.waitUnderMinute') : t('queue.waitMinutes', { count: estimate.minutes });
  return (
    <section className={`chat-wait${offered ? ' chat-wait--offered' : ''}`} aria-labelledby="chat-wait-title" data-testid="chat-waiting">
      <h2 id="chat-wait-title" className="visually-hidden">
        {t('chat.waitingTitle')}
      </h2>
      <p className="waiting__place">
        <span className="waiting__label">{t('queue.positionLabel')}</span>
        <span className="waiting__circle chat-wait__circle">
          <span className="waiting__ring" aria-hidden="true" />
          <span className="waiting__position" data-testid="chat-position" data-position={status?.position ?? ''}>
            {status?.position ?? '–'}
          </span>
        </span>
      </p>
      <div role="status" aria-live="polite" aria-atomic="true" className="waiting__facts">
        <p className={`waiting__state waiting__state--${offered ? 'offered' : 'waiting'}`} data-testid="chat-state" data-state={offered ? 'offered' : 'waiting'}>
          <Icon name={offered ? 'bell' : 'hourglass'} />
          <span>{offered ? t('chat.stateOffered') : t('chat.stateWaiting')}</span>
        </p>
        {!offered && (
          <p className="waiting__wait" data-testid="chat-wait" data-seconds={status?.estimatedWaitSec ?? 'unknown'}>
            <Icon name="clock" />
            <span>
              <span className="waiting__wait-label">{t('queue.waitLabel')}</span> <strong>{status ? waitWords : '…'}</strong>
            </span>
          </p>
        )}
      </div>
      <button type="button" className="button button--danger-outline button--large" data-testid="chat-end" onClick={onLeave} disabled={leaving} aria-busy={leaving}>
        <Icon name="logout" />
        <span>{leaving ? t('chat.leaving') : t('chat.leave')}</span>
      </button>
    </section>
  );
}
