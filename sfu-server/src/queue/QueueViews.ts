import type { CallId, DeskState, EntryId, GuestId, QueueStatus, UserId } from '@sign-relay/shared';
import type { CallService } from '../calls/CallService.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { CallRecordRepository } from '../store/repositories/callRecordRepository.ts';
import { averageHandleSec, countStaffing, estimateWaitSec } from './estimate.ts';
import type { Interpreter, Place, QueueStore, VideoLineIds } from './model.ts';

export interface QueueViewsDeps {
  store: QueueStore<VideoLineIds>;
  calls: Pick<CallService, 'callOfEntry'>;
  records: Pick<CallRecordRepository, 'recentHandleSeconds'>;
  /** Counted in the average handle time (talk + wrap-up). */
  wrapUpMs: number;
  now: () => number;
  logger?: Logger;
}

/** The queue as its people see it: a caller's place and estimated wait, an interpreter's desk. Reads only. */
export class QueueViews {
  private handleCache: { at: number; aht: number } = { at: 0, aht: 300 };

  constructor(private readonly d: QueueViewsDeps) {}

  /** Position and estimated wait of a caller in line. */
  async status(entryId: EntryId): Promise<QueueStatus> {
    const [place, snap] = await Promise.all([this.d.store.place(entryId), this.d.store.snapshot()]);
    if (!place) throw new AppError('NOT_FOUND', 'You are not in the queue.');
    return statusOf(place, countStaffing(snap.interpreters), await this.averageHandle());
  }

  /** Every waiting caller's status, for the live position broadcast. */
  async statuses(): Promise<Map<EntryId, { guestId: GuestId; status: QueueStatus }>> {
    const [places, snap] = await Promise.all([this.d.store.places(), this.d.store.snapshot()]);
    const staffing = countStaffing(snap.interpreters);
    const aht = await this.averageHandle();
    return new Map(places.map((p) => [p.entry.id, { guestId: p.entry.guestId, status: statusOf(p, staffing, aht) }]));
  }

  async desk(userId: UserId): Promise<DeskState> {
    return this.deskOf(await this.d.store.interpreter(userId));
  }

  deskOf(interpreter: Interpreter<VideoLineIds> | undefined): DeskState {
    return deskOf(interpreter, this.d.now(), (entryId) => this.d.calls.callOfEntry(entryId));
  }

  /**
   * Average handle time (talk + wrap-up) over the last 20 calls, refreshed at most every 30 s. With the records
   * out of reach the last figure stands: a caller's place is never refused for want of an estimate.
   */
  private async averageHandle(): Promise<number> {
    const now = this.d.now();
    if (now - this.handleCache.at > 30_000) {
      try {
        const recent = await this.d.records.recentHandleSeconds(20);
        this.handleCache = { at: now, aht: averageHandleSec(recent, 240) + this.d.wrapUpMs / 1000 };
      } catch (err) {
        this.d.logger?.warn({ err }, 'average handle time not refreshed');
        this.handleCache = { at: now, aht: this.handleCache.aht };
      }
    }
    return this.handleCache.aht;
  }
}

/** A caller's status from their place: a caller being rung waits no longer. */
export function statusOf(place: Place<VideoLineIds>, staffing: { staffed: number; available: number }, aht: number): QueueStatus {
  return {
    entryId: place.entry.id,
    position: place.position,
    estimatedWaitSec: place.entry.state === 'offered' ? 0 : estimateWaitSec(place.position, staffing.staffed, staffing.available, aht),
    state: place.entry.state === 'offered' ? 'offered' : 'waiting',
    staffed: staffing.staffed,
    requeued: place.entry.requeued,
  };
}

/** An interpreter's desk from their presence (offline since `now` when never signed in), with their live call. */
export function deskOf(i: Interpreter<VideoLineIds> | undefined, now: number, callOfEntry: (entryId: EntryId) => CallId | undefined): DeskState {
  if (!i) return { state: 'offline', since: now, breakReason: null, missedOffers: 0, wrapUpUntil: null, entryId: null, callId: null };
  const callId = i.state === 'in-call' && i.entryId ? (callOfEntry(i.entryId) ?? null) : null;
  return { state: i.state, since: i.since, breakReason: i.breakReason, missedOffers: i.missedOffers, wrapUpUntil: i.wrapUpUntil, entryId: i.entryId, callId };
}
