import type { RequestErrorCode } from '../signaling/socket.ts';

/**
 * Every string the web app shows, in Traditional Chinese (Taiwan) first and English second.
 * Short words over paragraphs: many deaf callers read Chinese less fluently than they sign.
 * The English catalogue is typed from the Chinese one, so a missing or extra key is a compile error.
 */

const zhTW = {
  app: {
    name: 'Sign Relay 手語視訊',
    service: '臺北市 1999 手語視訊服務',
    skipToContent: '跳到主要內容',
  },
  lang: {
    /** Shown on the switch: the name of the language it switches TO, in that language. */
    switchTo: 'English',
    switchToLabel: 'Switch language to English',
  },
  home: {
    title: '需要手語翻譯嗎？',
    start: '開始視訊通話',
    startHint: '和手語翻譯員視訊',
    starting: '正在建立通話…',
    createFailed: '無法建立通話，請再試一次。',
    hours: '視訊：每天 09:00–18:00',
    textHours: '文字：24 小時',
    forInterpreters: '手語翻譯員入口',
  },
  caller: {
    title: '視訊通話',
    callId: '通話編號',
    interpreterLink: '翻譯員連結',
    interpreterLinkHint: '請翻譯員開啟這個連結',
    copy: '複製連結',
    copied: '已複製',
    copyFailed: '無法複製，請手動選取連結',
  },
  interpreter: {
    title: '手語翻譯員',
    joinTitle: '加入通話',
    callIdLabel: '通話編號或連結',
    callIdHint: '貼上來電者提供的通話編號或連結',
    join: '加入通話',
    invalidId: '通話編號格式不正確，請再檢查一次。',
    backHome: '回首頁',
  },
  role: {
    caller: '來電者',
    interpreter: '手語翻譯員',
    hearing: '聽人',
    interpreter2: '第二位翻譯員',
  },
  state: {
    idle: '準備中',
    joining: '正在加入通話…',
    'waiting-for-peer': '等待對方加入…',
    connecting: '正在連線…',
    connected: '已連線',
    reconnecting: '連線中斷，正在重新連線…',
    failed: '連線失敗',
    ended: '通話已結束',
  },
  call: {
    stateLabel: '通話狀態',
    self: '我的畫面',
    remote: '對方畫面',
    waitingFor: {
      caller: '等待手語翻譯員加入…',
      interpreter: '等待來電者加入…',
    },
    cameraOff: '鏡頭已關閉',
    micOff: '麥克風已關閉',
    noVideo: '尚無畫面',
    peerDropped: '對方暫時斷線，等待重新連線…',
    controls: '通話控制',
    /** Toggle labels name what pressing does; aria-pressed=true means the device is off. */
    camera: '關閉鏡頭',
    mic: '關閉麥克風',
    on: '開啟中',
    off: '已關閉',
    hangup: '掛斷',
    enableSound: '開啟聲音',
  },
  ended: {
    title: '通話已結束',
    reason: {
      hangup: '通話已掛斷。',
      'peer-left': '對方已離開通話。',
      'peer-lost': '對方的連線中斷了。',
      requeued: '翻譯員斷線了，正在為您重新排隊。',
      'media-failure': '視訊連線失敗。',
      'server-shutdown': '服務暫停，請稍後再撥。',
    },
    home: '回首頁',
  },
  failed: {
    title: '無法連線',
    connectionLost: '與伺服器的連線中斷了。',
    home: '回首頁',
  },
  cameraError: {
    denied: '鏡頭被封鎖：請在瀏覽器允許使用鏡頭和麥克風。',
    missing: '找不到鏡頭：請接上鏡頭。',
    other: '鏡頭無法啟動：請關閉其他使用鏡頭的程式。',
    stillSee: '您仍可看到對方。',
    retry: '再試一次',
  },
  errors: {
    BAD_REQUEST: '要求格式有誤。',
    UNKNOWN_EVENT: '伺服器不認得這個要求。',
    UNAUTHENTICATED: '請先登入。',
    NOT_FOUND: '找不到這通電話。',
    FORBIDDEN: '您沒有權限加入這通電話。',
    CALL_FULL: '這通電話的人數已滿。',
    CALL_ENDED: '這通電話已經結束。',
    NOT_IN_CALL: '您已不在這通電話中。',
    ALREADY_IN_CALL: '您已經在這通電話中。',
    MEDIA_ERROR: '視訊設定失敗。',
    RATE_LIMITED: '操作太頻繁，請稍候再試。',
    UNAVAILABLE: '服務暫時無法使用，請稍後再試。',
    INTERNAL: '伺服器發生錯誤，請稍後再試。',
    TIMEOUT: '伺服器沒有回應，請檢查網路。',
  },
} as const;

