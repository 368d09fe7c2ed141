import { randomUUID } from 'node:crypto';
import { QUEUE_RULES, type ChatMessage, type ChatOffer, type ChatQueueStatus, type ChatSessionInfo, type ChatSessionId, type GuestId, type ServiceTopic, type UserId } from '@sign-relay/shared';
import { assertOpen, type ServiceHoursService } from '../schedule/ServiceHoursService.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { databaseUnavailable } from '../store/db.ts';
import { countStaffing, estimateWaitSec } from '../queue/estimate.ts';
import { MatchLoop } from '../queue/MatchLoop.ts';
import type { Place, QueueEvent, QueueStore } from '../queue/model.ts';
import { seatId, userOfSeat, type ChatLineIds, type SeatId } from './seats.ts';
import type { GuestRef, LiveNotifier, StaffRef } from '../people.ts';
import { sessionInfo, type ChatRepository } from '../store/repositories/chatRepository.ts';
import type { CallbackContact } from '../store/repositories/callRecordRepository.ts';

/** How often seats are checked against the chats the database has ended. */
const SEAT_SWEEP_MS = 60_000;

export interface ChatLineDeps {
  repo: ChatRepository;
  /** The chat line: the same queue rules as video, where each interpreter has `seats` places. */
  store: QueueStore<ChatLineIds>;
  notifier: LiveNotifier;
  logger: Logger;
  /** How many text chats one interpreter carries at once. */
  seats: number;
  /** Opening hours: text chat is 24 hours by default, but an admin can close it (e.g. a drill). */
  hours: ServiceHoursService;
  now?: () => number;
}

/**
 * The 24-hour text-chat line: chats wait and are routed like video calls, up to `seats` chats per interpreter;
 * offers to the interpreters' desks, accepting and declining them, and each waiting caller's place in line.
 */
