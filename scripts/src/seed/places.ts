/**
 * What generated cases are made of: where each Taipei district is (a centre and a few of its streets), the
 * agencies calls are transferred to, and the names and words of made-up callers. Nothing here is a real
 * person; the streets are real so addresses read naturally.
 */
import type { DistrictCode } from '@sign-relay/shared';

/** Each district's rough centre (WGS 84) and streets in it. */
export const DISTRICT_PLACES: Record<DistrictCode, { lat: number; lng: number; streets: readonly string[] }> = {
  songshan: { lat: 25.05, lng: 121.56, streets: ['八德路四段', '南京東路五段', '民生東路四段', '光復北路'] },
  xinyi: { lat: 25.033, lng: 121.57, streets: ['信義路五段', '松仁路', '基隆路一段', '忠孝東路五段'] },
  daan: { lat: 25.0265, lng: 121.543, streets: ['復興南路一段', '和平東路二段', '敦化南路二段', '新生南路三段'] },
  zhongshan: { lat: 25.069, lng: 121.533, streets: ['中山北路二段', '南京東路二段', '民權東路二段', '林森北路'] },
  zhongzheng: { lat: 25.032, lng: 121.517, streets: ['重慶南路一段', '羅斯福路二段', '延平南路', '忠孝西路一段'] },
  datong: { lat: 25.063, lng: 121.513, streets: ['承德路二段', '民生西路', '迪化街一段', '重慶北路三段'] },
  wanhua: { lat: 25.028, lng: 121.497, streets: ['西園路二段', '康定路', '艋舺大道', '環河南路二段'] },
  wenshan: { lat: 24.989, lng: 121.57, streets: ['木柵路三段', '興隆路二段', '景興路', '羅斯福路六段'] },
  nangang: { lat: 25.038, lng: 121.608, streets: ['南港路一段', '忠孝東路七段', '研究院路二段', '三重路'] },
  neihu: { lat: 25.083, lng: 121.588, streets: ['內湖路一段', '成功路四段', '民權東路六段', '瑞光路'] },
  shilin: { lat: 25.093, lng: 121.525, streets: ['中正路', '文林路', '承德路四段', '至善路二段'] },
  beitou: { lat: 25.132, lng: 121.501, streets: ['中和街', '石牌路二段', '光明路', '大業路'] },
};

/** Agencies a transfer goes to. */
export const AGENCIES = ['環境保護局', '工務局', '交通局', '社會局', '衛生局', '民政局', '勞動局', '教育局', '捷運公司', '自來水事業處'] as const;

export const SURNAMES = ['陳', '林', '黃', '張', '李', '王', '吳', '劉', '蔡', '楊', '許', '鄭', '謝', '郭', '洪'] as const;
export const GIVEN_NAMES = ['志明', '淑芬', '家豪', '雅婷', '冠宇', '怡君', '俊傑', '佩珊', '建宏', '美玲', '宗翰', '詩涵'] as const;

/** What a caller adds to a dispatch item's name. */
export const DISPATCH_DETAILS = ['已持續數日', '影響行人安全', '晚上特別明顯', '附近有學校', '請儘速派員處理', '機車騎士差點跌倒'] as const;
export const PETITION_TOPICS = ['公車班次太少', '人行道被機車占用', '公園設施老舊', '社會福利申請流程', '手語翻譯服務時段', '垃圾車時間調整'] as const;
export const CONSULTATION_TOPICS = ['身心障礙證明換發', '敬老卡申請', '停車費查詢', '戶籍謄本申請', '疫苗接種地點', '市立圖書館開放時間'] as const;

/** Kiosk ids by district, `<district>-<n>` (a few per district; the fleet has 73). */
export function kioskIds(): string[] {
  return Object.keys(DISTRICT_PLACES).flatMap((d) => [1, 2, 3, 4, 5, 6].map((n) => `${d}-${n}`));
}
