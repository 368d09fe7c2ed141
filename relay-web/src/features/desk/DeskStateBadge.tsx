import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { BreakReason } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { INTERPRETER_STATE_APPEARANCE } from '../../components/interpreterState.ts';
import { formatDuration } from '../../util/time.ts';
import type { DeskPanel } from './deskView.ts';

/** The desk's state as word, icon and colour, with the time spent in it. */
export function DeskStateBadge({ panel, elapsedSec, breakReason }: { panel: DeskPanel; elapsedSec: number; breakReason: BreakReason | null }): ReactElement {
  const { t } = useTranslation();
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
