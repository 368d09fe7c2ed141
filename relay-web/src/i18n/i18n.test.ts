// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { initI18n, LANGUAGE_STORAGE_KEY, otherLanguage, toLanguage } from './i18n.ts';

describe('language helpers', () => {
  it('narrows unknown values to the default', () => {
    expect(toLanguage('en')).toBe('en');
    expect(toLanguage('zh-TW')).toBe('zh-TW');
    expect(toLanguage('fr')).toBe('zh-TW');
    expect(toLanguage(null)).toBe('zh-TW');
  });

  it('toggles between the two languages', () => {
    expect(otherLanguage('zh-TW')).toBe('en');
    expect(otherLanguage('en')).toBe('zh-TW');
  });
});

describe('initI18n', () => {
  it('starts in zh-TW, then keeps <html lang> and localStorage in step with the language', async () => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    const i18n = initI18n();
    expect(i18n.language).toBe('zh-TW');
    expect(document.documentElement.lang).toBe('zh-TW');
    expect(i18n.t('home.start')).toBe('開始視訊通話');

    await i18n.changeLanguage('en');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(i18n.t('home.start')).toBe('Start a video call');
    await i18n.changeLanguage('zh-TW');
  });
});
