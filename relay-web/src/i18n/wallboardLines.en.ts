import type { Catalogue } from './catalogueShape.ts';

/** The wallboard's other lines in English; part of the en catalogue under `wallboardLines`. */
export const wallboardLinesEn: Catalogue['wallboardLines'] = {
  alarmTitle: 'Needs action',
  alarms: {
    'video-unstaffed': 'Waiting for video: {{count}} — no interpreter available',
    'chat-unstaffed': 'Waiting for text chat: {{count}} — no chat seat open',
    'callback-overdue': 'Call-backs waiting over {{hours}} h: {{count}}',
  },
  alarmLongest: 'longest {{time}}',
  chatsWaiting: 'Text chats waiting',
  seats: 'Seats: {{inUse}} in use · {{open}} open',
  callbacksOpen: 'Call-backs open',
  callbacksClaimed: 'Being handled: {{count}}',
  callbacksOldest: 'oldest {{time}}',
  callbacksNone: 'No call-backs waiting',
  signing: 'Signing',
  signingNone: 'Rested',
  fatigue: {
    ok: 'OK',
    amber: 'Rotate soon',
    red: 'Needs a break',
  },
  chatsActive: 'Text {{count}}',
  textOnly: 'Text chats only',
  chatsActiveLabel: 'Text chats in progress: {{count}}',
  signingRule: 'Signing: gaps between calls under {{gap}} min are no break; amber at {{amber}} min, red at {{red}} min.',
};
