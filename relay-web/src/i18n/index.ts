/**
 * `@sign-relay/relay-web/i18n`: one catalogue for the web app and the kiosk. The type-only import brings the
 * typed translation keys (i18next.d.ts) into every program that uses this entry.
 */
import type {} from './i18next.d.ts';

export { initI18n, LANGUAGE_STORAGE_KEY } from './i18n.ts';
