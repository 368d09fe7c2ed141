import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.tsx';
import { MediaVideo } from '../../components/MediaVideo.tsx';
import { useSurface } from '../../surface/surface.ts';
import type { CameraCheck } from './useCameraCheck.ts';
import './cameraCheck.css';

interface Props {
  check: CameraCheck;
  /** `compact` beside the join button (a small picture, the words beside it); `full` on the waiting screen. */
  variant: 'compact' | 'full';
}

/**
 * The caller's own picture and what the check found: the browser is being asked; the camera works (frame upper
 * body and both hands); or it is blocked, missing or won't start — with what to do, a retry, and the word that
 * the line can be joined without one. Every state is seen, none heard.
 */
export function CameraCheckPanel({ check, variant }: Props): ReactElement {
  const { t } = useTranslation();
  const { state, track } = check;
  const failed = state !== 'checking' && state !== 'ok';
  // A kiosk's visitor has no browser settings to change: the staff on site can.
  const kiosk = useSurface().kind === 'kiosk';
  return (
    <section className={`camera-check camera-check--${variant} camera-check--${failed ? 'failed' : state}`} data-testid="camera-check" data-state={state} aria-labelledby={`camera-check-title-${variant}`}>
      <h2 id={`camera-check-title-${variant}`} className="camera-check__title">
        <Icon name={failed ? 'video-off' : 'video'} /> {t('callerPath.camera.title')}
      </h2>
      <div className="camera-check__view">
        {track ? (
          <MediaVideo track={track} testId="camera-preview" className="camera-check__video" mirrored label={t('callerPath.camera.selfView')} />
        ) : (
          <div className="camera-check__none" aria-hidden="true">
            <Icon name={state === 'checking' ? 'hourglass' : 'video-off'} />
          </div>
        )}
      </div>
      {/* A live region that is always there, so the answer is announced when it comes. */}
      <div className="camera-check__words" role="status" aria-live="polite">
        {state === 'checking' && (
          <>
            <p className="camera-check__state">{t('callerPath.camera.checking')}</p>
            <p className="camera-check__hint">{t('callerPath.camera.checkingHint')}</p>
          </>
        )}
        {state === 'ok' && (
          <>
            <p className="camera-check__state camera-check__state--ok" data-testid="camera-ok">
              <Icon name="check" /> {t('callerPath.camera.ok')}
            </p>
            <p className="camera-check__hint camera-check__frame">
              <Icon name="hands" /> {t('callerPath.camera.frame')}
            </p>
          </>
        )}
        {failed && (
          <div className="camera-check__problem" data-testid="camera-problem" data-error={state}>
            <p className="camera-check__state camera-check__state--bad">
              <Icon name="warning" /> {t(`callerPath.camera.${state}.title`)}
            </p>
            <p>{kiosk ? t('callerPath.camera.kioskHelp') : t(`callerPath.camera.${state}.body`)}</p>
            <p className="camera-check__hint">{t('callerPath.camera.without')}</p>
          </div>
        )}
      </div>
      {failed && (
        <div className="camera-check__actions">
          <button type="button" className="button button--secondary" data-testid="camera-check-retry" onClick={check.retry}>
            <Icon name="sync" />
            <span>{t('callerPath.camera.retry')}</span>
          </button>
        </div>
      )}
    </section>
  );
}
