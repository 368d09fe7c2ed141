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
  /** The picture full screen: whether it is, and the one button that enters and leaves it. */
  fullScreen?: { on: boolean; onToggle: () => void };
}

interface ToggleProps {
  testId: string;
  device: LocalDeviceState;
  labelOn: string;
  labelOff: string;
  iconOn: 'video' | 'mic';
  iconOff: 'video-off' | 'mic-off';
  onToggle: () => void;
}

/**
 * A device toggle that reads as one state: "鏡頭：開 / Camera: on" or "鏡頭：關 / Camera: off", in words,
 * icon and colour. aria-pressed is true while the device is off (like a mute button: pressed = held off),
 * which agrees with the words.
 */
function DeviceToggle({ testId, device, labelOn, labelOff, iconOn, iconOff, onToggle }: ToggleProps): ReactElement {
  const on = device.available && device.on;
  return (
    <button type="button" className={`control ${on ? 'control--on' : 'control--off'}`} data-testid={testId} aria-pressed={!on} disabled={!device.available} onClick={onToggle}>
      <Icon name={on ? iconOn : iconOff} className="control__icon" />
      <span className="control__label">{on ? labelOn : labelOff}</span>
    </button>
  );
}

/** Camera, microphone, full screen and hang-up: large, labelled, keyboard-usable. */
export function CallControls(props: CallControlsProps): ReactElement {
  const { t } = useTranslation();
  const { fullScreen } = props;
  return (
    <div className="controls" role="group" aria-label={t('call.controls')}>
      <DeviceToggle
        testId="toggle-camera"
        device={props.camera}
        labelOn={t('callView.cameraOn')}
        labelOff={t('callView.cameraOff')}
        iconOn="video"
        iconOff="video-off"
        onToggle={props.onToggleCamera}
      />
      <DeviceToggle testId="toggle-mic" device={props.mic} labelOn={t('callView.micOn')} labelOff={t('callView.micOff')} iconOn="mic" iconOff="mic-off" onToggle={props.onToggleMic} />
      {fullScreen && (
        <button
          type="button"
          className="control control--full"
          data-testid="full-screen"
          data-full={fullScreen.on}
          aria-keyshortcuts={fullScreen.on ? 'Escape' : undefined}
          onClick={fullScreen.onToggle}
        >
          <Icon name={fullScreen.on ? 'shrink' : 'expand'} className="control__icon" />
          <span className="control__label">{fullScreen.on ? t('callView.leaveFullScreen') : t('callView.fullScreen')}</span>
        </button>
      )}
      <button type="button" className="control control--hangup" data-testid="hangup" disabled={!props.canHangUp} onClick={props.onHangup}>
        <Icon name="hangup" className="control__icon" />
        <span className="control__label">{t('call.hangup')}</span>
      </button>
    </div>
  );
}
