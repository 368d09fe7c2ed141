/** `@sign-relay/relay-web/components`: the shared pieces another shell (the kiosk) builds its frame from. */
export { Brand } from './Brand.tsx';
export { Icon } from './Icon.tsx';
export type { IconName } from './Icon.tsx';
export { LangSwitch } from './LangSwitch.tsx';
