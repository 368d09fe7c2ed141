import { useEffect, useId, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { BreakReason } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { CHOOSABLE_BREAK_REASONS } from './deskView.ts';
import type { ChoosableBreakReason, ChosenStatus } from './deskView.ts';

interface Props {
  pressed: ChosenStatus | null;
  enabled: boolean;
  breakReason: BreakReason | null;
  busy: boolean;
  onSet: (status: ChosenStatus, reason?: ChoosableBreakReason) => void;
  /** The desk takes text chats: "offline" here means no video calls only, and says so. */
  chatsOn?: boolean;
}

const isChoosable = (r: BreakReason | null): r is ChoosableBreakReason => r !== null && (CHOOSABLE_BREAK_REASONS as readonly string[]).includes(r);

/** Available / break (with a reason) / offline, as three large toggle buttons. */
export function StatusSwitch({ pressed, enabled, breakReason, busy, onSet, chatsOn = false }: Props): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState<ChoosableBreakReason>(isChoosable(breakReason) ? breakReason : 'rest');
  useEffect(() => {
    if (isChoosable(breakReason)) setReason(breakReason);
  }, [breakReason]);
  const disabled = !enabled || busy;

  return (
    <div className="status-switch" role="group" aria-labelledby={`${id}-label`}>
      <span className="status-switch__label" id={`${id}-label`}>
        {t('desk.myStatus')}
      </span>
      <button type="button" className="switch switch--available" data-testid="status-available" aria-pressed={pressed === 'available'} disabled={disabled} onClick={() => onSet('available')}>
        <Icon name="check" />
        <span>{t('desk.setAvailable')}</span>
      </button>
      <div className="status-switch__break">
        <button type="button" className="switch switch--break" data-testid="status-break" aria-pressed={pressed === 'break'} disabled={disabled} onClick={() => onSet('break', reason)}>
          <Icon name="coffee" />
          <span>{t('desk.setBreak')}</span>
        </button>
        <label className="status-switch__reason" htmlFor={`${id}-reason`}>
          <span>{t('desk.breakReason')}</span>
          <select
            id={`${id}-reason`}
            data-testid="break-reason"
            value={reason}
            disabled={disabled}
            onChange={(e) => {
              const next = e.target.value as ChoosableBreakReason;
              setReason(next);
              if (pressed === 'break') onSet('break', next);
            }}
          >
            {CHOOSABLE_BREAK_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`desk.breakReasons.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <button type="button" className="switch switch--offline" data-testid="status-offline" aria-pressed={pressed === 'offline'} disabled={disabled} onClick={() => onSet('offline')}>
        <Icon name="power" />
        <span>{chatsOn ? t('deskRing.videoOff') : t('desk.setOffline')}</span>
      </button>
    </div>
  );
}
