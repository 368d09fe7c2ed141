import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalDeviceState } from '../media/CallSession.ts';
import { Icon } from './Icon.tsx';

interface CallControlsProps {
  camera: LocalDeviceState;
  mic: LocalDeviceState;
  canHangUp: boolean;
  onToggleCamera: () => void;
  onToggleMic: () => void;
  onHangup: () => void;
}

interface ToggleProps {
  testId: string;
  device: LocalDeviceState;
  label: string;
  iconOn: 'video' | 'mic';
  iconOff: 'video-off' | 'mic-off';
  onToggle: () => void;
}

/**
 * A mute-style device toggle: its label says what it does ("Camera off") and aria-pressed is true
 * while the device is off. The current state is also written out (hidden from screen readers,
 * which already hear "pressed").
 */
function DeviceToggle({ testId, device, label, iconOn, iconOff, onToggle }: ToggleProps): ReactElement {
  const { t } = useTranslation();
  const on = device.available && device.on;
  return (
    <button
      type="button"
      className={`control ${on ? 'control--on' : 'control--off'}`}
      data-testid={testId}
      aria-pressed={!on}
      disabled={!device.available}
      onClick={onToggle}
    >
      <Icon name={on ? iconOn : iconOff} className="control__icon" />
      <span className="control__label">{label}</span>
      <span className="control__state" aria-hidden="true">
        {on ? t('call.on') : t('call.off')}
      </span>
    </button>
  );
}

/** Camera, microphone and hang-up: large, labelled, keyboard-usable. */
export function CallControls(props: CallControlsProps): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="controls" role="group" aria-label={t('call.controls')}>
      <DeviceToggle
        testId="toggle-camera"
        device={props.camera}
        label={t('call.camera')}
        iconOn="video"
        iconOff="video-off"
        onToggle={props.onToggleCamera}
      />
      <DeviceToggle
        testId="toggle-mic"
        device={props.mic}
        label={t('call.mic')}
        iconOn="mic"
        iconOff="mic-off"
        onToggle={props.onToggleMic}
      />
      <button type="button" className="control control--hangup" data-testid="hangup" disabled={!props.canHangUp} onClick={props.onHangup}>
        <Icon name="hangup" className="control__icon" />
        <span className="control__label">{t('call.hangup')}</span>
      </button>
    </div>
  );
}
