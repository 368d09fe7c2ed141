// @vitest-environment happy-dom
/**
 * The end of a kiosk visit takes everything of the visitor with it: the guest identity (so `case:mine` of the
 * next visitor finds none of this visitor's cases), where this visit's receipts begin, the place in line and the
 * language; only the kiosk's own config stays. Receipts themselves live only in the page's memory, which the
 * reload drops.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GUEST_TOKEN_KEY } from '@sign-relay/relay-web/auth';
import { VISIT_FLOOR_KEY } from '@sign-relay/relay-web/caller';
import { LANGUAGE_STORAGE_KEY } from '@sign-relay/relay-web/i18n';
import { KIOSK_CONFIG_KEY } from './config.ts';
import { endVisit } from './visit.ts';

afterEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});

describe('endVisit', () => {
  it("clears the visitor's identity and case traces, keeps the kiosk's config, and loads the kiosk afresh", () => {
    sessionStorage.setItem(GUEST_TOKEN_KEY, 'header.payload.sig');
    sessionStorage.setItem(VISIT_FLOOR_KEY, '0');
    sessionStorage.setItem('sign-relay.queueEntry', '{"entryId":"e1","callId":"c1"}');
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    localStorage.setItem(KIOSK_CONFIG_KEY, '{"kioskId":"DA-01","idleSec":120}');
    const replaced: string[] = [];
    endVisit({ sessionStorage, localStorage, location: { replace: (url: string) => void replaced.push(url) } as unknown as Location });
    expect(sessionStorage.length).toBe(0);
    expect(Object.keys(localStorage)).toEqual([KIOSK_CONFIG_KEY]);
    expect(replaced).toEqual(['/kiosk/']);
  });
});
