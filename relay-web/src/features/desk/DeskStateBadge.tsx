import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { BreakReason } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { INTERPRETER_STATE_APPEARANCE } from '../../components/interpreterState.ts';
import { formatDuration } from '../../util/time.ts';
import type { DeskPanel } from './deskView.ts';

/** Text chats this desk takes (chosen on, or still carried), for the state of a desk whose video is off. */
export interface DeskChatsTaken {
  active: number;
  seats: number | null;
}

/**
 * The desk's state as word, icon and colour, with the time spent in it. A desk whose video is offline but
 * that takes text chats is not "offline": it says it is in text chats (how many of how many seats).
 */
export function DeskStateBadge({ panel, elapsedSec, breakReason, chats = null }: { panel: DeskPanel; elapsedSec: number; breakReason: BreakReason | null; chats?: DeskChatsTaken | null }): ReactElement {
  const { t } = useTranslation();
  if (panel === 'offline' && chats) {
    return (
      <div className="status status--info desk-state" data-testid="desk-state" data-state={panel} data-chats={chats.active} role="status" aria-live="polite" aria-atomic="true">
        <Icon name="chat" />
        <span className="visually-hidden">{t('desk.stateLabel')}: </span>
        <span className="status__text">
          {chats.active > 0 && chats.seats !== null ? t('deskRing.chatsState', { active: chats.active, seats: chats.seats }) : t('deskRing.chatsTaking')}
          <span className="visually-hidden"> · {t('deskRing.chatsStateLabel')}</span>
        </span>
      </div>
    );
  }
  const { icon, tone } = INTERPRETER_STATE_APPEARANCE[panel];
  return (
    <div className={`status status--${tone} desk-state`} data-testid="desk-state" data-state={panel} role="status" aria-live="polite" aria-atomic="true">
      <Icon name={icon} />
      <span className="visually-hidden">{t('desk.stateLabel')}: </span>
      <span className="status__text">
        {t(`interpreterState.${panel}`)}
        {panel === 'break' && breakReason && <span className="desk-state__reason"> · {t(`desk.breakReasons.${breakReason}`)}</span>}
      </span>
      <span className="desk-state__time" aria-hidden="true">
        {formatDuration(elapsedSec)}
      </span>
    </div>
  );
}
