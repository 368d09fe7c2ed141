import type { InterpreterState } from '@sign-relay/shared';
import type { IconName } from './Icon.tsx';
import type { Tone } from './stateAppearance.ts';

/** How each desk state looks (desk and wallboard alike): an icon and a colour, always next to its word. */
export const INTERPRETER_STATE_APPEARANCE: Record<InterpreterState, { icon: IconName; tone: Tone }> = {
  available: { icon: 'check', tone: 'ok' },
  offered: { icon: 'bell', tone: 'waiting' },
  'in-call': { icon: 'video', tone: 'info' },
  'wrap-up': { icon: 'pen', tone: 'warn' },
  break: { icon: 'coffee', tone: 'neutral' },
  offline: { icon: 'power', tone: 'neutral' },
};
