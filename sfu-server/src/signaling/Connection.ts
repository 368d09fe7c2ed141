import type { ChatSessionId, EntryId } from '@sign-relay/shared';
import type { Principal } from '../auth/tokens.ts';
import type { CallRoom } from '../media/CallRoom.ts';
import type { Peer } from '../media/Peer.ts';
import { AppError } from '../errors.ts';
import type { StaffRef } from '../people.ts';
import { TokenBucket } from '../util/TokenBucket.ts';

/** What one socket connection is doing: who it is, at most one call at a time, and its request budget. */
export class Connection {
  call: { room: CallRoom; peer: Peer } | undefined;
  /** The caller's place in line, while queued from this connection. */
  entryId: EntryId | undefined;
  /** The caller's text chat while it waits for an interpreter from this connection. */
  chatSessionId: ChatSessionId | undefined;
  /** Supervisors watching the wallboard get live updates. */
  watchingWallboard = false;
  /** Every request spends from this; a flood from one client never slows another. */
  readonly requests = new TokenBucket(100, 50);

  constructor(
    readonly socketId: string,
    public principal: Principal,
    /** When the token that authenticated this connection expires (ms epoch); renewed with auth:renew. */
    public expiresAt: number,
  ) {}

  guest(): Extract<Principal, { kind: 'guest' }> {
    if (this.principal.kind !== 'guest') throw new AppError('FORBIDDEN', 'Only callers can do that.');
    return this.principal;
  }

  staff(): Extract<Principal, { kind: 'staff' }> {
    if (this.principal.kind !== 'staff') throw new AppError('FORBIDDEN', 'Only staff can do that.');
    return this.principal;
  }

  /** The staff member as the queue and the chat line know them, or a coded error for anyone else. */
  staffRef(): StaffRef {
    const s = this.staff();
    return { userId: s.userId, role: s.role, gender: s.gender };
  }

  /** The caller's current call, or a coded error. */
  inCall(): { room: CallRoom; peer: Peer } {
    const c = this.call;
    if (!c || c.room.closed || c.peer.closed) throw new AppError('NOT_IN_CALL', 'You are not in a call.');
    return c;
  }
}
