import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { catalogues, DEFAULT_LANGUAGE } from './i18n/catalogue.ts';
import type { Language } from './i18n/catalogue.ts';

/**
 * Placeholder until the kiosk's state machine lands: says what is coming, in both languages.
 * A kiosk is shared, so the language is not persisted; every visitor starts in zh-TW.
 */
export function App(): ReactElement {
  const [language, setLanguage] = useState<Language>(DEFAULT_LANGUAGE);
  const t = catalogues[language];
  const other: Language = language === 'zh-TW' ? 'en' : 'zh-TW';

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t.title;
  }, [language, t]);

  return (
    <main className="kiosk">
      <button
        type="button"
        className="kiosk__lang"
        data-testid="lang-switch"
        aria-label={t.switchToLabel}
        onClick={() => setLanguage(other)}
      >
        <span lang={other}>{t.switchTo}</span>
      </button>
      <svg className="kiosk__pictogram" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" focusable="false">
        <path d="M7 21c-2.2-1.4-3.5-3.6-3.5-6.2V8.5a1.2 1.2 0 0 1 2.4 0V12h.8V4.8a1.2 1.2 0 0 1 2.4 0V11h.8V3.6a1.2 1.2 0 0 1 2.4 0V11h.8V5a1.2 1.2 0 0 1 2.4 0v8.3l1.6-2.2a1.4 1.4 0 0 1 2.3 1.6l-3.2 5.1A8 8 0 0 1 13 21z" />
      </svg>
      <h1>{t.title}</h1>
      <p className="kiosk__status" data-testid="kiosk-status" role="status">
        {t.comingSoon}
      </p>
      <p>{t.body}</p>
      <p>{t.meanwhile}</p>
    </main>
  );
}
