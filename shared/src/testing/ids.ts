import type { CallId, ChatSessionId, EntryId, GuestId, UserId } from '../ids.ts';

/** Test surface only: a fixture's literal taken as an id of that kind (the app gets its ids at its boundaries). */
export const asGuestId = (s: string): GuestId => s as GuestId;
export const asUserId = (s: string): UserId => s as UserId;
export const asEntryId = (s: string): EntryId => s as EntryId;
export const asChatSessionId = (s: string): ChatSessionId => s as ChatSessionId;
export const asCallId = (s: string): CallId => s as CallId;
