/**
 * The names a caller reads for a case's codes: the dispatch item and the district, in the screen's language,
 * from the city's lists in shared/. An unknown code is shown as it is rather than hidden.
 */
import { dispatchItem, district } from '@sign-relay/shared';

/** The catalogue language as the city's lists name it. */
export type ListLanguage = 'zh' | 'en';

export function listLanguage(language: string | undefined): ListLanguage {
  return language === 'en' ? 'en' : 'zh';
}

export function itemName(code: string, lang: ListLanguage): string {
  const item = dispatchItem(code);
  return item ? item[lang] : code;
}

export function districtName(code: string, lang: ListLanguage): string {
  const d = district(code);
  return d ? d[lang] : code;
}
