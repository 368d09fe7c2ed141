import type { Brand, ChatSessionId, UserId } from '@sign-relay/shared';
import type { LineIds } from '../queue/model.ts';

/**
 * One of an interpreter's text-chat seats: a queue "interpreter" of the chat line named `<userId>#<n>`. Not a
 * UserId: the line rings seats, and a seat names the account it belongs to.
 */
export type SeatId = Brand<string, 'SeatId'>;

/** The text-chat line: chat sessions waiting, answered by interpreters' seats. */
export interface ChatLineIds extends LineIds {
  entry: ChatSessionId;
  interpreter: SeatId;
}

/** The `n`th chat seat of an interpreter. */
export const seatId = (userId: UserId, n: number): SeatId => `${userId}#${n}` as SeatId;

/** The interpreter a seat belongs to. */
export const userOfSeat = (seat: SeatId): UserId => seat.slice(0, seat.lastIndexOf('#')) as UserId;
