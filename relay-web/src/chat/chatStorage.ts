/**
 * Where the caller's text chat is remembered in this tab (sessionStorage), so a reload resumes it. Kept apart
 * from the chat screens: the first screen reads it without loading them.
 */
import type { ChatSessionId } from '@sign-relay/shared';
import { session } from '../auth/TokenSource.ts';

export const CHAT_SESSION_KEY = 'sign-relay.chatSession';

/** The caller's chat in this tab, if any (stored as the server gave it). */
export function storedChatSession(): ChatSessionId | null {
  return session.get(CHAT_SESSION_KEY) as ChatSessionId | null;
}

export function storeChatSession(sessionId: ChatSessionId | null): void {
  if (sessionId) session.set(CHAT_SESSION_KEY, sessionId);
  else session.remove(CHAT_SESSION_KEY);
}

/**
 * The text chat a video call in this tab came from ("switch to video"), so the call's chat can show what was
 * written before. Set when the chat joins the video line; cleared when the caller joins the line afresh.
 */
export const VIDEO_FROM_CHAT_KEY = 'sign-relay.videoFromChat';

export function videoFromChat(): ChatSessionId | null {
  return session.get(VIDEO_FROM_CHAT_KEY) as ChatSessionId | null;
}

export function storeVideoFromChat(sessionId: ChatSessionId | null): void {
  if (sessionId) session.set(VIDEO_FROM_CHAT_KEY, sessionId);
  else session.remove(VIDEO_FROM_CHAT_KEY);
}
