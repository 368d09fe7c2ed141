import { randomUUID } from 'node:crypto';
import { QUEUE_RULES, type CallId, type ChatMessage, type ChatOffer, type ChatQueueStatus, type ChatSessionInfo, type ServiceTopic } from '@sign-relay/shared';
import type { Principal } from '../auth/tokens.ts';
import type { CallService } from '../calls/CallService.ts';
import { assertOpen, type ServiceHoursService } from '../schedule/ServiceHoursService.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { countStaffing, estimateWaitSec } from '../queue/estimate.ts';
import { MatchLoop } from '../queue/MatchLoop.ts';
import type { QueueEvent, QueueStore } from '../queue/model.ts';
import type { GuestRef, LiveNotifier, StaffRef } from '../people.ts';
import { TokenBucket } from '../util/TokenBucket.ts';
import { sessionInfo, type ChatRepository, type ChatSessionRow } from '../store/repositories/chatRepository.ts';
import type { ChatWriter } from './ChatWriter.ts';
import type { CallbackContact } from '../store/repositories/callRecordRepository.ts';

export interface ChatServiceDeps {
  repo: ChatRepository;
  /** Writes messages (group commit); every message is committed before it is acknowledged. */
  writer: Pick<ChatWriter, 'append'>;
  /** The chat line: the same queue rules as video, where each interpreter has `seats` places. */
  store: QueueStore;
  calls: CallService;
  notifier: LiveNotifier;
  logger: Logger;
  /** How many text chats one interpreter carries at once. */
  seats: number;
  /** Opening hours: text chat is 24 hours by default, but an admin can close it (e.g. a drill). */
  hours: ServiceHoursService;
  now?: () => number;
}

/** An interpreter's chat seats are queue "interpreters" named `<userId>#<n>`. */
const seatId = (userId: string, n: number) => `${userId}#${n}`;
const userOf = (seat: string) => seat.slice(0, seat.lastIndexOf('#'));

/**
 * Text chat: the 24-hour chat line (routed like video, up to `seats` chats per interpreter), messages stored
 * before they are acknowledged and delivered to every connection of both parties, typing indicators, and the
 * chat beside each video call.
 */
export class ChatService {
  private readonly now: () => number;
  private readonly log: Logger;
  private readonly buckets = new Map<string, TokenBucket>();
  private timer: NodeJS.Timeout | undefined;
  private statusTimer: NodeJS.Timeout | undefined;
  private readonly matcher: MatchLoop;
  private readonly inFlight = new Set<Promise<void>>();
  /**
   * Answered sessions by id: who the parties are no longer changes once a chat is answered, so sending does
   * not read the session each time. Whether it has ended is decided by the database on every message.
   */
  private readonly sessions = new Map<string, ChatSessionRow>();

  constructor(private readonly d: ChatServiceDeps) {
    this.now = d.now ?? Date.now;
    this.log = d.logger.child({ component: 'chat' });
    this.matcher = new MatchLoop(d.store, this.now, (events) => this.handle(events));
    d.calls.on('closed', (c) => {
      for (const [id, row] of this.sessions) if (row.callId === c.callId) this.sessions.delete(id);
      this.track(d.repo.endForCall(c.callId, new Date(this.now())));
    });
  }

