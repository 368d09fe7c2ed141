import type { ConnectionState } from '../media/connectionState.ts';
import type { IconName } from './Icon.tsx';

/** The colour family of a state; each pairs with text, never alone. */
export type Tone = 'neutral' | 'info' | 'waiting' | 'ok' | 'warn' | 'error';

/** How each connection state looks: an icon and a colour, always next to its text. */
export const STATE_APPEARANCE: Record<ConnectionState, { icon: IconName; tone: Tone }> = {
  idle: { icon: 'hourglass', tone: 'neutral' },
  joining: { icon: 'sync', tone: 'info' },
  'waiting-for-peer': { icon: 'hourglass', tone: 'waiting' },
  connecting: { icon: 'sync', tone: 'info' },
  connected: { icon: 'check', tone: 'ok' },
  reconnecting: { icon: 'sync', tone: 'warn' },
  failed: { icon: 'warning', tone: 'error' },
  ended: { icon: 'hangup', tone: 'neutral' },
};
