import { useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon.tsx';

/**
 * Plays the other side's sound (for interpreters and hearing parties; callers never need it).
 * If the browser blocks sound until a tap, offers a visible button to allow it.
 */
export function RemoteAudio({ track }: { track: MediaStreamTrack | null }): ReactElement {
  const { t } = useTranslation();
  const ref = useRef<HTMLAudioElement>(null);
  const [blocked, setBlocked] = useState(false);

  useEffect(() => {
    const audio = ref.current;
    if (!audio) return;
    audio.srcObject = track ? new MediaStream([track]) : null;
    if (track) audio.play().then(() => setBlocked(false), () => setBlocked(true));
  }, [track]);

  const enable = (): void => {
    ref.current?.play().then(() => setBlocked(false), () => setBlocked(true));
  };

  return (
    <>
      <audio ref={ref} data-testid="remote-audio" autoPlay hidden />
      {blocked && (
        <button type="button" className="button button--secondary" data-testid="enable-audio" onClick={enable}>
          <Icon name="speaker" />
          <span>{t('call.enableSound')}</span>
        </button>
      )}
    </>
  );
}
