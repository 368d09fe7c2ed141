import { z } from 'zod';

/** Branded ids: a CallId cannot be passed where a PeerId is expected. */
export type Brand<T, B extends string> = T & { readonly __brand: B };

export type CallId = Brand<string, 'CallId'>;
export type PeerId = Brand<string, 'PeerId'>;
export type TransportId = Brand<string, 'TransportId'>;
export type ProducerId = Brand<string, 'ProducerId'>;
export type ConsumerId = Brand<string, 'ConsumerId'>;
/** A caller's place in the video line (a queue entry); the call record it becomes keeps the same id. */
export type EntryId = Brand<string, 'EntryId'>;
/** A chat session: a text chat, or the chat beside a video call. */
export type ChatSessionId = Brand<string, 'ChatSessionId'>;
/** A staff account (interpreter, supervisor or admin). */
export type UserId = Brand<string, 'UserId'>;
/** A caller without an account: the subject of their guest token. */
export type GuestId = Brand<string, 'GuestId'>;

/** Ids are UUIDs; this pattern is what every id field is validated against. */
export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Gives a checked string its brand: for a schema's `.transform`, the one cast of a string to an id. */
export const branded =
  <I extends Brand<string, string>>() =>
  (s: string): I =>
    s as I;

/**
 * The schema of one kind of id: the pattern checked, then the brand given. Parsing is where a string from outside
 * becomes an `EntryId` or a `UserId`; past it the id keeps its kind.
 */
export const idOf = <I extends Brand<string, string>>() => z.string().regex(ID_PATTERN, 'must be an id').transform(branded<I>());
