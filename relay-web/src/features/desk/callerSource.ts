import type { TFunction } from 'i18next';

/** Where a caller is calling from, as staff see it wherever a call or chat is named. */
export interface CallerSource {
  channel: 'web' | 'kiosk';
  kioskId: string | null;
  /** Whether the kiosk proved it is the kiosk it names; anything short of true is shown as unverified. */
  kioskVerified?: boolean | undefined;
}

/**
 * "Web", or the kiosk's name; a kiosk that did not prove its identity says so in words ("(unverified)"), since
 * anyone can claim a kiosk's name and staff must not send help to a place on that claim alone.
 */
export function callerSourceLabel(t: TFunction, s: CallerSource): string {
  if (s.channel !== 'kiosk') return t('channel.web');
  const id = s.kioskId ?? '?';
  return s.kioskVerified === true ? t('channel.kioskId', { id }) : t('channel.kioskIdUnverified', { id });
}
