/**
 * The wallboard's other lines in Traditional Chinese (Taiwan): text chats, call-backs, signing without a
 * break, and the alarms; part of the zhTW catalogue under `wallboardLines`.
 */
export const wallboardLinesZhTW = {
  alarmTitle: '需要處理',
  alarms: {
    'video-unstaffed': '視訊有 {{count}} 人在等，沒有可接聽的翻譯員',
    'chat-unstaffed': '文字對話有 {{count}} 人在等，沒有空的對話座位',
    'callback-overdue': '{{count}} 件回電請求已等超過 {{hours}} 小時',
  },
  alarmLongest: '最久 {{time}}',
  chatsWaiting: '文字對話等候',
  seats: '座位：使用中 {{inUse}}・空 {{open}}',
  callbacksOpen: '待回電',
  callbacksClaimed: '已有人處理 {{count}}',
  callbacksOldest: '最久 {{time}}',
  callbacksNone: '沒有待回電',
  signing: '連續手語',
  signingNone: '已休息',
  fatigue: {
    ok: '正常',
    amber: '該輪換了',
    red: '需要休息',
  },
  chatsActive: '文字 {{count}}',
  textOnly: '只接文字',
  chatsActiveLabel: '正在進行的文字對話：{{count}}',
  signingRule: '連續手語：通話間隔不到 {{gap}} 分鐘不算休息；{{amber}} 分鐘黃色、{{red}} 分鐘紅色。',
};
