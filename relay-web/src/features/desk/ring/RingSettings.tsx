import { useId } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon.tsx';
import type { IconName } from '../../../components/Icon.tsx';
import type { Ring } from './ringSettings.ts';
import { useRingAlerts } from './useRingAlerts.ts';
import './ring.css';

const PERMISSION_ICON: Record<string, IconName> = { granted: 'check', denied: 'warning', default: 'bell', unsupported: 'warning' };

/**
 * The desk's extra ring alerts: a ring sound and a system notification, each switched on by the interpreter
 * (off at first) and remembered in this browser. Runs the alerts for every ring, video or text, also while
 * the settings are out of view (`hidden`, e.g. during a call).
 */
export function RingSettings({ rings, hidden = false }: { rings: readonly Ring[]; hidden?: boolean }): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const alerts = useRingAlerts(rings);
  const { sound, notify } = alerts.settings;
  const permission = alerts.permission;

  return (
    <section className="panel ring-settings" aria-labelledby={`${id}-title`} data-testid="ring-settings" hidden={hidden}>
      <h2 id={`${id}-title`}>
        <Icon name="bell" /> {t('deskRing.settingsTitle')}
      </h2>
      <p className="hint">{t('deskRing.settingsHint')}</p>
      <div className="ring-settings__rows">
        <div className="ring-settings__row">
          <button type="button" className="switch switch--available" data-testid="ring-sound" aria-pressed={sound} aria-describedby={`${id}-sound-hint`} onClick={() => alerts.setSound(!sound)}>
            <Icon name="speaker" />
            <span>{t('deskRing.sound')}</span>
            <span className="switch__state">{sound ? t('deskRing.on') : t('deskRing.off')}</span>
          </button>
          <button type="button" className="button button--quiet" data-testid="ring-sound-test" onClick={alerts.testSound}>
            <Icon name="speaker" />
            <span>{t('deskRing.test')}</span>
          </button>
          <p className="hint" id={`${id}-sound-hint`}>
            {t('deskRing.soundHint')}
          </p>
          {sound && alerts.soundBlocked && (
            <p className="notice notice--warn ring-settings__notice" role="status" data-testid="ring-sound-blocked">
              <Icon name="warning" className="notice__icon" />
              <span>{t('deskRing.soundBlocked')}</span>
            </p>
          )}
        </div>
        <div className="ring-settings__row">
          <button
            type="button"
            className="switch switch--available"
            data-testid="ring-notify"
            aria-pressed={notify}
            aria-describedby={`${id}-notify-hint ${id}-permission`}
            disabled={permission === 'unsupported'}
            onClick={() => void alerts.setNotify(!notify)}
          >
            <Icon name="bell" />
            <span>{t('deskRing.notify')}</span>
            <span className="switch__state">{notify ? t('deskRing.on') : t('deskRing.off')}</span>
          </button>
          <p className="hint" id={`${id}-notify-hint`}>
            {t('deskRing.notifyHint')}
          </p>
          <p
            id={`${id}-permission`}
            className={`ring-settings__permission ring-settings__permission--${permission}`}
            role="status"
            data-testid="ring-permission"
            data-permission={permission}
          >
            <Icon name={PERMISSION_ICON[permission] ?? 'bell'} />
            <span>{t(`deskRing.permission.${permission}`)}</span>
          </p>
        </div>
      </div>
    </section>
  );
}
