import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { QUEUE_RULES, type BreakReason, type CallerCamera, type CallId, type Colleague, type EntryId, type DeskState, type Gender, type GuestId, type QueueStatus, type ServiceTopic, type UserId } from '@sign-relay/shared';
import type { CallClosed, CallService } from '../calls/CallService.ts';
import { assertOpen, type ServiceHoursService } from '../schedule/ServiceHoursService.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { CallbackContact, CallRecordRepository } from '../store/repositories/callRecordRepository.ts';
import { MatchLoop } from './MatchLoop.ts';
import type { Place, QueueEvent, QueueStore, VideoLineIds } from './model.ts';
import { QueueAnnouncer } from './queueAnnouncer.ts';
import { QueueViews } from './QueueViews.ts';
import type { StaffNames } from './StaffNames.ts';
import type { GuestRef, LiveNotifier, StaffRef } from '../people.ts';

export interface QueueServiceDeps {
  store: QueueStore<VideoLineIds>;
  calls: CallService;
  records: CallRecordRepository;
  /** Shared with the wallboard. */
  names: StaffNames;
  notifier: LiveNotifier;
  logger: Logger;
  wrapUpMs: number;
  /** Opening hours: callers join the video line only while video is open. */
  hours: ServiceHoursService;
  now?: () => number;
}

/**
 * The call queue (ACD): wires the queue rules (through a QueueStore) to calls, call records and people's
 * screens. Every change goes through the store in one atomic step; the announcer tells who needs to know.
 */