export class ChatLine {
  private readonly now: () => number;
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;
  private statusTimer: NodeJS.Timeout | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private readonly matcher: MatchLoop<ChatLineIds>;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly d: ChatLineDeps) {
    this.now = d.now ?? Date.now;
    this.log = d.logger.child({ component: 'chat' });
    this.matcher = new MatchLoop(d.store, this.now, (events) => this.handle(events));
  }

  /**
   * Re-queues chats still waiting in the database (after a restart of a single-process server), then routes.
   * Nobody is connected to a restored chat yet: its caller has the reconnect grace to come back (chat:resume),
   * after which it is removed like any chat whose caller dropped. A chat still in a shared line is left as it is.
   */
  async start(tickMs = 500): Promise<void> {
    for (const s of await this.d.repo.waiting()) {
      const now = this.now();
      const events = await this.d.store.enqueue({ id: s.id, guestId: s.guestId, channel: s.channel, kioskId: s.kioskId, topic: (s.topic as ServiceTopic | null) ?? null, preferredGender: null }, now);
      if (events.some((e) => e.type === 'already-in-line')) {
        // A second waiting chat of one caller (kept from before one chat per caller held): it will never be served.
        await this.d.repo.end(s.id, 'guest-lost', new Date(now));
      } else if (events.length > 0) {
        await this.d.store.setConnection(s.id, now + QUEUE_RULES.callerReconnectGraceMs, now);
      }
    }
    this.timer ??= setInterval(() => this.track(this.tick()), tickMs);
    this.timer.unref();
    this.sweepTimer ??= setInterval(() => this.track(this.sweepSeats()), SEAT_SWEEP_MS);
    this.sweepTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.timer = undefined;
    this.sweepTimer = undefined;
    while (this.inFlight.size > 0 || this.matcher.busy) await Promise.allSettled([...this.inFlight, this.matcher.busy]);
  }

  /**
   * Frees seats still holding a chat the database has ended (its end was not applied to the line: a failure
   * between the two, or a process that stopped in between), so no seat stays taken by a chat nobody carries.
   */
  async sweepSeats(): Promise<void> {
    try {
      const now = this.now();
      for (const seat of (await this.d.store.snapshot()).interpreters) {
        if (seat.state !== 'in-call' || !seat.entryId) continue;
        const session = await this.d.repo.byId(seat.entryId);
        if (session && session.endedAt === null) continue;
        this.log.warn({ seat: seat.id, sessionId: seat.entryId }, 'seat held by an ended chat: freed');
        await this.freeSeat(userOfSeat(seat.id), seat.entryId, now);
      }
      await this.route();
    } catch (err) {
      this.log.error({ err }, 'chat seat sweep failed');
    }
  }

  async tick(): Promise<void> {
    try {
      await this.handle(await this.d.store.tick(this.now()));
      await this.route();
    } catch (err) {
      this.log.error({ err }, 'chat tick failed');
    }
  }

  // ---- callers -------------------------------------------------------------------------------------------

  /**
   * A caller asks for a chat. One waiting chat per caller: a caller who has one (from this window, another, or a
   * repeated request) gets that one back, connected again; one whose chat is under way is refused.
   */
  async startChat(guest: GuestRef, p: { topic?: ServiceTopic | undefined; contact?: CallbackContact | undefined }): Promise<ChatQueueStatus> {
    await assertOpen(this.d.hours, 'text');
    const id = randomUUID() as ChatSessionId;
    const now = this.now();
    const events = await this.d.store.enqueue({ id, guestId: guest.guestId, channel: guest.channel, kioskId: guest.kioskId, kioskVerified: guest.kioskVerified ?? false, topic: p.topic ?? null, preferredGender: null }, now);
    const theirs = events.find((e) => e.type === 'already-in-line');
    if (theirs) {
      if (theirs.entry.state === 'in-call') throw new AppError('CONFLICT', 'You already have a chat under way.');
      await this.handle(await this.d.store.setConnection(theirs.entry.id, null, now));
      await this.route();
      return this.status(theirs.entry.id);
    }
    try {
      await this.d.repo.createText({ id, guestId: guest.guestId, channel: guest.channel, kioskId: guest.kioskId, kioskVerified: guest.kioskVerified === true, topic: p.topic ?? null, contact: p.contact });
    } catch (err) {
      // Not saved: out of the line again (nobody was told of it), and the caller is told to try again.
      await this.d.store.remove(id, 'left', this.now()).catch((removeErr: unknown) => this.log.error({ err: removeErr, sessionId: id }, 'unsaved chat not removed from the line'));
      throw err;
    }
    await this.handle(events);
    await this.route();
    return this.status(id);
  }

  async status(sessionId: ChatSessionId): Promise<ChatQueueStatus> {
    const [place, snap] = await Promise.all([this.d.store.place(sessionId), this.d.store.snapshot()]);
    if (!place) throw new AppError('NOT_FOUND', 'This chat is not waiting.');
    return this.lineStatus(place, countStaffing(snap.interpreters));
  }

  /**
   * The caller's last connection is gone, whichever of their connections it was: their waiting chat (asked for
   * on any of them) keeps its place for the grace period, then ends.
   */
  async callerGone(guestId: GuestId): Promise<void> {
    const entry = await this.d.store.entryOfGuest(guestId);
    if (entry && entry.state !== 'in-call') await this.callerLost(entry.id);
  }

  /** The caller's connection dropped while waiting: they keep their place for the grace period. */
  async callerLost(sessionId: ChatSessionId): Promise<void> {
    if (!(await this.d.store.place(sessionId))) return;
    const now = this.now();
    await this.handle(await this.d.store.setConnection(sessionId, now + QUEUE_RULES.callerReconnectGraceMs, now));
  }

  /** The waiting caller is back (a reload or reconnect): their place, or null when the chat no longer waits. */
  async callerBack(sessionId: ChatSessionId): Promise<ChatQueueStatus | null> {
    await this.handle(await this.d.store.setConnection(sessionId, null, this.now()).catch(() => []));
    await this.route();
    return this.status(sessionId).catch(() => null);
  }

  /** A chat not yet answered is ended by its caller: it leaves the line (the caller is told it ended). */
  async withdraw(sessionId: ChatSessionId, now: number): Promise<void> {
    await this.handle(await this.d.store.remove(sessionId, 'left', now));
  }

  // ---- interpreters --------------------------------------------------------------------------------------

  /** Opens (or closes) the interpreter's chat seats; seats already carrying chats are never taken away. */
  async setChatStatus(staff: StaffRef, status: 'available' | 'offline'): Promise<{ seats: number; available: number; active: number }> {
    const now = this.now();
    await this.d.repo.chooseSeats(staff.userId, status === 'available');
    const active = (await this.d.repo.activeFor(staff.userId)).length;
    let busy = 0;
    const idle: SeatId[] = [];
    for (let n = 1; n <= this.d.seats; n++) {
      const seat = seatId(staff.userId, n);
      const i = await this.d.store.interpreter(seat);
      if (i && (i.state === 'in-call' || (i.state === 'offered' && status === 'available'))) busy++;
      else idle.push(seat);
    }
    // Chats carried from before a restart hold a place even though no seat shows them.
    const free = status === 'available' ? Math.max(0, this.d.seats - Math.max(busy, active)) : 0;
    for (const [k, seat] of idle.entries()) {
      await this.handle(await this.d.store.setPresence(seat, k < free ? 'available' : 'offline', { gender: staff.gender }, now));
    }
    await this.route();
    return { seats: this.d.seats, available: free, active };
  }

  async accept(staff: StaffRef, sessionId: ChatSessionId): Promise<{ session: ChatSessionInfo; messages: ChatMessage[] }> {
    const seat = await this.seatHolding(staff.userId, sessionId, 'offered');
    if (!seat) throw new AppError('NOT_FOUND', 'That chat is no longer offered to you.');
    const now = this.now();
    const events = await this.d.store.respond(seat, sessionId, 'accept', now);
    let answered: boolean;
    try {
      answered = await this.d.repo.answer(sessionId, staff.userId, new Date(now));
    } catch (err) {
      // Not saved: the chat goes back to the head of the line and the seat is freed, rather than both held
      // by a chat nobody carries.
      await this.undoAccept(seat, sessionId, 'requeue');
      throw databaseUnavailable(err) ?? err;
    }
    if (!answered) {
      await this.undoAccept(seat, sessionId, 'end');
      throw new AppError('NOT_FOUND', 'That chat is no longer waiting.');
    }
    await this.handle(events);
    const s = (await this.d.repo.byId(sessionId))!;
    this.d.notifier.toGuest(s.guestId, 'chat:connected', { sessionId, interpreterName: s.interpreterName ?? '' });
    return { session: sessionInfo(s), messages: await this.d.repo.messagesAfter(sessionId, 0, 5000) };
  }

  /**
   * An accept whose later step failed, undone: the seat is free again and the chat back at the head of the line
   * (`requeue`), or out of it when the database no longer has it waiting (`end`).
   */
  private async undoAccept(seat: SeatId, sessionId: ChatSessionId, how: 'requeue' | 'end'): Promise<void> {
    const now = this.now();
    try {
      if (how === 'requeue') {
        await this.handle(await this.d.store.requeueCaller(seat, now));
        await this.handle(await this.d.store.setPresence(seat, 'available', {}, now));
      } else {
        await this.handle(await this.d.store.endCall(seat, 0, now));
      }
      await this.route();
    } catch (err) {
      this.log.error({ err, sessionId, seat }, 'failed chat accept not undone');
    }
  }

  async decline(staff: StaffRef, sessionId: ChatSessionId): Promise<void> {
    const seat = await this.seatHolding(staff.userId, sessionId, 'offered');
    if (!seat) throw new AppError('NOT_FOUND', 'That chat is no longer offered to you.');
    await this.handle(await this.d.store.respond(seat, sessionId, 'decline', this.now()));
    await this.route();
  }

  async activeChats(staff: StaffRef): Promise<ChatSessionInfo[]> {
    return (await this.d.repo.activeFor(staff.userId)).map(sessionInfo);
  }

  /** An answered chat ended: the seat that carried it is free again, if the interpreter still takes chats. */
  async freeSeat(userId: UserId, sessionId: ChatSessionId, now: number): Promise<void> {
    const seat = await this.seatHolding(userId, sessionId);
    if (!seat) return;
    await this.handle(await this.d.store.endCall(seat, 0, now));
    // The freed seat follows the interpreter's choice: one who stopped taking chats is offered no more.
    if (!(await this.d.repo.seatsOpen(userId))) await this.closeSeat(seat, now);
  }

  /** The interpreter's last connection closed: no new chats are offered; chats in progress stay theirs. */
  async staffLost(userId: UserId): Promise<void> {
    for (let n = 1; n <= this.d.seats; n++) {
      const seat = seatId(userId, n);
      const i = await this.d.store.interpreter(seat);
      if (i && i.state !== 'offline' && i.state !== 'in-call') await this.handle(await this.d.store.setPresence(seat, 'offline', {}, this.now()));
    }
    await this.route();
  }

  // ---- internals -----------------------------------------------------------------------------------------

  private track(work: Promise<unknown>): void {
    const w: Promise<void> = work
      .then(() => undefined)
      .catch((err: unknown) => this.log.error({ err }, 'chat background work failed'))
      .finally(() => this.inFlight.delete(w));
    this.inFlight.add(w);
  }

  /** Takes a freed seat offline (it may already have been offered a chat in between: then it rings as usual). */
  private async closeSeat(seat: SeatId, now: number): Promise<void> {
    const i = await this.d.store.interpreter(seat);
    if (i && (i.state === 'wrap-up' || i.state === 'available')) await this.handle(await this.d.store.setPresence(seat, 'offline', {}, now));
  }

  private route(): Promise<void> {
    return this.matcher.run();
  }

  private async handle(events: QueueEvent<ChatLineIds>[]): Promise<void> {
    for (const e of events) {
      try {
        switch (e.type) {
          case 'offered': {
            const offer: ChatOffer = { sessionId: e.entry.id, channel: e.entry.channel, kioskId: e.entry.kioskId, kioskVerified: e.entry.kioskVerified === true, topic: e.entry.topic, queuedAt: e.entry.enqueuedAt, expiresAt: this.now() + QUEUE_RULES.offerTimeoutMs };
            this.d.notifier.toStaff(userOfSeat(e.interpreterId), 'desk:chatOffer', offer);
            break;
          }
          case 'offer-ended':
            this.d.notifier.toStaff(userOfSeat(e.interpreterId), 'desk:chatOfferEnded', { sessionId: e.entry.id, why: e.why });
            break;
          case 'answered':
            this.d.notifier.toStaff(userOfSeat(e.interpreterId), 'desk:chatOfferEnded', { sessionId: e.entry.id, why: 'answered' });
            break;
          case 'interpreter':
            // Two missed chat offers in a row pause every chat seat of that interpreter, not just the one.
            if (e.interpreter.state === 'break' && e.interpreter.breakReason === 'missed-offers') await this.staffLost(userOfSeat(e.interpreter.id));
            break;
          case 'abandoned': {
            const at = new Date(this.now());
            if (await this.d.repo.end(e.entry.id, e.why === 'left' ? 'guest-left' : 'guest-lost', at)) {
              this.d.notifier.toGuest(e.entry.guestId, 'chat:ended', { sessionId: e.entry.id, by: e.why === 'left' ? 'guest' : 'system', reason: e.why });
            }
            break;
          }
          case 'queue-changed':
            this.statusesSoon();
            break;
          case 'call-ended':
          case 'requeued':
          case 'already-in-line':
            break;
        }
      } catch (err) {
        this.log.error({ err, event: e.type }, 'chat event handling failed');
      }
    }
  }

  /** Pushes every waiting chat's place shortly after the line changes. */
  private statusesSoon(): void {
    this.statusTimer ??= setTimeout(() => {
      this.statusTimer = undefined;
      this.track(
        (async () => {
          const [places, snap] = await Promise.all([this.d.store.places(), this.d.store.snapshot()]);
          const staffing = countStaffing(snap.interpreters);
          for (const p of places) this.d.notifier.toGuest(p.entry.guestId, 'chat:status', this.lineStatus(p, staffing));
        })(),
      );
    }, 100);
  }

  /** A waiting chat's place as its caller sees it: the same for the answer to a request and the pushed update. */
  private lineStatus(place: Place<ChatLineIds>, staffing: { staffed: number; available: number }): ChatQueueStatus {
    const offered = place.entry.state === 'offered';
    return {
      sessionId: place.entry.id,
      position: place.position,
      estimatedWaitSec: offered ? 0 : estimateWaitSec(place.position, staffing.staffed, staffing.available, 300),
      state: offered ? 'offered' : 'waiting',
      // The line counts seats; the caller is told how many interpreters are on duty.
      staffed: Math.ceil(staffing.staffed / this.d.seats),
    };
  }

  private async seatHolding(userId: UserId, sessionId: ChatSessionId, state?: 'offered' | 'in-call'): Promise<SeatId | undefined> {
    for (let n = 1; n <= this.d.seats; n++) {
      const seat = seatId(userId, n);
      const i = await this.d.store.interpreter(seat);
      if (i && i.entryId === sessionId && (!state || i.state === state)) return seat;
    }
    return undefined;
  }
}
