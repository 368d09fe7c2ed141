import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { otherLanguage, toLanguage } from '../i18n/i18n.ts';
import { Icon } from './Icon.tsx';

/** Switches between the two languages; its label is the target language written in that language. */
export function LangSwitch(): ReactElement {
  const { t, i18n } = useTranslation();
  const target = otherLanguage(toLanguage(i18n.resolvedLanguage ?? i18n.language));
  return (
    <button
      type="button"
      className="button button--quiet lang-switch"
      data-testid="lang-switch"
      data-lang={toLanguage(i18n.resolvedLanguage ?? i18n.language)}
      aria-label={t('lang.switchToLabel')}
      onClick={() => void i18n.changeLanguage(target)}
    >
      <Icon name="globe" />
      <span lang={target}>{t('lang.switchTo')}</span>
    </button>
  );
}
