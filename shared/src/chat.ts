/**
 * Text chat: 24-hour chat sessions, and the chat beside every video call. Messages carry a client key so a
 * resend after a reconnect never duplicates; the server orders them with a per-session sequence number.
 */
import type { CallId, ChatSessionId } from './ids.ts';

/** Longest message, in characters (Unicode code points). */
export const CHAT_MAX_CHARS = 2000;

export type ChatSender = 'guest' | 'staff' | 'system';

export interface ChatMessage {
  id: string;
  sessionId: ChatSessionId;
  /** 1, 2, 3… per session, in the order the server stored them: show messages in this order. */
  seq: number;
  from: ChatSender;
  senderName: string;
  body: string;
  clientKey: string;
  at: number;
}

export interface ChatSessionInfo {
  sessionId: ChatSessionId;
  kind: 'text' | 'call';
  state: 'waiting' | 'active' | 'ended';
  createdAt: number;
  interpreterName: string | null;
  channel: 'web' | 'kiosk';
  kioskId: string | null;
  topic: string | null;
  callId: CallId | null;
}

/** A waiting chat's place in the chat line. */
export interface ChatQueueStatus {
  sessionId: ChatSessionId;
  position: number;
  estimatedWaitSec: number | null;
  state: 'waiting' | 'offered';
  staffed: number;
}

/** A chat ringing on an interpreter's desk. */
export interface ChatOffer {
  sessionId: ChatSessionId;
  channel: 'web' | 'kiosk';
  kioskId: string | null;
  /** Whether the kiosk named was proven to be that kiosk; staff see it marked unverified when not. */
  kioskVerified: boolean;
  topic: string | null;
  queuedAt: number;
  expiresAt: number;
}

/**
 * Characters refused in messages: C0/C1 controls other than tab and newlines, DEL, and the bidi embeddings,
 * overrides and isolates (U+202A–202E, U+2066–2069), which make text read differently from what was typed.
 * Joiners (U+200C, U+200D) stay: scripts and emoji need them.
 */
// eslint-disable-next-line no-control-regex
export const CHAT_FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** Code points in `s`, counted without copying it (a surrogate pair is one). */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Why a message body is refused, or undefined when it is fine. Never copies the body. */
export function chatBodyProblem(body: string): 'empty' | 'too-long' | 'control-characters' | undefined {
  // Every code point is one or two UTF-16 units: a body more than twice the limit long is too long uncounted.
  if (body.length > CHAT_MAX_CHARS * 2) return 'too-long';
  if (!/\S/.test(body)) return 'empty';
  if (codePoints(body) > CHAT_MAX_CHARS) return 'too-long';
  if (CHAT_FORBIDDEN_CHARS.test(body)) return 'control-characters';
  return undefined;
}
