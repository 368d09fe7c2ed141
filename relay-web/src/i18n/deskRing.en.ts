import type { Catalogue } from './catalogueShape.ts';

/** The desk's ring settings and its state while taking text chats, in English; under `deskRing`. */
export const deskRingEn: Catalogue['deskRing'] = {
  settingsTitle: 'Ring alerts',
  settingsHint: 'The screen always flashes. These are extra alerts, remembered on this computer only.',
  sound: 'Ring sound',
  soundHint: 'A chime for calls and text chats until answered or over.',
  test: 'Test',
  notify: 'System notification',
  notifyHint: 'A notification pops up even when another window is in front.',
  on: 'On',
  off: 'Off',
  permission: {
    granted: 'Notifications allowed.',
    denied: 'The browser blocks notifications. Allow “Notifications” in the site settings (left of the address bar), then turn this on again.',
    default: 'Turning this on, the browser asks whether to allow notifications.',
    unsupported: 'This browser has no system notifications.',
  },
  soundBlocked: 'The browser cannot play sound yet: click anywhere on this page first.',
  notifyVideo: 'Video call',
  notifyChat: 'Text chat',
  notifyBody: 'Topic: {{topic}} · From: {{source}}',
  chatsState: 'Text chats ({{active}}/{{seats}})',
  chatsTaking: 'Taking text chats',
  chatsStateLabel: 'Video off, taking text chats',
  idleChats: 'Video off, taking text chats',
  idleChatsHint: 'Text chats appear below. Press “Available” to take video calls.',
  videoOff: 'No video',
};
