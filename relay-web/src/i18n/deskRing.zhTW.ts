/**
 * The desk's ring settings (sound, system notification) and its state while taking text chats, in
 * Traditional Chinese (Taiwan); part of the zhTW catalogue under `deskRing`.
 */
export const deskRingZhTW = {
  settingsTitle: '來電提醒',
  settingsHint: '畫面閃爍一定會有。以下是額外的提醒，只在這台電腦上記住。',
  sound: '響鈴聲音',
  soundHint: '來電和文字對話來時響鈴，直到接聽或結束。',
  test: '試聽',
  notify: '系統通知',
  notifyHint: '其他視窗在前面時，也會跳出通知。',
  on: '開',
  off: '關',
  permission: {
    granted: '已允許通知。',
    denied: '瀏覽器封鎖了通知。請在網址列左邊的網站設定裡允許「通知」，再開一次。',
    default: '開啟時，瀏覽器會詢問是否允許通知。',
    unsupported: '這個瀏覽器不支援系統通知。',
  },
  soundBlocked: '瀏覽器還不能播放聲音：請先在這個頁面點一下。',
  notifyVideo: '視訊來電',
  notifyChat: '文字對話',
  notifyBody: '事項：{{topic}}・來源：{{source}}',
  chatsState: '文字對話中 ({{active}}/{{seats}})',
  chatsTaking: '接收文字對話',
  chatsStateLabel: '視訊未開，正在接收文字對話',
  idleChats: '視訊關閉，正在接收文字對話',
  idleChatsHint: '文字對話會出現在下面。要接視訊請按「可接聽」。',
  videoOff: '不接視訊',
};
