/**
 * The interpreter's text chats on the desk as one state: whether chats may be offered, the chats ringing,
 * the chats in progress (at most the seats, three), and what to tell the interpreter. Pure, so every
 * sequence of server events is tested without a server.
 */
import { QUEUE_RULES } from '@sign-relay/shared';
import type { ChatMessage, ChatOffer, ChatSessionId, ChatSessionInfo } from '@sign-relay/shared';
import type { RequestErrorCode } from '../../../signaling/socket.ts';

export type ChatAvailability = 'available' | 'offline';

export interface RingingChat {
  offer: ChatOffer;
  /** When the offer arrived (this browser's clock). */
  receivedAt: number;
}

export interface DeskChatTab {
  sessionId: ChatSessionId;
  /** What accepting (or restoring) said about the chat; the tab loads the rest itself. */
  session: ChatSessionInfo | null;
  messages: readonly ChatMessage[];
  /** The chat is over (the tab stays until the interpreter closes it; its seat is free). */
  ended: boolean;
}

export type DeskChatNotice = { kind: 'offer-ended'; why: 'timeout' | 'withdrawn' | 'declined' } | { kind: 'missed'; count: number };

export interface DeskChatsState {
  /** What the interpreter chose (kept across reloads). */
  chosen: ChatAvailability;
  seats: number | null;
  offers: readonly RingingChat[];
  tabs: readonly DeskChatTab[];
  /** Offers in a row that rang out here. */
  missedInRow: number;
  notice: DeskChatNotice | null;
  /** A request is under way (the switch, or answering one offer). */
  busy: 'status' | string | null;
  error: RequestErrorCode | null;
}

export type DeskChatsEvent =
  | { type: 'busy'; what: 'status' | string }
  | { type: 'failed'; error: RequestErrorCode; sessionId?: ChatSessionId }
  | { type: 'status'; chosen: ChatAvailability; seats: number }
  | { type: 'offer'; offer: ChatOffer; at: number }
  | { type: 'offer-ended'; sessionId: ChatSessionId; why: 'declined' | 'timeout' | 'withdrawn' | 'answered' }
  | { type: 'accepted'; session: ChatSessionInfo; messages: readonly ChatMessage[] }
  | { type: 'declined'; sessionId: ChatSessionId }
  | { type: 'restored'; sessions: readonly ChatSessionInfo[] }
  | { type: 'ended'; sessionId: ChatSessionId }
  | { type: 'close'; sessionId: ChatSessionId };

export function initialDeskChats(chosen: ChatAvailability): DeskChatsState {
  return { chosen, seats: null, offers: [], tabs: [], missedInRow: 0, notice: null, busy: null, error: null };
}

const withoutOffer = (offers: readonly RingingChat[], sessionId: ChatSessionId) => offers.filter((o) => o.offer.sessionId !== sessionId);

export function deskChatsReducer(s: DeskChatsState, e: DeskChatsEvent): DeskChatsState {
  switch (e.type) {
    case 'busy':
      return { ...s, busy: e.what, error: null };
    case 'failed':
      // An offer that could not be answered has gone (taken elsewhere, or rang out): stop showing it.
      return { ...s, busy: null, error: e.error, offers: e.sessionId && e.error === 'NOT_FOUND' ? withoutOffer(s.offers, e.sessionId) : s.offers };
    case 'status':
      return { ...s, busy: s.busy === 'status' ? null : s.busy, chosen: e.chosen, seats: e.seats, missedInRow: e.chosen === 'available' ? 0 : s.missedInRow, notice: e.chosen === 'available' ? null : s.notice };
    case 'offer':
      return { ...s, offers: [...withoutOffer(s.offers, e.offer.sessionId), { offer: e.offer, receivedAt: e.at }], notice: null };
    case 'offer-ended': {
      if (!s.offers.some((o) => o.offer.sessionId === e.sessionId)) return s;
      const offers = withoutOffer(s.offers, e.sessionId);
      if (e.why === 'answered') return { ...s, offers };
      if (e.why !== 'timeout') return { ...s, offers, notice: { kind: 'offer-ended', why: e.why } };
      const missedInRow = s.missedInRow + 1;
      // The server pauses every chat seat after this many missed offers in a row: say so, and show it off.
      if (missedInRow >= QUEUE_RULES.missedOffersForBreak) return { ...s, offers, missedInRow, chosen: 'offline', notice: { kind: 'missed', count: missedInRow } };
      return { ...s, offers, missedInRow, notice: { kind: 'offer-ended', why: 'timeout' } };
    }
    case 'accepted': {
      const tab: DeskChatTab = { sessionId: e.session.sessionId, session: e.session, messages: e.messages, ended: false };
      const tabs = s.tabs.some((t) => t.sessionId === tab.sessionId) ? s.tabs.map((t) => (t.sessionId === tab.sessionId ? tab : t)) : [...s.tabs, tab];
      return { ...s, busy: null, offers: withoutOffer(s.offers, e.session.sessionId), tabs, missedInRow: 0, notice: null };
    }
    case 'declined':
      return { ...s, busy: null, offers: withoutOffer(s.offers, e.sessionId), missedInRow: 0, notice: { kind: 'offer-ended', why: 'declined' } };
    case 'restored': {
      const known = new Set(s.tabs.map((t) => t.sessionId));
      const added = e.sessions.filter((x) => !known.has(x.sessionId)).map((x): DeskChatTab => ({ sessionId: x.sessionId, session: x, messages: [], ended: false }));
      return added.length === 0 ? s : { ...s, tabs: [...s.tabs, ...added] };
    }
    case 'ended':
      return s.tabs.some((t) => t.sessionId === e.sessionId && !t.ended) ? { ...s, tabs: s.tabs.map((t) => (t.sessionId === e.sessionId ? { ...t, ended: true } : t)) } : s;
    case 'close':
      return { ...s, tabs: s.tabs.filter((t) => t.sessionId !== e.sessionId) };
  }
}
