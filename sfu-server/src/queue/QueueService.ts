import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  QUEUE_RULES,
  type BreakReason,
  type CallerCamera,
  type CallId,
  type Channel,
  type Colleague,
  type DeskOffer,
  type DeskState,
  type Gender,
  type QueueStatus,
  type ServerToClientEvents,
  type ServiceTopic,
  type StaffRole,
  type WallboardSnapshot,
  taipeiDayStart,
} from '@sign-relay/shared';
import type { CallClosed, CallService } from '../calls/CallService.ts';
import { assertOpen, type ServiceHoursService } from '../schedule/ServiceHoursService.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { CallbackContact, CallRecordRepository } from '../store/repositories/callRecordRepository.ts';
import type { UserRepository } from '../store/repositories/userRepository.ts';
import type { WallboardLines } from '../wallboard/WallboardLines.ts';
import { averageHandleSec, countStaffing, estimateWaitSec } from './estimate.ts';
import { MatchLoop } from './MatchLoop.ts';
import type { Interpreter, Place, QueueEvent, QueueStore } from './model.ts';
import type { GuestRef, LiveNotifier, StaffRef } from '../people.ts';

export interface QueueServiceDeps {
  store: QueueStore;
  calls: CallService;
  records: CallRecordRepository;
  users: UserRepository;
  notifier: LiveNotifier;
  logger: Logger;
  wrapUpMs: number;
  /** Opening hours: callers join the video line only while video is open. */
  hours: ServiceHoursService;
  /** Completes the wallboard with the text-chat line, call-backs, signing without a break and the alarms. */
  wallboard: Pick<WallboardLines, 'complete'>;
  now?: () => number;
}

/**
 * The call queue (ACD): wires the queue rules (through a QueueStore) to calls, call records and people's
 * screens. Every change goes through the store in one atomic step; this service announces what happened.
 */
