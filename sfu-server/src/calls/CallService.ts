import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { CallEndReason, CallId, CallMediaStats, EntryId, GuestId, ParticipantRole, UserId } from '@sign-relay/shared';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { CallRoom } from '../media/CallRoom.ts';
import { MEDIA_CODECS } from '../media/codecs.ts';
import type { Peer } from '../media/Peer.ts';
import type { WorkerPool } from '../media/WorkerPool.ts';

export interface CallServiceOptions {
  listenIp: string;
  announcedIp: string | undefined;
  /** A call whose participant dropped is kept this long for them (or someone) to join again. */
  reconnectGraceMs: number;
  /** A created call nobody joins is closed after this long, so create floods cannot pile up routers. */
  unjoinedTtlMs: number;
  logger: Logger;
}

const ENDED_MEMORY = 1000;

/** Who may join a call: its caller (by guest id) and the staff it was given to. */
export interface CallAccess {
  entryId: EntryId;
  guestId: GuestId;
  /** Where the caller is (their call's chat is recorded with it). */
  channel: 'web' | 'kiosk';
  kioskId: string | null;
  staffIds: Set<UserId>;
}

/** A call's parties as others may read them. */
export type CallParties = Omit<CallAccess, 'staffIds'> & { staffIds: readonly UserId[] };

/** A call has ended; the queue decides what follows (wrap-up, or the caller back to the head of the line). */
export interface CallClosed {
  callId: CallId;
  reason: CallEndReason;
  access: CallAccess;
}

