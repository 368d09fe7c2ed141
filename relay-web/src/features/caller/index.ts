/**
 * `@sign-relay/relay-web/caller`: the caller's video way (first screen, line, call, after the call) for another
 * shell to mount, such as the kiosk.
 */
export { CallerPage } from './CallerPage.tsx';
/** Where this visit's case receipts begin (sessionStorage): a kiosk visit's end clears it with the rest. */
export { VISIT_FLOOR_KEY } from '../caseReceipt/useCaseNotices.ts';
