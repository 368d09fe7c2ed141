import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceTopic } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import type { IconName } from '../../components/Icon.tsx';
import { TopicPictogram } from '../../components/TopicPictogram.tsx';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.ts';
import { CameraCheckPanel } from '../cameraCheck/CameraCheckPanel.tsx';
import type { CameraCheck } from '../cameraCheck/useCameraCheck.ts';
import type { GenderChoice } from './callerFlow.ts';

const CHOICES: { value: GenderChoice; icon: IconName }[] = [
  { value: 'any', icon: 'users' },
  { value: 'female', icon: 'female' },
  { value: 'male', icon: 'male' },
];

interface Props {
  topic: ServiceTopic | null;
  gender: GenderChoice;
  onGender: (gender: GenderChoice) => void;
  onJoin: () => void;
  onBack: () => void;
  /** The caller's own camera, checked here before they join (joining without one is allowed). */
  camera: CameraCheck;
}

/** The chosen topic, an optional interpreter-gender preference (best effort), the camera check, and "join the line". */
export function PreferencesScreen({ topic, gender, onGender, onJoin, onBack, camera }: Props): ReactElement {
  const { t } = useTranslation();
  const heading = useFocusOnMount();
  return (
    <section className="flow" aria-labelledby="prefs-title">
      <h1 id="prefs-title" ref={heading} tabIndex={-1}>
        {t('prefs.title')}
      </h1>
      <div className="chosen-topic" data-testid="chosen-topic" data-topic={topic ?? 'none'}>
        <TopicPictogram topic={topic} className="chosen-topic__icon" />
        <span>
          <span className="chosen-topic__label">{t('prefs.topic')}</span> {topic ? t(`topics.${topic}.name`) : t('prefs.noTopic')}
        </span>
        <button type="button" className="button button--quiet" onClick={onBack} data-testid="change-topic">
          <Icon name="back" />
          <span>{t('prefs.change')}</span>
        </button>
      </div>
      <fieldset className="choices" aria-describedby="gender-explain">
        <legend>{t('prefs.genderLegend')}</legend>
        <div className="choices__options">
          {CHOICES.map(({ value, icon }) => (
            <label key={value} className="choice" data-testid={`gender-${value}`} data-checked={gender === value}>
              <input type="radio" name="gender" value={value} checked={gender === value} onChange={() => onGender(value)} />
              <Icon name={icon} className="choice__icon" />
              <span className="choice__label">{t(`prefs.gender.${value}`)}</span>
            </label>
          ))}
        </div>
        <p className="hint" id="gender-explain">
          <Icon name="clock" /> {t('prefs.genderExplain')}
        </p>
      </fieldset>
      {/* The camera check beside "join" (below it on a phone): seen before joining, never in the way of it. */}
      <div className="prefs__go">
        <CameraCheckPanel check={camera} variant="compact" />
        <button type="button" className="big-action big-action--wide" data-testid="queue-join" onClick={onJoin}>
          <span className="big-action__pictogram" aria-hidden="true">
            <Icon name="hands" />
          </span>
          <span className="big-action__label">{t('prefs.join')}</span>
        </button>
      </div>
    </section>
  );
}
