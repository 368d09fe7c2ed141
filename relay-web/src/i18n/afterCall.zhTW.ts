/**
 * The end of a call in Traditional Chinese (Taiwan); part of the zhTW catalogue under `afterCall`: who ended
 * it, with whom, how long, and the conversation to keep (a download on the web, on screen on a kiosk).
 */
export const afterCallZhTW = {
  summaryTitle: '這通電話',
  interpreter: '手語翻譯員',
  unknownName: '（沒有顯示名字）',
  duration: '通話時間',
  cases: '案件編號',
  noCases: '這通電話沒有建立案件。',
  endedBy: {
    caller: '您掛斷了通話。',
    interpreter: '翻譯員結束了通話。',
    connection: '連線中斷，通話結束了。',
    service: '服務暫停，通話結束了。',
  },
  conversation: '對話紀錄',
  conversationCount: '文字對話 {{count}} 則',
  noMessages: '這通電話沒有文字對話。',
  loading: '正在取得對話紀錄…',
  download: '下載對話紀錄',
  downloadHint: '存成文字檔（.txt），時間為臺北時間。',
  show: '看對話紀錄',
  kioskNote: '這台服務站不會儲存對話紀錄。請現在閱讀，或拍照留存；按「結束使用」或沒有人使用時，畫面會全部清除。',
  me: '我',
  transcript: {
    heading: '臺北市 1999 手語視訊服務 — 通話對話紀錄',
    chatHeading: '臺北市 1999 手語視訊服務 — 文字對話紀錄',
    date: '日期：{{date}}（臺北時間）',
    times: '通話：{{from}} 到 {{to}}（{{duration}}）',
    interpreters: '手語翻譯員：{{names}}',
    cases: '案件編號：',
    empty: '（這通電話沒有文字對話）',
    me: '我',
    interpreter: '翻譯員',
    interpreterNamed: '翻譯員 {{name}}',
    system: '系統',
    footer: '— 紀錄結束。查詢案件請撥 1999，或用案件編號查詢。',
  },
} as const;
