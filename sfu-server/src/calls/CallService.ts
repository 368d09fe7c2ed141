import { randomUUID } from 'node:crypto';
import type { CallEndReason, CallId } from '@sign-relay/shared';
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

/** What the media layer holds for a call, read back from the mediasoup worker itself. */
export interface CallMediaStats {
  callId: CallId;
  active: boolean;
  routerAlive: boolean;
  transports: number;
  producers: number;
  consumers: number;
}

const ENDED_MEMORY = 1000;

/** Creates and finds call rooms, and ends them when their people go. */
export class CallService {
  private readonly rooms = new Map<CallId, CallRoom>();
  /** Recently ended calls: their router id (to verify in the worker that it is gone) and why they ended. */
  private readonly ended = new Map<CallId, { routerId: string; reason: CallEndReason }>();
  private readonly timers = new Map<CallId, NodeJS.Timeout>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly opts: CallServiceOptions,
  ) {}

  async create(): Promise<CallId> {
    const callId = randomUUID() as CallId;
    let router;
    try {
      router = await this.pool.createRouter({ mediaCodecs: MEDIA_CODECS, appData: { callId } });
    } catch {
      throw new AppError('UNAVAILABLE', 'Video is not available right now. Please try again in a moment.');
    }
    const room = new CallRoom(callId, router, { listenIp: this.opts.listenIp, announcedIp: this.opts.announcedIp, logger: this.opts.logger });
    this.rooms.set(callId, room);
    room.once('close', (reason) => {
      this.clearTimer(callId);
      this.rooms.delete(callId);
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
      if (room.size < 2) room.close('peer-lost');
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
