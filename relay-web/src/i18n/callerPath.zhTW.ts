/**
 * The caller's path in Traditional Chinese (Taiwan): the first screen's one-line notices, the camera check before
 * and while waiting, the other ways out of the line, and what the desk is told about the caller's camera. Part of
 * the zhTW catalogue under `callerPath`.
 */
export const callerPathZhTW = {
  entry: {
    videoClosed: '手語視訊休息中，',
    openUntil: '開放{{when}}',
    openAnyTime: '隨時開放',
    now: '現在是臺北時間 {{time}}',
  },
  camera: {
    title: '您的鏡頭',
    selfView: '您的畫面',
    checking: '正在開啟鏡頭…',
    checkingHint: '瀏覽器如果詢問，請按「允許」。',
    ok: '鏡頭可以用',
    frame: '請讓鏡頭拍到您的上半身和雙手。',
    denied: {
      title: '鏡頭被封鎖',
      body: '翻譯員會看不到您。請點網址列旁的鏡頭圖示，選「允許」，再按「再試一次」。',
    },
    missing: {
      title: '找不到鏡頭',
      body: '翻譯員會看不到您。請接上鏡頭，再按「再試一次」。',
    },
    other: {
      title: '鏡頭無法啟動',
      body: '請關閉其他正在用鏡頭的程式，再按「再試一次」。',
    },
    kioskHelp: '這台服務站的鏡頭現在不能用，請告訴現場的服務人員。',
    without: '沒有鏡頭也可以排隊：您看得到翻譯員，也可以打字。或改用文字對話。',
    retry: '再試一次',
  },
  waiting: {
    nobodyTitle: '現在沒有翻譯員值班',
    nobodyBody: '您可以繼續等候，或改用下面的方式。',
    otherWays: '不想等？',
    toText: '改用文字',
    toTextHint: '離開排隊，打字和翻譯員溝通',
    callback: '請我們聯絡您',
    callbackHint: '留下聯絡方式，翻譯員會聯絡您',
  },
  desk: {
    cameraLabel: '來電者鏡頭',
    camera: {
      ok: '可以用',
      blocked: '被封鎖',
      missing: '沒有鏡頭',
    },
    blockedTitle: '來電者鏡頭被封鎖',
    missingTitle: '來電者沒有可用的鏡頭',
    noPictureBody: '對方看得到您，但您看不到對方。可以用通話的文字對話溝通。',
  },
};