/** The catalogue's shape with every leaf widened to string: what each language must provide. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Catalogue = Shape<typeof zhTW>;

// Every code a request can fail with has a message: a new code in shared/ fails the build here.
type ErrorMessages = Record<RequestErrorCode, string>;
zhTW.errors satisfies ErrorMessages;

const en: Catalogue = {
  app: {
    name: 'Sign Relay',
    service: 'Taipei 1999 sign-language video service',
    skipToContent: 'Skip to main content',
  },
  lang: {
    switchTo: '中文',
    switchToLabel: '切換語言為中文',
  },
  home: {
    title: 'Need a sign-language interpreter?',
    start: 'Start a video call',
    startHint: 'Video call with a sign-language interpreter',
    starting: 'Creating the call…',
    createFailed: 'Could not create the call. Please try again.',
    hours: 'Video: daily 09:00–18:00',
    textHours: 'Text: 24 hours',
    forInterpreters: 'For interpreters',
  },
  caller: {
    title: 'Video call',
    callId: 'Call ID',
    interpreterLink: 'Interpreter link',
    interpreterLinkHint: 'Ask the interpreter to open this link',
    copy: 'Copy link',
    copied: 'Copied',
    copyFailed: 'Could not copy; please select the link by hand',
  },
  interpreter: {
    title: 'Interpreter',
    joinTitle: 'Join a call',
    callIdLabel: 'Call ID or link',
    callIdHint: 'Paste the call ID or link the caller gave you',
    join: 'Join call',
    invalidId: 'That call ID is not valid. Please check it.',
    backHome: 'Back to home',
  },
  role: {
    caller: 'Caller',
    interpreter: 'Interpreter',
    hearing: 'Hearing party',
    interpreter2: 'Second interpreter',
  },
  state: {
    idle: 'Getting ready',
    joining: 'Joining the call…',
    'waiting-for-peer': 'Waiting for the other person…',
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Connection lost — reconnecting…',
    failed: 'Connection failed',
    ended: 'Call ended',
  },
  call: {
    stateLabel: 'Call status',
    self: 'You',
    remote: 'Other person',
    waitingFor: {
      caller: 'Waiting for the interpreter…',
      interpreter: 'Waiting for the caller…',
    },
    cameraOff: 'Camera off',
    micOff: 'Mic off',
    noVideo: 'No video yet',
    peerDropped: 'The other person dropped out — waiting for them to come back…',
    controls: 'Call controls',
    camera: 'Camera off',
    mic: 'Mute mic',
    on: 'On',
    off: 'Off',
    hangup: 'Hang up',
    enableSound: 'Turn on sound',
  },
  ended: {
    title: 'Call ended',
    reason: {
      hangup: 'The call was hung up.',
      'peer-left': 'The other person left the call.',
      'peer-lost': "The other person's connection was lost.",
      requeued: 'The interpreter dropped out; you are back at the front of the line.',
      'media-failure': 'The video connection failed.',
      'server-shutdown': 'The service has paused. Please call again later.',
    },
    home: 'Back to home',
  },
  failed: {
    title: 'Could not connect',
    connectionLost: 'The connection to the server was lost.',
    home: 'Back to home',
  },
  cameraError: {
    denied: 'Camera blocked: allow the camera and microphone in your browser.',
    missing: 'No camera found: please connect one.',
    other: "The camera won't start: close other apps using it.",
    stillSee: 'You can still see the other person.',
    retry: 'Try again',
  },
  errors: {
    BAD_REQUEST: 'The request was not valid.',
    UNKNOWN_EVENT: 'The server did not recognise the request.',
    UNAUTHENTICATED: 'Please sign in first.',
    NOT_FOUND: 'This call was not found.',
    FORBIDDEN: 'You may not join this call.',
    CALL_FULL: 'This call is full.',
    CALL_ENDED: 'This call has already ended.',
    NOT_IN_CALL: 'You are no longer in this call.',
    ALREADY_IN_CALL: 'You are already in this call.',
    MEDIA_ERROR: 'Setting up the video failed.',
    RATE_LIMITED: 'Too many attempts. Please wait a moment.',
    UNAVAILABLE: 'The service is unavailable. Please try again later.',
    INTERNAL: 'The server had a problem. Please try again later.',
    TIMEOUT: 'The server did not answer. Please check your connection.',
  },
};

export const LANGUAGES = ['zh-TW', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-TW';

/** i18next resources, one `translation` namespace per language. */
export const resources = {
  'zh-TW': { translation: zhTW as Catalogue },
  en: { translation: en },
} as const satisfies Record<Language, { translation: Catalogue }>;