  /** Re-queues chats still waiting in the database (after a restart of a single-process server), then routes. */
  async start(tickMs = 500): Promise<void> {
    for (const s of await this.d.repo.waiting()) {
      await this.d.store.enqueue({ id: s.id, guestId: s.guestId, channel: s.channel, kioskId: s.kioskId, topic: (s.topic as ServiceTopic | null) ?? null, preferredGender: null }, this.now());
    }
    this.timer ??= setInterval(() => this.track(this.tick()), tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.timer = undefined;
    while (this.inFlight.size > 0 || this.matcher.busy) await Promise.allSettled([...this.inFlight, this.matcher.busy]);
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

  async startChat(guest: GuestRef, p: { topic?: ServiceTopic | undefined; contact?: CallbackContact | undefined }): Promise<ChatQueueStatus> {
    await assertOpen(this.d.hours, 'text');
    const id = randomUUID();
    await this.d.repo.createText({ id, guestId: guest.guestId, channel: guest.channel, kioskId: guest.kioskId, topic: p.topic ?? null, contact: p.contact });
    await this.handle(await this.d.store.enqueue({ id, guestId: guest.guestId, channel: guest.channel, kioskId: guest.kioskId, topic: p.topic ?? null, preferredGender: null }, this.now()));
    await this.route();
    return this.status(id);
  }

  async status(sessionId: string): Promise<ChatQueueStatus> {
    const [place, snap] = await Promise.all([this.d.store.place(sessionId), this.d.store.snapshot()]);
    if (!place) throw new AppError('NOT_FOUND', 'This chat is not waiting.');
    const { staffed, available } = countStaffing(snap.interpreters);
    return {
      sessionId,
      position: place.position,
      estimatedWaitSec: place.entry.state === 'offered' ? 0 : estimateWaitSec(place.position, staffed, available, 300),
      state: place.entry.state === 'offered' ? 'offered' : 'waiting',
      staffed: Math.ceil(staffed / this.d.seats),
    };
  }

  /** The caller's connection dropped while waiting: they keep their place for the grace period. */
  async callerLost(sessionId: string): Promise<void> {
    if (!(await this.d.store.place(sessionId))) return;
    const now = this.now();
    await this.handle(await this.d.store.setConnection(sessionId, now + QUEUE_RULES.callerReconnectGraceMs, now));
  }

  // ---- both parties --------------------------------------------------------------------------------------

  /** After a reload or reconnect: the session, its whole history, and (while waiting) its place in line. */
  async resume(who: Principal, sessionId: string): Promise<{ session: ChatSessionInfo; messages: ChatMessage[]; status: ChatQueueStatus | null }> {
    const s = await this.sessionFor(who, sessionId, { allowEnded: true });
    let status: ChatQueueStatus | null = null;
    if (who.kind === 'guest' && !s.interpreterId && !s.endedAt && s.kind === 'text') {
      await this.handle(await this.d.store.setConnection(sessionId, null, this.now()).catch(() => []));
      await this.route();
      status = await this.status(sessionId).catch(() => null);
    }
    return { session: sessionInfo(s), messages: await this.d.repo.messagesAfter(sessionId, 0, 5000), status };
  }

  /**
   * The chat beside a video call, for the call's caller and interpreters only, with the messages of the text
   * chat it came from (`fromChat`, the caller's own text chat; linked once, and the interpreters told).
   */
  async forCall(who: Principal, callId: string, fromChat?: string): Promise<{ session: ChatSessionInfo; messages: ChatMessage[]; earlier: ChatMessage[] }> {
    const access = this.d.calls.partiesOf(callId as CallId);
    if (!access) throw new AppError('NOT_FOUND', 'There is no such call in progress.');
    if (!this.d.calls.isParty(callId as CallId, who)) throw new AppError('FORBIDDEN', 'This is not your call.');
    let s = await this.d.repo.forCall({ id: randomUUID(), callId, callRecordId: access.entryId, guestId: access.guestId, channel: access.channel, kioskId: access.kioskId });
    /** The earlier text chat's messages, read once: for the interpreters' push and for this answer. */
    let earlier: ChatMessage[] | null = null;
    if (who.kind === 'guest' && fromChat && !s.previousSessionId) {
      const previous = await this.d.repo.byId(fromChat);
      if (previous && previous.kind === 'text' && previous.guestId === who.guestId && (await this.d.repo.linkPrevious(s.id, fromChat))) {
        s = { ...s, previousSessionId: fromChat };
        this.sessions.delete(s.id);
        earlier = await this.d.repo.messagesAfter(fromChat, 0, 5000);
        for (const staffId of this.staffOf(s)) this.d.notifier.toStaff(staffId, 'chat:earlier', { sessionId: s.id, messages: earlier });
      }
    }
    earlier ??= s.previousSessionId ? await this.d.repo.messagesAfter(s.previousSessionId, 0, 5000) : [];
    const messages = await this.d.repo.messagesAfter(s.id, 0, 5000);
    return { session: sessionInfo(s), messages, earlier };
  }

  /** Stores, then delivers. A resend with the same client key returns the stored message and is not delivered twice. */
  async send(who: Principal, p: { sessionId: string; clientKey: string; body: string }, senderName: string): Promise<ChatMessage> {
    const s = await this.sessionFor(who, p.sessionId);
    const from = who.kind === 'guest' ? ('guest' as const) : ('staff' as const);
    const key = `${who.kind === 'guest' ? who.guestId : who.userId}:${p.sessionId}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(30, 5);
      if (this.buckets.size > 100_000) this.buckets.clear();
      this.buckets.set(key, bucket);
    }
    if (!bucket.take()) {
      // A resend of a stored message is still answered: reconnecting clients resend in bursts.
      const earlier = await this.d.repo.byClientKey(p.sessionId, from, p.clientKey);
      if (earlier) return earlier;
      throw new AppError('RATE_LIMITED', 'Too many messages; slow down.');
    }
    const stored = await this.d.writer.append({
      id: randomUUID(),
      sessionId: p.sessionId,
      from,
      senderId: who.kind === 'guest' ? who.guestId : who.userId,
      senderName,
      clientKey: p.clientKey,
      body: p.body,
    });
    if (!stored) {
      this.sessions.delete(p.sessionId);
      throw new AppError('CALL_ENDED', 'This chat has ended.');
    }
    if (!stored.duplicate) this.deliver(s, 'chat:message', stored.message);
    return stored.message;
  }

  async sync(who: Principal, sessionId: string, afterSeq: number): Promise<ChatMessage[]> {
    await this.sessionFor(who, sessionId, { allowEnded: true });
    return this.d.repo.messagesAfter(sessionId, afterSeq);
  }

  async typing(who: Principal, sessionId: string, typing: boolean): Promise<void> {
    const s = await this.sessionFor(who, sessionId);
    const payload = { sessionId, from: who.kind === 'guest' ? ('guest' as const) : ('staff' as const), typing };
    if (who.kind === 'guest') for (const staffId of this.staffOf(s)) this.d.notifier.toStaff(staffId, 'chat:typing', payload);
    else this.d.notifier.toGuest(s.guestId, 'chat:typing', payload);
  }

  async end(who: Principal, sessionId: string): Promise<void> {
    const s = await this.sessionFor(who, sessionId);
    if (s.kind === 'call') throw new AppError('BAD_REQUEST', 'The chat of a call ends with the call.');
    const now = this.now();
    if (!s.interpreterId) {
      await this.handle(await this.d.store.remove(sessionId, 'left', now));
      return;
    }
    const seat = await this.seatHolding(s.interpreterId, sessionId);
    if (seat) {
      await this.handle(await this.d.store.endCall(seat, 0, now));
      // The freed seat follows the interpreter's choice: one who stopped taking chats is offered no more.
      if (!(await this.d.repo.seatsOpen(s.interpreterId))) await this.closeSeat(seat, now);
    }
    this.sessions.delete(sessionId);
    if (await this.d.repo.end(sessionId, who.kind === 'guest' ? 'guest-ended' : 'staff-ended', new Date(now))) {
      this.deliver(s, 'chat:ended', { sessionId, by: who.kind === 'guest' ? 'guest' : 'staff', reason: 'ended' });
    }
    await this.tick();
  }

  // ---- interpreters --------------------------------------------------------------------------------------

  /** Opens (or closes) the interpreter's chat seats; seats already carrying chats are never taken away. */
  async setChatStatus(staff: StaffRef, status: 'available' | 'offline'): Promise<{ seats: number; available: number; active: number }> {
    const now = this.now();
    await this.d.repo.chooseSeats(staff.userId, status === 'available');
    const active = (await this.d.repo.activeFor(staff.userId)).length;
    let busy = 0;
    const idle: string[] = [];
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

  async accept(staff: StaffRef, sessionId: string): Promise<{ session: ChatSessionInfo; messages: ChatMessage[] }> {
    const seat = await this.seatHolding(staff.userId, sessionId, 'offered');
    if (!seat) throw new AppError('NOT_FOUND', 'That chat is no longer offered to you.');
    const now = this.now();
    const events = await this.d.store.respond(seat, sessionId, 'accept', now);
    if (!(await this.d.repo.answer(sessionId, staff.userId, new Date(now)))) throw new AppError('NOT_FOUND', 'That chat is no longer waiting.');
    await this.handle(events);
    const s = (await this.d.repo.byId(sessionId))!;
    this.d.notifier.toGuest(s.guestId, 'chat:connected', { sessionId, interpreterName: s.interpreterName ?? '' });
    return { session: sessionInfo(s), messages: await this.d.repo.messagesAfter(sessionId, 0, 5000) };
  }

  async decline(staff: StaffRef, sessionId: string): Promise<void> {
    const seat = await this.seatHolding(staff.userId, sessionId, 'offered');
    if (!seat) throw new AppError('NOT_FOUND', 'That chat is no longer offered to you.');
    await this.handle(await this.d.store.respond(seat, sessionId, 'decline', this.now()));
    await this.route();
  }

  async activeChats(staff: StaffRef): Promise<ChatSessionInfo[]> {
    return (await this.d.repo.activeFor(staff.userId)).map(sessionInfo);
  }

  /** The interpreter's last connection closed: no new chats are offered; chats in progress stay theirs. */
  async staffLost(userId: string): Promise<void> {
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
  private async closeSeat(seat: string, now: number): Promise<void> {
    const i = await this.d.store.interpreter(seat);
    if (i && (i.state === 'wrap-up' || i.state === 'available')) await this.handle(await this.d.store.setPresence(seat, 'offline', {}, now));
  }

  private route(): Promise<void> {
    return this.matcher.run();
  }

  private async handle(events: QueueEvent[]): Promise<void> {
    for (const e of events) {
      try {
        switch (e.type) {
          case 'offered': {
            const offer: ChatOffer = { sessionId: e.entry.id, channel: e.entry.channel, kioskId: e.entry.kioskId, topic: e.entry.topic, queuedAt: e.entry.enqueuedAt, expiresAt: this.now() + QUEUE_RULES.offerTimeoutMs };
            this.d.notifier.toStaff(userOf(e.interpreterId), 'desk:chatOffer', offer);
            break;
          }
          case 'offer-ended':
            this.d.notifier.toStaff(userOf(e.interpreterId), 'desk:chatOfferEnded', { sessionId: e.entry.id, why: e.why });
            break;
          case 'answered':
            this.d.notifier.toStaff(userOf(e.interpreterId), 'desk:chatOfferEnded', { sessionId: e.entry.id, why: 'answered' });
            break;
          case 'interpreter':
            // Two missed chat offers in a row pause every chat seat of that interpreter, not just the one.
            if (e.interpreter.state === 'break' && e.interpreter.breakReason === 'missed-offers') await this.staffLost(userOf(e.interpreter.id));
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
          const { staffed, available } = countStaffing(snap.interpreters);
          for (const p of places) {
            this.d.notifier.toGuest(p.entry.guestId, 'chat:status', {
              sessionId: p.entry.id,
              position: p.position,
              estimatedWaitSec: p.entry.state === 'offered' ? 0 : estimateWaitSec(p.position, staffed, available, 300),
              state: p.entry.state === 'offered' ? 'offered' : 'waiting',
              staffed: Math.ceil(staffed / this.d.seats),
            });
          }
        })(),
      );
    }, 100);
  }

  private async seatHolding(userId: string, sessionId: string, state?: 'offered' | 'in-call'): Promise<string | undefined> {
    for (let n = 1; n <= this.d.seats; n++) {
      const seat = seatId(userId, n);
      const i = await this.d.store.interpreter(seat);
      if (i && i.entryId === sessionId && (!state || i.state === state)) return seat;
    }
    return undefined;
  }

  /** The session, if this person is one of its parties; ended sessions only when `allowEnded`. */
  private async sessionFor(who: Principal, sessionId: string, opts: { allowEnded?: boolean } = {}): Promise<ChatSessionRow> {
    const s = this.sessions.get(sessionId) ?? (await this.d.repo.byId(sessionId));
    if (!s) throw new AppError('NOT_FOUND', 'There is no such chat.');
    if (!s.endedAt && (s.interpreterId || s.kind === 'call') && !this.sessions.has(sessionId)) {
      if (this.sessions.size > 50_000) this.sessions.clear();
      this.sessions.set(sessionId, s);
    }
    const party = who.kind === 'guest' ? s.guestId === who.guestId : this.staffOf(s).includes(who.userId);
    if (!party) throw new AppError('FORBIDDEN', 'This is not your chat.');
    if (s.endedAt && !opts.allowEnded) throw new AppError('CALL_ENDED', 'This chat has ended.');
    return s;
  }

  /** Staff who are parties to a session: the chat's interpreter, or the interpreters of the video call. */
  private staffOf(s: ChatSessionRow): string[] {
    if (s.kind === 'text') return s.interpreterId ? [s.interpreterId] : [];
    const access = s.callId ? this.d.calls.partiesOf(s.callId as CallId) : undefined;
    return access ? [...access.staffIds] : [];
  }

  private deliver<E extends 'chat:message' | 'chat:ended'>(s: ChatSessionRow, event: E, payload: Parameters<import('@sign-relay/shared').ServerToClientEvents[E]>[0]): void {
    this.d.notifier.toGuest(s.guestId, event, payload);
    for (const staffId of this.staffOf(s)) this.d.notifier.toStaff(staffId, event, payload);
  }
}
