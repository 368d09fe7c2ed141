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
  /** The end of the chain of this connection's requests: each runs after the one before has settled. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly socketId: string,
    public principal: Principal,
    /** When the token that authenticated this connection expires (ms epoch); renewed with auth:renew. */
    public expiresAt: number,
    /** The client's address (through trusted proxies), as the connection limits count it. */
    readonly address: string,
    /** The connection limits this connection is counted against (see connectionSlots.ts). */
    readonly slotScopes: readonly string[] = [],
  ) {}

  /** Whether the token has expired (and not been renewed): the connection gets no pushes and may only renew. */
  lapsed(now = Date.now()): boolean {
    return now >= this.expiresAt;
  }

  /**
   * Runs `task` once every earlier task of this connection has settled, so one client's requests sent at once
   * are handled one after another and cannot pass the same check together (two `queue:join`s, say).
   */
  serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task);
    this.tail = run.catch(() => undefined);
    return run;
  }

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
