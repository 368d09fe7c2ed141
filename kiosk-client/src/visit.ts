/**
 * The end of a kiosk visit: nothing the visitor left may reach the next person. Everything of a visit lives
 * in sessionStorage (guest token, place in line, chat, unsent messages) and in the page's memory (sockets,
 * screens), so the visit ends by clearing sessionStorage and the language choice, then loading the kiosk
 * afresh. The kiosk's own config (localStorage) stays.
 *
 * What the browser itself remembers (form history, autofill, saved passwords) is beyond the page's reach. The
 * kiosk's forms ask it to keep nothing (`autocomplete="off"`), and the kiosk browser must run with
 * an ephemeral (guest) profile and the Chromium policies `AutofillAddressEnabled=false`,
 * `AutofillCreditCardEnabled=false` and `PasswordManagerEnabled=false`, so nothing typed outlives the visit.
 */
import { LANGUAGE_STORAGE_KEY } from '@sign-relay/relay-web/i18n';

export function endVisit(win: Pick<Window, 'sessionStorage' | 'localStorage' | 'location'> = window): void {
  try {
    win.sessionStorage.clear();
  } catch {
    // Blocked storage holds nothing to clear.
  }
  try {
    win.localStorage.removeItem(LANGUAGE_STORAGE_KEY);
  } catch {
    // As above.
  }
  win.location.replace('/kiosk/');
}
