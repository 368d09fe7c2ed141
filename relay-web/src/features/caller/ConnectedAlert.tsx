import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.tsx';
import { VIBRATION, vibrate } from '../../util/vibrate.ts';

/** How long the "an interpreter answered" alert covers the screen. */
export const CONNECTED_ALERT_MS = 4_000;

/**
 * The strong signal that an interpreter answered: the whole screen turns green and pulses slowly (at most
 * once a second, far below the flash threshold), a banner says it in words, and the phone vibrates.
 * Clicks pass through to the call underneath.
 */
export function ConnectedAlert({ since }: { since: number }): ReactElement | null {
  const { t } = useTranslation();
  const [shown, setShown] = useState(() => Date.now() - since < CONNECTED_ALERT_MS);
  useEffect(() => {
    if (!shown) return;
    vibrate(VIBRATION.answered);
    const timer = setTimeout(() => setShown(false), Math.max(0, since + CONNECTED_ALERT_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [shown, since]);
  if (!shown) return null;
  return (
    <div className="answered" data-testid="queue-connected-alert" role="alert">
      <div className="answered__banner">
        <Icon name="hands" className="answered__icon" />
        <p className="answered__title">{t('queue.connectedTitle')}</p>
        <p className="answered__body">{t('queue.connectedBody')}</p>
      </div>
    </div>
  );
}
