/** `@sign-relay/relay-web/chat`: the caller's text chat page, for another shell to mount, such as the kiosk. */
export { CallerChatPage } from './CallerChatPage.tsx';
