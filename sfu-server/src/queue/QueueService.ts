import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { QUEUE_RULES, type BreakReason, type CallerCamera, type CallId, type Colleague, type EntryId, type DeskState, type Gender, type GuestId, type QueueResume, type QueueStatus, type ServiceTopic, type UserId } from '@sign-relay/shared';
import type { CallClosed, CallService } from '../calls/CallService.ts';
import { assertOpen, type ServiceHoursService } from '../schedule/ServiceHoursService.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { CallbackContact, CallRecordRepository } from '../store/repositories/callRecordRepository.ts';
import { MatchLoop } from './MatchLoop.ts';
import { withRetries, type RetryOptions } from './retry.ts';
import { RecordOutbox } from './RecordOutbox.ts';
import type { Place, QueueEvent, QueueStore, VideoLineIds } from './model.ts';
import { QueueAnnouncer } from './queueAnnouncer.ts';
import { QueueViews } from './QueueViews.ts';
import type { StaffNames } from './StaffNames.ts';
import type { GuestRef, LiveNotifier, StaffRef } from '../people.ts';

/** Checking an accept the store did not confirm: until the store answers again (about 15 s at most). */
const UNCONFIRMED_ACCEPT_RETRY: RetryOptions = { attempts: 8, firstDelayMs: 250, maxDelayMs: 4_000 };

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
  /** Call-record writes (held and retried while the database is out of reach); one of its own by default. */
  outbox?: RecordOutbox;
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
  private readonly outbox: RecordOutbox;

  constructor(private readonly d: QueueServiceDeps) {
    super();
    this.now = d.now ?? Date.now;
    this.log = d.logger.child({ component: 'queue' });
    this.outbox = d.outbox ?? new RecordOutbox({ logger: this.log });
    this.views = new QueueViews({ store: d.store, calls: d.calls, records: d.records, wrapUpMs: d.wrapUpMs, now: this.now, logger: this.log });
    this.announcer = new QueueAnnouncer({ records: d.records, outbox: this.outbox, notifier: d.notifier, names: d.names, views: this.views, logger: this.log, now: this.now, onChanged: () => this.emit('changed') });
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

  /** Resolves once routing and call-close handling in flight have finished and held records were tried (for shutdown). */
  async idle(): Promise<void> {
    while (this.matcher.busy || this.inFlight.size > 0) await Promise.allSettled([this.matcher.busy, ...this.inFlight]);
    await this.outbox.flush();
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
    await this.assertVideoOpen();
    const entryId = randomUUID() as EntryId;
    const now = this.now();
    const entry = { id: entryId, guestId: guest.guestId, channel: guest.channel, kioskId: guest.kioskId, kioskVerified: guest.kioskVerified ?? false, topic: p.topic ?? null, preferredGender: p.preferredGender ?? null, camera: p.camera ?? null };
    let events: QueueEvent<VideoLineIds>[];
    try {
      events = await this.d.store.enqueue(entry, now);
    } catch (err) {
      if (err instanceof AppError && err.code === 'UNAVAILABLE') this.takeBack(entryId);
      throw err;
    }
    const theirs = events.find((e) => e.type === 'already-in-line');
    if (theirs) {
      // The caller is in line already (from another window or connection, or a repeated join): that place it is.
      if (theirs.entry.state === 'in-call') throw new AppError('ALREADY_IN_CALL', 'You are already in a call.');
      await this.handle(await this.d.store.setConnection(theirs.entry.id, null, now));
      await this.route();
      return this.status(theirs.entry.id);
    }
    // Recorded before anyone can be rung for them (later writes of this record queue behind it); with the
    // database out of reach the caller still joins and the record is written once it is back.
    await this.outbox.write(entryId, 'queued', () => this.d.records.queued({ ...entry, queuedAt: new Date(now), contact: p.contact }));
    await this.handle(events);
    await this.route();
    return this.status(entryId);
  }

  /**
   * Callers join only while video is open. Hours that cannot be read (the database is out of reach) let the caller
   * in: an outage must not turn callers away, and outside the hours nobody is on the desk to ring anyway.
   */
  private async assertVideoOpen(): Promise<void> {
    try {
      await assertOpen(this.d.hours, 'video');
    } catch (err) {
      if (err instanceof AppError) throw err;
      this.log.warn({ err }, 'opening hours not read; the caller joins');
    }
  }

  /**
   * A join the store did not confirm in time may still be applied when it answers again: the entry is taken
   * back then (the removal is sent after the join, so it runs after it), leaving no caller nobody is connected to.
   */
  private takeBack(entryId: EntryId): void {
    void this.d.store.remove(entryId, 'lost', this.now()).catch((err: unknown) => this.log.warn({ err, entryId }, 'unconfirmed join not taken back'));
  }

  async leave(guestId: GuestId, entryId: EntryId): Promise<void> {
    await this.owned(guestId, entryId);
    await this.handle(await this.d.store.remove(entryId, 'left', this.now()));
    await this.route();
  }

  /**
   * The caller is back after a dropped connection: their place (and a ring, if due) resumes. A caller answered
   * while they were away (queue:connected went to a connection already dead) is given their call to join.
   */
  async resume(guestId: GuestId, entryId: EntryId): Promise<QueueResume> {
    const callId = this.d.calls.callOfEntry(entryId);
    if (callId && this.d.calls.isParty(callId, { kind: 'guest', guestId })) return { state: 'connected', entryId, callId };
    await this.owned(guestId, entryId);
    await this.handle(await this.d.store.setConnection(entryId, null, this.now()));
    await this.route();
    return this.status(entryId);
  }

  /**
   * The caller's last connection is gone, whichever of their connections it was: their place in line (joined on
   * any of them) is kept for the grace period, then given up.
   */
  async callerGone(guestId: GuestId): Promise<void> {
    const entry = await this.d.store.entryOfGuest(guestId);
    if (entry && entry.state !== 'in-call') await this.callerLost(entry.id);
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
    // The name is read ahead for the wallboard and transfers; an account that cannot be read now (the database
    // is out of reach) does not keep the interpreter off the desk.
    await this.d.names.of(staff.userId).catch((err: unknown) => this.log.warn({ err, userId: staff.userId }, 'staff name not read'));
    await this.handle(await this.d.store.setPresence(staff.userId, status, { gender: staff.gender, reason: reason ?? null }, this.now()));
    await this.route();
    return this.desk(staff.userId);
  }

  desk(userId: UserId): Promise<DeskState> {
    return this.views.desk(userId);
  }

  /**
   * The offered interpreter answers: the call is created and the caller told to join it. The store step comes
   * first; should a step after it fail (no media server, the record refused), it is undone: the caller goes
   * back to the head of the line, the interpreter is available again and the call, if made, is closed.
   */
  async accept(staff: StaffRef, entryId: EntryId): Promise<CallId> {
    const now = this.now();
    let events: QueueEvent<VideoLineIds>[];
    try {
      events = await this.d.store.respond(staff.userId, entryId, 'accept', now, this.d.wrapUpMs);
    } catch (err) {
      // The store did not answer in time, but may still apply the answer (a Redis that stopped answering runs
      // the queued command once it resumes): the caller would then sit in a call never made. Undone if so.
      if (err instanceof AppError && err.code === 'UNAVAILABLE') void this.undoIfAppliedLater(staff.userId, entryId);
      throw err;
    }
    const answered = events.find((e): e is Extract<QueueEvent<VideoLineIds>, { type: 'answered' }> => e.type === 'answered');
    let callId: CallId | undefined;
    let made = false;
    try {
      if (!answered) throw new AppError('INTERNAL', 'The call could not be connected.');
      const existing = this.d.calls.callOfEntry(entryId);
      if (answered.transferFrom && existing) {
        // A transfer: the colleague joins the call in progress.
        this.d.calls.grant(existing, staff.userId);
        callId = existing;
      } else {
        callId = await this.d.calls.create({ entryId, guestId: answered.entry.guestId, channel: answered.entry.channel, kioskId: answered.entry.kioskId, staffIds: new Set([staff.userId]) });
        made = true;
      }
      const answeredCall = callId;
      await this.outbox.write(entryId, 'answered', () => this.d.records.answered(entryId, { callId: answeredCall, interpreterId: staff.userId, transferredFrom: answered.transferFrom, at: new Date(now) }));
    } catch (err) {
      if (!answered?.transferFrom) await this.undoAccept(staff.userId, entryId, made ? callId : undefined);
      throw err;
    }
    await this.handle(events);
    this.d.notifier.toGuest(answered.entry.guestId, 'queue:connected', { entryId, callId });
    // The desk's own view: the answer to its accept already tells it the call, so a failed read costs nothing.
    await this.desk(staff.userId).then(
      (desk) => this.d.notifier.toStaff(staff.userId, 'desk:state', desk),
      (err: unknown) => this.log.warn({ err, userId: staff.userId }, 'desk state not sent after accept'),
    );
    return callId;
  }

  /**
   * After an accept the store did not confirm: once the store answers again, if it did put this interpreter in a
   * call with the entry and no call was made for it here, the accept is undone.
   */
  private async undoIfAppliedLater(userId: UserId, entryId: EntryId): Promise<void> {
    try {
      await withRetries(async () => {
        const i = await this.d.store.interpreter(userId);
        if (i?.state === 'in-call' && i.entryId === entryId && !this.d.calls.callOfEntry(entryId)) {
          this.log.warn({ userId, entryId }, 'an accept the store applied late is undone');
          await this.undoAccept(userId, entryId, undefined);
        }
      }, UNCONFIRMED_ACCEPT_RETRY);
    } catch (err) {
      this.log.error({ err, userId, entryId }, 'an unconfirmed accept could not be checked');
    }
  }

  /** An accept whose later step failed: caller back at the head of the line, interpreter available, call closed. */
  private async undoAccept(userId: UserId, entryId: EntryId, callId: CallId | undefined): Promise<void> {
    try {
      const now = this.now();
      await this.handle(await this.d.store.requeueCaller(userId, now));
      await this.handle(await this.d.store.setPresence(userId, 'available', {}, now));
      // Closed after the requeue, so its closing finds the caller no longer in a call and changes nothing more.
      if (callId) this.d.calls.get(callId).close('requeued');
      await this.route();
    } catch (err) {
      this.log.error({ err, userId, entryId }, 'failed accept not undone');
    }
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
    if (c.reason === 'requeued' || c.reason === 'media-failure') {
      await this.handle(await this.d.store.requeueCaller(entry.interpreterId, now));
      // A media failure is nobody's fault: the interpreter, still at the desk, is rung again at once.
      if (c.reason === 'media-failure') await this.handle(await this.d.store.setPresence(entry.interpreterId, 'available', {}, now));
      await this.route();
      return;
    }
    const events = await this.d.store.endCall(entry.interpreterId, this.d.wrapUpMs, now);
    // The record first: whoever hears the call ended (the desk's wrap-up) can already read it.
    await this.outbox.write(entry.id, 'ended', () => this.d.records.ended(entry.id, { at: new Date(now), reason: c.reason }));
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
