/**
 * The interpreter's choice of extra ring alerts (a chime, a system notification), kept per browser in
 * localStorage: the desk's computer, not the account, decides whether it may make a sound. Pure parsing.
 */
export interface RingSettings {
  sound: boolean;
  notify: boolean;
}

export const RING_SETTINGS_KEY = 'sign-relay.deskRing';

/** Both off until the interpreter turns them on: a booth may share its room. */
export const DEFAULT_RING_SETTINGS: RingSettings = { sound: false, notify: false };

/** Reads a stored value; anything unreadable is the default. */
export function parseRingSettings(raw: string | null): RingSettings {
  if (!raw) return DEFAULT_RING_SETTINGS;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null) return DEFAULT_RING_SETTINGS;
    const o = v as Record<string, unknown>;
    return { sound: o.sound === true, notify: o.notify === true };
  } catch {
    return DEFAULT_RING_SETTINGS;
  }
}

/** What the browser allows for system notifications (`unsupported` without the Notification API). */
export type NotifyPermission = 'granted' | 'denied' | 'default' | 'unsupported';

/** Whether notifications are shown: chosen and allowed. */
export function notifying(settings: RingSettings, permission: NotifyPermission): boolean {
  return settings.notify && permission === 'granted';
}

/** Something ringing on the desk: a video call or a text chat. */
export interface Ring {
  /** The entry or chat session: one notification per ring. */
  id: string;
  kind: 'video' | 'chat';
  topic: string | null;
  channel: 'web' | 'kiosk';
  kioskId: string | null;
  kioskVerified?: boolean | undefined;
}

/** Rings that started and ended between two lists (by id). */
export function ringChanges(before: readonly Ring[], after: readonly Ring[]): { started: Ring[]; ended: string[] } {
  const was = new Set(before.map((r) => r.id));
  const is = new Set(after.map((r) => r.id));
  return { started: after.filter((r) => !was.has(r.id)), ended: [...was].filter((id) => !is.has(id)) };
}

/** Everything ringing on the desk: the video call offered (if any) first, then the text chats. */
export function deskRings(
  video: { entryId: string; topic: string | null; channel: 'web' | 'kiosk'; kioskId: string | null; kioskVerified?: boolean | undefined } | null,
  chats: readonly { sessionId: string; topic: string | null; channel: 'web' | 'kiosk'; kioskId: string | null; kioskVerified?: boolean | undefined }[],
): Ring[] {
  const rings: Ring[] = [];
  if (video) rings.push({ id: video.entryId, kind: 'video', topic: video.topic, channel: video.channel, kioskId: video.kioskId, kioskVerified: video.kioskVerified });
  for (const c of chats) rings.push({ id: c.sessionId, kind: 'chat', topic: c.topic, channel: c.channel, kioskId: c.kioskId, kioskVerified: c.kioskVerified });
  return rings;
}
