/**
 * Every string the kiosk shows, Traditional Chinese (Taiwan) first, English second. The English
 * catalogue is typed from the Chinese one, so a missing or extra key is a compile error.
 */

const zhTW = {
  title: 'Sign Relay 手語視訊服務站',
  comingSoon: '即將推出',
  body: '這台服務站很快就能讓您和手語翻譯員視訊。',
  meanwhile: '現在請用手機或電腦開啟 1999 手語視訊服務。',
  switchTo: 'English',
  switchToLabel: 'Switch language to English',
} as const;

export type Catalogue = { [K in keyof typeof zhTW]: string };

const en: Catalogue = {
  title: 'Sign Relay kiosk',
  comingSoon: 'Coming soon',
  body: 'Soon this kiosk will connect you by video with a sign-language interpreter.',
  meanwhile: 'For now, please use the 1999 sign-language video service on a phone or computer.',
  switchTo: '中文',
  switchToLabel: '切換語言為中文',
};

export const LANGUAGES = ['zh-TW', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-TW';

export const catalogues: Record<Language, Catalogue> = { 'zh-TW': zhTW, en };
