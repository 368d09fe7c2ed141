import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraErrorKind } from '../media/userMedia.ts';
import { Icon } from './Icon.tsx';

/** Why our camera is not working, what to do, and a retry. The call goes on meanwhile. */
export function CameraError({ kind, onRetry }: { kind: CameraErrorKind; onRetry: () => void }): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="notice notice--error" data-testid="camera-error" data-error={kind} role="alert">
      <Icon name="video-off" className="notice__icon" />
      <div className="notice__body">
        <p className="notice__title">{t(`cameraError.${kind}`)}</p>
        <p>{t('cameraError.stillSee')}</p>
      </div>
      <button type="button" className="button button--secondary" data-testid="camera-retry" onClick={onRetry}>
        <Icon name="sync" />
        <span>{t('cameraError.retry')}</span>
      </button>
    </div>
  );
}