export class QueueService extends EventEmitter<{ changed: [] }> {
  private readonly now: () => number;
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;
  private readonly matcher: MatchLoop;
  private handleCache: { at: number; aht: number } = { at: 0, aht: 300 };
  private readonly names = new Map<string, { name: string; role: StaffRole }>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly d: QueueServiceDeps) {
    super();
    this.now = d.now ?? Date.now;
    this.log = d.logger.child({ component: 'queue' });
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
    const entryId = randomUUID();
    const now = this.now();
    const entry = { id: entryId, guestId: guest.guestId, channel: guest.channel, kioskId: guest.kioskId, topic: p.topic ?? null, preferredGender: p.preferredGender ?? null, camera: p.camera ?? null };
    // The record is written before the caller is queued: an accepted caller is never missing from the records.
    await this.d.records.queued({ ...entry, queuedAt: new Date(now), contact: p.contact });
    await this.handle(await this.d.store.enqueue(entry, now));
    await this.route();
    return this.status(entryId);
  }

  async leave(guestId: string, entryId: string): Promise<void> {
    await this.owned(guestId, entryId);
    await this.handle(await this.d.store.remove(entryId, 'left', this.now()));
    await this.route();
  }

  /** The caller is back after a dropped connection: their place (and a ring, if due) resumes. */
  async resume(guestId: string, entryId: string): Promise<QueueStatus> {
    await this.owned(guestId, entryId);
    await this.handle(await this.d.store.setConnection(entryId, null, this.now()));
    await this.route();
    return this.status(entryId);
  }

  /** The caller's connection dropped: they keep their place for the grace period. */
  async callerLost(entryId: string): Promise<void> {
    const place = await this.d.store.place(entryId);
    if (!place) return;
    const now = this.now();
    await this.handle(await this.d.store.setConnection(entryId, now + QUEUE_RULES.callerReconnectGraceMs, now));
    await this.route();
  }

  /** Position and estimated wait of a caller in line. */
  async status(entryId: string): Promise<QueueStatus> {
    const [place, snap] = await Promise.all([this.d.store.place(entryId), this.d.store.snapshot()]);
    if (!place) throw new AppError('NOT_FOUND', 'You are not in the queue.');
    return this.statusOf(place, countStaffing(snap.interpreters), await this.averageHandle());
  }

  /** Every waiting caller's status, for the live position broadcast. */
  async statuses(): Promise<Map<string, { guestId: string; status: QueueStatus }>> {
    const [places, snap] = await Promise.all([this.d.store.places(), this.d.store.snapshot()]);
    const staffing = countStaffing(snap.interpreters);
    const aht = await this.averageHandle();
    return new Map(places.map((p) => [p.entry.id, { guestId: p.entry.guestId, status: this.statusOf(p, staffing, aht) }]));
  }

  // ---- interpreters -------------------------------------------------------------------------------------

  async setStatus(staff: StaffRef, status: 'available' | 'break' | 'offline', reason?: BreakReason): Promise<DeskState> {
    await this.rememberName(staff.userId);
    await this.handle(await this.d.store.setPresence(staff.userId, status, { gender: staff.gender, reason: reason ?? null }, this.now()));
    await this.route();
    return this.desk(staff.userId);
  }

  async desk(userId: string): Promise<DeskState> {
    const i = await this.d.store.interpreter(userId);
    return this.deskOf(i);
  }

  /** The offered interpreter answers: the call is created and the caller told to join it. */
  async accept(staff: StaffRef, entryId: string): Promise<CallId> {
    const events = await this.d.store.respond(staff.userId, entryId, 'accept', this.now(), this.d.wrapUpMs);
    const answered = events.find((e): e is Extract<QueueEvent, { type: 'answered' }> => e.type === 'answered');
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

  async decline(staff: StaffRef, entryId: string): Promise<void> {
    await this.handle(await this.d.store.respond(staff.userId, entryId, 'decline', this.now()));
    await this.route();
  }

  async transfer(staff: StaffRef, toUserId: string): Promise<void> {
    await this.rememberName(toUserId);
    await this.handle(await this.d.store.offerTransfer(staff.userId, toUserId, this.now()));
  }

  /** Colleagues (interpreters and supervisors) and their states, for choosing a transfer target. */
  async colleagues(staff: StaffRef): Promise<Colleague[]> {
    const snap = await this.d.store.snapshot();
    const out: Colleague[] = [];
    for (const i of snap.interpreters) {
      if (i.id === staff.userId || i.state === 'offline') continue;
      const n = await this.rememberName(i.id);
      out.push({ userId: i.id, displayName: n.name, role: n.role, state: i.state });
    }
    return out.sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  /** The interpreter's last connection closed: off the desk (a call in progress is handled by the call). */
  async staffLost(userId: string): Promise<void> {
    const i = await this.d.store.interpreter(userId);
    if (!i || i.state === 'offline' || i.state === 'in-call') return;
    await this.handle(await this.d.store.setPresence(userId, 'offline', {}, this.now()));
    await this.route();
  }

  // ---- supervisors --------------------------------------------------------------------------------------

  async wallboard(): Promise<WallboardSnapshot> {
    const now = this.now();
    const [snap, places, sl] = await Promise.all([
      this.d.store.snapshot(),
      this.d.store.places(),
      this.d.records.serviceLevel(new Date(taipeiDayStart(now)), QUEUE_RULES.serviceLevelMs / 1000),
    ]);
    const waiting = places.map((p) => ({
      entryId: p.entry.id,
      channel: p.entry.channel,
      kioskId: p.entry.kioskId,
      topic: p.entry.topic,
      waitedSec: Math.max(0, Math.round((now - p.entry.enqueuedAt) / 1000)),
      state: p.entry.state === 'offered' ? ('offered' as const) : ('waiting' as const),
      requeued: p.entry.requeued,
    }));
    const interpreters = [];
    for (const i of snap.interpreters) {
      const n = await this.rememberName(i.id);
      interpreters.push({ userId: i.id, displayName: n.name, role: n.role, state: i.state, since: i.since, breakReason: i.breakReason });
    }
    const callsInProgress = [];
    for (const e of snap.entries) {
      if (e.state !== 'in-call' || !e.interpreterId) continue;
      const i = snap.interpreters.find((x) => x.id === e.interpreterId);
      callsInProgress.push({
        entryId: e.id,
        callId: this.d.calls.callOfEntry(e.id) ?? null,
        interpreterId: e.interpreterId,
        interpreterName: (await this.rememberName(e.interpreterId)).name,
        since: i?.since ?? now,
        channel: e.channel,
        kioskId: e.kioskId,
      });
    }
    const video = {
      at: now,
      waiting,
      longestWaitSec: waiting.reduce((m, w) => Math.max(m, w.waitedSec), 0),
      interpreters,
      callsInProgress,
      today: {
        answered: sl.answered,
        abandoned: sl.abandoned,
        serviceLevel: sl.serviceLevel,
        abandonRate: sl.abandonRate,
        averageHandleSec: sl.averageHandleSec,
        averageSpeedOfAnswerSec: sl.averageSpeedOfAnswerSec,
      },
    };
    return this.d.wallboard.complete(video, snap.interpreters, now, (id) => this.rememberName(id));
  }

  // ---- internals ----------------------------------------------------------------------------------------

  /** Routes callers to interpreters until nobody more can be matched. */
  route(): Promise<void> {
    return this.matcher.run();
  }

  private async onCallClosed(c: CallClosed): Promise<void> {
    if (!c.access) return;
    const entry = (await this.d.store.snapshot()).entries.find((e) => e.id === c.access!.entryId);
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

  /** Announces and records what the store reports. Never throws: a failed notification must not undo a step. */
  private async handle(events: QueueEvent[]): Promise<void> {
    for (const e of events) {
      try {
        await this.handleOne(e);
      } catch (err) {
        this.log.error({ err, event: e.type }, 'queue event handling failed');
      }
    }
  }

  private async handleOne(e: QueueEvent): Promise<void> {
    const at = new Date(this.now());
    switch (e.type) {
      case 'offered': {
        await this.d.records.offered(e.entry.id, at);
        const from = e.transferFrom ? { userId: e.transferFrom, displayName: (await this.rememberName(e.transferFrom)).name } : null;
        const offer: DeskOffer = {
          entryId: e.entry.id,
          channel: e.entry.channel,
          kioskId: e.entry.kioskId,
          topic: e.entry.topic,
          preferredGender: e.entry.preferredGender,
          queuedAt: e.entry.enqueuedAt,
          expiresAt: this.now() + QUEUE_RULES.offerTimeoutMs,
          transferFrom: from,
          requeued: e.entry.requeued,
          camera: e.entry.camera,
        };
        this.d.notifier.toStaff(e.interpreterId, 'desk:offer', offer);
        return;
      }
      case 'offer-ended':
        this.d.notifier.toStaff(e.interpreterId, 'desk:offerEnded', { entryId: e.entry.id, why: e.why });
        return;
      case 'interpreter':
        this.emit('changed');
        this.d.notifier.toStaff(e.interpreter.id, 'desk:state', this.deskOf(e.interpreter));
        return;
      case 'answered':
        this.d.notifier.toStaff(e.interpreterId, 'desk:offerEnded', { entryId: e.entry.id, why: 'answered' });
        return;
      case 'abandoned':
        await this.d.records.abandoned(e.entry.id, { at, reason: e.why === 'left' ? 'caller-left' : 'caller-lost' });
        this.d.notifier.toGuest(e.entry.guestId, 'queue:left', { entryId: e.entry.id, reason: e.why });
        return;
      case 'requeued': {
        await this.d.records.requeued(e.entry.id);
        this.d.notifier.toGuest(e.entry.guestId, 'queue:requeued', await this.status(e.entry.id));
        return;
      }
      case 'call-ended':
        return;
      case 'queue-changed':
        this.emit('changed');
        return;
    }
  }

  private statusOf(place: Place, staffing: { staffed: number; available: number }, aht: number): QueueStatus {
    return {
      entryId: place.entry.id,
      position: place.position,
      estimatedWaitSec: place.entry.state === 'offered' ? 0 : estimateWaitSec(place.position, staffing.staffed, staffing.available, aht),
      state: place.entry.state === 'offered' ? 'offered' : 'waiting',
      staffed: staffing.staffed,
      requeued: place.entry.requeued,
    };
  }

  /** Average handle time (talk + wrap-up) over the last 20 calls, refreshed at most every 30 s. */
  private async averageHandle(): Promise<number> {
    const now = this.now();
    if (now - this.handleCache.at > 30_000) {
      const recent = await this.d.records.recentHandleSeconds(20);
      this.handleCache = { at: now, aht: averageHandleSec(recent, 240) + this.d.wrapUpMs / 1000 };
    }
    return this.handleCache.aht;
  }

  private deskOf(i: Interpreter | undefined): DeskState {
    if (!i) return { state: 'offline', since: this.now(), breakReason: null, missedOffers: 0, wrapUpUntil: null, entryId: null, callId: null };
    const callId = i.state === 'in-call' && i.entryId ? (this.d.calls.callOfEntry(i.entryId) ?? null) : null;
    return { state: i.state, since: i.since, breakReason: i.breakReason, missedOffers: i.missedOffers, wrapUpUntil: i.wrapUpUntil, entryId: i.entryId, callId };
  }

  private async owned(guestId: string, entryId: string): Promise<Place> {
    const place = await this.d.store.place(entryId);
    if (!place || place.entry.guestId !== guestId) throw new AppError('NOT_FOUND', 'You are not in the queue.');
    return place;
  }

  private async rememberName(userId: string): Promise<{ name: string; role: StaffRole }> {
    const cached = this.names.get(userId);
    if (cached) return cached;
    const u = await this.d.users.byId(userId);
    const v = { name: u?.displayName ?? '—', role: u?.role ?? 'interpreter' };
    if (u) this.names.set(userId, v);
    return v;
  }
}
