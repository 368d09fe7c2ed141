/**
 * The caller's read-back and case receipt in Traditional Chinese (Taiwan); part of the zhTW catalogue under
 * `readback`. Short words: the caller checks what the interpreter is about to file, then keeps its number.
 */
export const readbackZhTW = {
  title: '這樣對嗎？',
  lead: '翻譯員要幫您送出：',
  service: '事項',
  item: '項目',
  place: '地點',
  text: '內容',
  /** A district by its name ("大安區"). */
  district: '{{name}}',
  correct: '正確',
  change: '要修改',
  sending: '送出中…',
  sentCorrect: '已送出：正確',
  sentChange: '已送出：要修改',
  afterCorrect: '翻譯員會幫您立案。',
  afterChange: '請用手語告訴翻譯員要改哪裡。',
  afterChangeChat: '請在對話裡寫下要改哪裡。',
  failed: '沒有送出，請再按一次。',
  replaced: '內容已更新，請等翻譯員再送一次。',
  receipt: {
    title: '已立案',
    number: '案件編號',
    hint: '請拍照或記下案件編號',
    filedAt: '{{time}} 立案',
    copy: '複製編號',
    copied: '已複製',
    listTitle: '您這次的案件',
  },
} as const;
