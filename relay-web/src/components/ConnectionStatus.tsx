import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../media/connectionState.ts';
import { Icon } from './Icon.tsx';
import { STATE_APPEARANCE } from './stateAppearance.ts';

/** The call's state as text, icon and colour, announced politely to assistive technology. */
export function ConnectionStatus({ state, transports }: { state: ConnectionState; transports?: { send: string | null; recv: string | null } }): ReactElement {
  const { t } = useTranslation();
  const { icon, tone } = STATE_APPEARANCE[state];
  const busy = state === 'joining' || state === 'connecting' || state === 'reconnecting';
  return (
    <div
      className={`status status--${tone}`}
      data-testid="connection-state"
      data-state={state}
      data-send-transport={transports?.send ?? undefined}
      data-recv-transport={transports?.recv ?? undefined}
      role="status"
      aria-live="polite"
      aria-atomic="true"
    >
      <Icon name={icon} className={busy ? 'icon--spin' : undefined} />
      <span className="visually-hidden">{t('call.stateLabel')}: </span>
      <span className="status__text">{t(`state.${state}`)}</span>
    </div>
  );
}