/** Creates and finds call rooms, and ends them when their people go. */
export class CallService extends EventEmitter<{ closed: [CallClosed] }> {
  private readonly rooms = new Map<CallId, CallRoom>();
  /** Recently ended calls: their router id (to verify in the worker that it is gone) and why they ended. */
  private readonly ended = new Map<CallId, { routerId: string; reason: CallEndReason }>();
  private readonly timers = new Map<CallId, NodeJS.Timeout>();
  private readonly access = new Map<CallId, CallAccess>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly opts: CallServiceOptions,
  ) {
    super();
  }

  /** Creates a call only that caller and those staff may join (the queue creates one when an interpreter answers). */
  async create(access: CallAccess): Promise<CallId> {
    const callId = randomUUID() as CallId;
    this.access.set(callId, access);
    let pooled;
    try {
      pooled = await this.pool.createRouter({ mediaCodecs: MEDIA_CODECS, appData: { callId } });
    } catch {
      throw new AppError('UNAVAILABLE', 'Video is not available right now. Please try again in a moment.');
    }
    const { router, portRange } = pooled;
    const room = new CallRoom(callId, router, { listenIp: this.opts.listenIp, announcedIp: this.opts.announcedIp, portRange, logger: this.opts.logger });
    this.rooms.set(callId, room);
    room.once('close', (reason) => {
      this.clearTimer(callId);
      this.rooms.delete(callId);
      this.access.delete(callId);
      this.emit('closed', { callId, reason, access });
      this.ended.set(callId, { routerId: router.id, reason });
      if (this.ended.size > ENDED_MEMORY) {
        const oldest = this.ended.keys().next().value;
        if (oldest) this.ended.delete(oldest);
      }
    });
    this.armTimer(callId, this.opts.unjoinedTtlMs, () => {
      if (room.size === 0) room.close('peer-left');
    });
    return callId;
  }

  /**
   * Hands a call to a staff member (a transfer answered): from now on they are its staff, and whoever had it
   * before may not join it again or read its chat. Someone still in the call stays until they leave it.
   */
  grant(callId: CallId, staffId: UserId): void {
    const a = this.access.get(callId);
    if (!a) return;
    a.staffIds.clear();
    a.staffIds.add(staffId);
  }

  /** Who a call is for, as a read-only copy; undefined once it has ended (or for an unknown id). */
  partiesOf(callId: CallId): CallParties | undefined {
    const a = this.access.get(callId);
    return a && { entryId: a.entryId, guestId: a.guestId, channel: a.channel, kioskId: a.kioskId, staffIds: [...a.staffIds] };
  }

  /** Whether a person is one of a live call's parties: its caller, or staff it was given to. */
  isParty(callId: CallId, who: { kind: 'guest'; guestId: GuestId } | { kind: 'staff'; userId: UserId }): boolean {
    const a = this.access.get(callId);
    if (!a) return false;
    return who.kind === 'guest' ? who.guestId === a.guestId : a.staffIds.has(who.userId);
  }

  /** The live call of a queue entry, if any. */
  callOfEntry(entryId: EntryId): CallId | undefined {
    for (const [callId, a] of this.access) if (a.entryId === entryId) return callId;
    return undefined;
  }

  /**
   * The role a principal takes in a live call, or a coded refusal: the caller only in their own call, staff
   * only in calls given to them (the first as the interpreter, any more as the second interpreter).
   */
  roleFor(callId: CallId, who: { guestId?: GuestId; staffId?: UserId }, room: CallRoom): ParticipantRole {
    const a = this.access.get(callId);
    if (!a) throw new AppError('NOT_FOUND', 'There is no call with that id.');
    if (who.guestId !== undefined) {
      if (who.guestId !== a.guestId) throw new AppError('FORBIDDEN', 'This is not your call.');
      return 'caller';
    }
    if (who.staffId === undefined || !a.staffIds.has(who.staffId)) throw new AppError('FORBIDDEN', 'This call is not assigned to you.');
    return room.roles().includes('interpreter') ? 'interpreter2' : 'interpreter';
  }

  /** The live room, or a coded error saying the call is unknown or over. */
  get(callId: CallId): CallRoom {
    const room = this.rooms.get(callId);
    if (room) return room;
    if (this.ended.has(callId)) throw new AppError('CALL_ENDED', 'This call has ended.');
    throw new AppError('NOT_FOUND', 'There is no call with that id.');
  }

  /** A participant joined: any pending "nobody came back" timer is no longer the deciding one. */
  joined(room: CallRoom): void {
    if (room.size >= 2) this.clearTimer(room.id);
  }

  /** Hang-up ends the call for everyone. */
  hangup(room: CallRoom): void {
    room.close('hangup');
  }

  /**
   * Leaving (after handing the call over) keeps the call going. The colleague may not have joined yet, so a
   * caller left alone gets the same grace period as after a dropped connection. Staff who leave are no longer
   * the call's: they cannot join it again (one whose connection dropped can, see {@link lost}).
   */
  leave(room: CallRoom, peer: Peer, staffId?: UserId): void {
    if (staffId !== undefined) this.access.get(room.id)?.staffIds.delete(staffId);
    this.lost(room, peer);
  }

  /**
   * A participant's connection is gone (closed tab, lost network). Their media is freed at once; the call
   * waits the grace period for someone to join again before it ends.
   */
  lost(room: CallRoom, peer: Peer): void {
    room.leave(peer);
    if (room.closed) return;
    if (room.size === 0) {
      room.close('peer-lost');
      return;
    }
    this.armTimer(room.id, this.opts.reconnectGraceMs, () => {
      if (room.size >= 2) return;
      // A call whose interpreter vanished sends its caller back to the head of the line.
      const roles = room.roles();
      const interpreterGone = roles.includes('caller') && !roles.some((r) => r === 'interpreter' || r === 'interpreter2');
      room.close(interpreterGone ? 'requeued' : 'peer-lost');
    });
  }

  activeCount(): number {
    return this.rooms.size;
  }

  /** Counts straight from the worker: after a call ends its router, and so all its media, must be gone. */
  async mediaStats(callId: CallId): Promise<CallMediaStats> {
    const room = this.rooms.get(callId);
    if (room) return { callId, active: true, routerAlive: true, ...(await room.workerCounts()) };
    const ended = this.ended.get(callId);
    if (!ended) throw new AppError('NOT_FOUND', 'There is no call with that id.');
    const alive = (await this.pool.liveRouterIds()).has(ended.routerId);
    return { callId, active: false, routerAlive: alive, transports: alive ? -1 : 0, producers: alive ? -1 : 0, consumers: alive ? -1 : 0 };
  }

  closeAll(reason: CallEndReason): void {
    for (const room of [...this.rooms.values()]) room.close(reason);
  }

  private armTimer(callId: CallId, ms: number, fn: () => void): void {
    this.clearTimer(callId);
    const t = setTimeout(() => {
      this.timers.delete(callId);
      fn();
    }, ms);
    t.unref();
    this.timers.set(callId, t);
  }

  private clearTimer(callId: CallId): void {
    const t = this.timers.get(callId);
    if (t) clearTimeout(t);
    this.timers.delete(callId);
  }
}
