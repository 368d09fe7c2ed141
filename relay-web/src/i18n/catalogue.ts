/**
 * The web app's catalogue: Traditional Chinese (Taiwan) first, English second, one file per language.
 * The English catalogue is typed from the Chinese one, so a missing or extra key is a compile error.
 */
import type { RequestErrorCode } from '../signaling/socket.ts';
import { en } from './en.ts';
import { zhTW } from './zhTW.ts';
import type { Catalogue } from './catalogueShape.ts';

export type { Catalogue };

// Every code a request can fail with has a message: a new code in shared/ fails the build here.
type ErrorMessages = Record<RequestErrorCode, string>;
zhTW.errors satisfies ErrorMessages;

export const LANGUAGES = ['zh-TW', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-TW';

/** i18next resources, one `translation` namespace per language. */
export const resources = {
  'zh-TW': { translation: zhTW as Catalogue },
  en: { translation: en },
} as const satisfies Record<Language, { translation: Catalogue }>;
