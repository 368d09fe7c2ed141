/**
 * Where the caller's text chat is remembered in this tab (sessionStorage), so a reload resumes it. Kept apart
 * from the chat screens: the first screen reads it without loading them.
 */
import { session } from '../../auth/TokenSource.ts';

export const CHAT_SESSION_KEY = 'sign-relay.chatSession';

/** The caller's chat in this tab, if any. */
export function storedChatSession(): string | null {
  return session.get(CHAT_SESSION_KEY);
}

export function storeChatSession(sessionId: string | null): void {
  if (sessionId) session.set(CHAT_SESSION_KEY, sessionId);
  else session.remove(CHAT_SESSION_KEY);
}
