/** `@sign-relay/relay-web/hooks`: hooks another shell (the kiosk) uses. */
export { useNow } from './useNow.ts';