export class QueueService extends EventEmitter<{ changed: [] }> {
  private readonly now: () => number;
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;
  private readonly matcher: MatchLoop<VideoLineIds>;
  private readonly views: QueueViews;
  private readonly announcer: QueueAnnouncer;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly d: QueueServiceDeps) {
    super();
    this.now = d.now ?? Date.now;
    this.log = d.logger.child({ component: 'queue' });
    this.views = new QueueViews({ store: d.store, calls: d.calls, records: d.records, wrapUpMs: d.wrapUpMs, now: this.now });
    this.announcer = new QueueAnnouncer({ records: d.records, notifier: d.notifier, names: d.names, views: this.views, logger: this.log, now: this.now, onChanged: () => this.emit('changed') });
    this.matcher = new MatchLoop(d.store, this.now, (events) => this.handle(events));
    d.calls.on('closed', (c) => {
      const work = this.onCallClosed(c)
        .catch((err: unknown) => this.log.error({ err, callId: c.callId }, 'call close handling failed'))
        .finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    });
  }

  /** Starts the deadline clock (ring timeouts, wrap-ups, reconnect graces) and routing. */
  start(tickMs = 500): void {
    this.timer ??= setInterval(() => {
      const work = this.tick().finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    }, tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Resolves once routing and call-close handling in flight have finished (for shutdown). */
  async idle(): Promise<void> {
    while (this.matcher.busy || this.inFlight.size > 0) await Promise.allSettled([this.matcher.busy, ...this.inFlight]);
  }

  async tick(): Promise<void> {
    try {
      await this.handle(await this.d.store.tick(this.now()));
      await this.route();
    } catch (err) {
      this.log.error({ err }, 'queue tick failed');
    }
  }

  // ---- callers ------------------------------------------------------------------------------------------

  async join(guest: GuestRef, p: { topic?: ServiceTopic | undefined; preferredGender?: Gender | undefined; contact?: CallbackContact | undefined; camera?: CallerCamera | undefined }): Promise<QueueStatus> {
    await assertOpen(this.d.hours, 'video');
    const entryId = randomUUID() as EntryId;
    const now = this.now();
    const entry = { id: entryId, guestId: guest.guestId, channel: guest.channel, kioskId: guest.kioskId, topic: p.topic ?? null, preferredGender: p.preferredGender ?? null, camera: p.camera ?? null };
    // The record is written before the caller is queued: an accepted caller is never missing from the records.
    await this.d.records.queued({ ...entry, queuedAt: new Date(now), contact: p.contact });
    await this.handle(await this.d.store.enqueue(entry, now));
    await this.route();
    return this.status(entryId);
  }

  async leave(guestId: GuestId, entryId: EntryId): Promise<void> {
    await this.owned(guestId, entryId);
    await this.handle(await this.d.store.remove(entryId, 'left', this.now()));
    await this.route();
  }

  /** The caller is back after a dropped connection: their place (and a ring, if due) resumes. */
  async resume(guestId: GuestId, entryId: EntryId): Promise<QueueStatus> {
    await this.owned(guestId, entryId);
    await this.handle(await this.d.store.setConnection(entryId, null, this.now()));
    await this.route();
    return this.status(entryId);
  }

  /** The caller's connection dropped: they keep their place for the grace period. */
  async callerLost(entryId: EntryId): Promise<void> {
    const place = await this.d.store.place(entryId);
    if (!place) return;
    const now = this.now();
    await this.handle(await this.d.store.setConnection(entryId, now + QUEUE_RULES.callerReconnectGraceMs, now));
    await this.route();
  }

  /** Position and estimated wait of a caller in line. */
  status(entryId: EntryId): Promise<QueueStatus> {
    return this.views.status(entryId);
  }

  /** Every waiting caller's status, for the live position broadcast. */
  statuses(): Promise<Map<EntryId, { guestId: GuestId; status: QueueStatus }>> {
    return this.views.statuses();
  }

  // ---- interpreters -------------------------------------------------------------------------------------

  async setStatus(staff: StaffRef, status: 'available' | 'break' | 'offline', reason?: BreakReason): Promise<DeskState> {
    await this.d.names.of(staff.userId);
    await this.handle(await this.d.store.setPresence(staff.userId, status, { gender: staff.gender, reason: reason ?? null }, this.now()));
    await this.route();
    return this.desk(staff.userId);
  }

  desk(userId: UserId): Promise<DeskState> {
    return this.views.desk(userId);
  }

  /** The offered interpreter answers: the call is created and the caller told to join it. */
  async accept(staff: StaffRef, entryId: EntryId): Promise<CallId> {
    const events = await this.d.store.respond(staff.userId, entryId, 'accept', this.now(), this.d.wrapUpMs);
    const answered = events.find((e): e is Extract<QueueEvent<VideoLineIds>, { type: 'answered' }> => e.type === 'answered');
    if (!answered) throw new AppError('INTERNAL', 'The call could not be connected.');
    let callId: CallId;
    const existing = this.d.calls.callOfEntry(entryId);
    if (answered.transferFrom && existing) {
      // A transfer: the colleague joins the call in progress.
      this.d.calls.grant(existing, staff.userId);
      callId = existing;
    } else {
      try {
        callId = await this.d.calls.create({ entryId, guestId: answered.entry.guestId, channel: answered.entry.channel, kioskId: answered.entry.kioskId, staffIds: new Set([staff.userId]) });
      } catch (err) {
        // No media server: the caller goes back to the head of the line rather than being dropped.
        await this.handle(await this.d.store.requeueCaller(staff.userId, this.now()));
        await this.handle(await this.d.store.setPresence(staff.userId, 'available', {}, this.now()));
        throw err;
      }
    }
    await this.d.records.answered(entryId, { callId, interpreterId: staff.userId, transferredFrom: answered.transferFrom, at: new Date(this.now()) });
    await this.handle(events);
    this.d.notifier.toGuest(answered.entry.guestId, 'queue:connected', { entryId, callId });
    this.d.notifier.toStaff(staff.userId, 'desk:state', await this.desk(staff.userId));
    return callId;
  }

  async decline(staff: StaffRef, entryId: EntryId): Promise<void> {
    await this.handle(await this.d.store.respond(staff.userId, entryId, 'decline', this.now()));
    await this.route();
  }

  async transfer(staff: StaffRef, toUserId: UserId): Promise<void> {
    await this.d.names.of(toUserId);
    await this.handle(await this.d.store.offerTransfer(staff.userId, toUserId, this.now()));
  }

  /** Colleagues (interpreters and supervisors) and their states, for choosing a transfer target. */
  async colleagues(staff: StaffRef): Promise<Colleague[]> {
    const snap = await this.d.store.snapshot();
    const out: Colleague[] = [];
    for (const i of snap.interpreters) {
      if (i.id === staff.userId || i.state === 'offline') continue;
      const n = await this.d.names.of(i.id);
      out.push({ userId: i.id, displayName: n.name, role: n.role, state: i.state });
    }
    return out.sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  /** The interpreter's last connection closed: off the desk (a call in progress is handled by the call). */
  async staffLost(userId: UserId): Promise<void> {
    const i = await this.d.store.interpreter(userId);
    if (!i || i.state === 'offline' || i.state === 'in-call') return;
    await this.handle(await this.d.store.setPresence(userId, 'offline', {}, this.now()));
    await this.route();
  }

  // ---- internals ----------------------------------------------------------------------------------------

  /** Routes callers to interpreters until nobody more can be matched. */
  route(): Promise<void> {
    return this.matcher.run();
  }

  private async onCallClosed(c: CallClosed): Promise<void> {
    const entry = (await this.d.store.snapshot()).entries.find((e) => e.id === c.access.entryId);
    if (!entry || entry.state !== 'in-call' || !entry.interpreterId) return;
    const now = this.now();
    if (c.reason === 'requeued') {
      await this.handle(await this.d.store.requeueCaller(entry.interpreterId, now));
      await this.route();
      return;
    }
    const events = await this.d.store.endCall(entry.interpreterId, this.d.wrapUpMs, now);
    // The record first: whoever hears the call ended (the desk's wrap-up) can already read it.
    await this.d.records.ended(entry.id, { at: new Date(now), reason: c.reason });
    await this.handle(events);
  }

  private async owned(guestId: GuestId, entryId: EntryId): Promise<Place<VideoLineIds>> {
    const place = await this.d.store.place(entryId);
    if (!place || place.entry.guestId !== guestId) throw new AppError('NOT_FOUND', 'You are not in the queue.');
    return place;
  }

  private handle(events: QueueEvent<VideoLineIds>[]): Promise<void> {
    return this.announcer.handle(events);
  }
}
