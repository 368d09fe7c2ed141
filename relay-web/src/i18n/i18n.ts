/**
 * i18next set-up for the web app: zh-TW by default, the choice persisted in localStorage, and the
 * <html lang> attribute kept in step so screen readers and fonts follow the language.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, resources } from './catalogue.ts';
import type { Language } from './catalogue.ts';

export const LANGUAGE_STORAGE_KEY = 'sign-relay.language';

/** Narrows any string (a stored value, an i18next language) to a supported language. */
export function toLanguage(value: string | null | undefined): Language {
  return LANGUAGES.find((l) => l === value) ?? DEFAULT_LANGUAGE;
}

/** The language to switch to from `current` (there are two, so the switch toggles). */
export function otherLanguage(current: Language): Language {
  return current === 'zh-TW' ? 'en' : 'zh-TW';
}

function readStoredLanguage(): Language {
  try {
    return toLanguage(globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY));
  } catch {
    // Storage can be blocked (private mode, kiosk policies): fall back to the default.
    return DEFAULT_LANGUAGE;
  }
}

function applyLanguage(lng: string): void {
  const language = toLanguage(lng);
  document.documentElement.lang = language;
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not persisting is acceptable; the choice still holds for this page.
  }
}

/** Initialises i18next once; returns the instance for the provider. */
export function initI18n(): typeof i18next {
  if (i18next.isInitialized) return i18next;
  i18next.on('languageChanged', applyLanguage);
  void i18next.use(initReactI18next).init({
    resources,
    lng: readStoredLanguage(),
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  applyLanguage(i18next.language);
  return i18next;
}
