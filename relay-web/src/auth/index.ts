/** `@sign-relay/relay-web/auth`: the storage areas and the guest token's key, for the kiosk's config and visits. */
export { local } from './TokenSource.ts';
export type { SafeStorage } from './TokenSource.ts';
export { GUEST_TOKEN_KEY } from './GuestAuth.ts';
