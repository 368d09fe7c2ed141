import { randomUUID } from 'node:crypto';
import type { CallId, ChatMessage, ChatQueueStatus, ChatSessionId, ChatSessionInfo, ServerToClientEvents, UserId } from '@sign-relay/shared';
import type { Principal } from '../auth/tokens.ts';
import type { CallService } from '../calls/CallService.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { LiveNotifier } from '../people.ts';
import { TokenBucket } from '../util/TokenBucket.ts';
import { sessionInfo, type ChatRepository, type ChatSessionRow } from '../store/repositories/chatRepository.ts';
import type { ChatLine } from './ChatLine.ts';
import type { ChatWriter } from './ChatWriter.ts';

export interface ChatServiceDeps {
  repo: ChatRepository;
  /** Writes messages (group commit); every message is committed before it is acknowledged. */
  writer: Pick<ChatWriter, 'append'>;
  /** Where text chats wait for an interpreter and which seat carries each. */
  line: ChatLine;
  calls: CallService;
  notifier: LiveNotifier;
  logger: Logger;
  now?: () => number;
}

/**
 * The conversation of a text chat (once in line, see {@link ChatLine}) or of the chat beside a video call:
 * messages stored before they are acknowledged and delivered to every connection of both parties, catching up
 * after a reconnect, typing indicators, and ending.
 */
export class ChatService {
  private readonly now: () => number;
  private readonly log: Logger;
  private readonly buckets = new Map<string, TokenBucket>();
  /** Chats of calls being ended in the database (shutdown waits for them). */
  private readonly ending = new Set<Promise<void>>();
  /**
   * Answered sessions by id: who the parties are no longer changes once a chat is answered, so sending does
   * not read the session each time. Whether it has ended is decided by the database on every message.
   */
  private readonly sessions = new Map<ChatSessionId, ChatSessionRow>();

  constructor(private readonly d: ChatServiceDeps) {
    this.now = d.now ?? Date.now;
    this.log = d.logger.child({ component: 'chat' });
    d.calls.on('closed', (c) => {
      for (const [id, row] of this.sessions) if (row.callId === c.callId) this.sessions.delete(id);
      const work: Promise<void> = d.repo
        .endForCall(c.callId, new Date(this.now()))
        .then(() => undefined)
        .catch((err: unknown) => this.log.error({ err }, 'chat background work failed'))
        .finally(() => this.ending.delete(work));
      this.ending.add(work);
    });
  }

  async stop(): Promise<void> {
    while (this.ending.size > 0) await Promise.allSettled([...this.ending]);
  }

  // ---- both parties --------------------------------------------------------------------------------------

  /** After a reload or reconnect: the session, its whole history, and (while waiting) its place in line. */
  async resume(who: Principal, sessionId: ChatSessionId): Promise<{ session: ChatSessionInfo; messages: ChatMessage[]; status: ChatQueueStatus | null }> {
    const s = await this.sessionFor(who, sessionId, { allowEnded: true });
    let status: ChatQueueStatus | null = null;
    if (who.kind === 'guest' && !s.interpreterId && !s.endedAt && s.kind === 'text') status = await this.d.line.callerBack(sessionId);
    return { session: sessionInfo(s), messages: await this.d.repo.messagesAfter(sessionId, 0, 5000), status };
  }

  /**
   * The chat beside a video call, for the call's caller and interpreters only, with the messages of the text
   * chat it came from (`fromChat`, the caller's own text chat; linked once, and the interpreters told).
   */
  async forCall(who: Principal, callId: CallId, fromChat?: ChatSessionId): Promise<{ session: ChatSessionInfo; messages: ChatMessage[]; earlier: ChatMessage[] }> {
    const access = this.d.calls.partiesOf(callId);
    if (!access) throw new AppError('NOT_FOUND', 'There is no such call in progress.');
    if (!this.d.calls.isParty(callId, who)) throw new AppError('FORBIDDEN', 'This is not your call.');
    let s = await this.d.repo.forCall({ id: randomUUID() as ChatSessionId, callId, callRecordId: access.entryId, guestId: access.guestId, channel: access.channel, kioskId: access.kioskId });
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
  async send(who: Principal, p: { sessionId: ChatSessionId; clientKey: string; body: string }, senderName: string): Promise<ChatMessage> {
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

  async sync(who: Principal, sessionId: ChatSessionId, afterSeq: number): Promise<ChatMessage[]> {
    await this.sessionFor(who, sessionId, { allowEnded: true });
    return this.d.repo.messagesAfter(sessionId, afterSeq);
  }

  async typing(who: Principal, sessionId: ChatSessionId, typing: boolean): Promise<void> {
    const s = await this.sessionFor(who, sessionId);
    const payload = { sessionId, from: who.kind === 'guest' ? ('guest' as const) : ('staff' as const), typing };
    if (who.kind === 'guest') for (const staffId of this.staffOf(s)) this.d.notifier.toStaff(staffId, 'chat:typing', payload);
    else this.d.notifier.toGuest(s.guestId, 'chat:typing', payload);
  }

  async end(who: Principal, sessionId: ChatSessionId): Promise<void> {
    const s = await this.sessionFor(who, sessionId);
    if (s.kind === 'call') throw new AppError('BAD_REQUEST', 'The chat of a call ends with the call.');
    const now = this.now();
    if (!s.interpreterId) {
      await this.d.line.withdraw(sessionId, now);
      return;
    }
    await this.d.line.freeSeat(s.interpreterId, sessionId, now);
    this.sessions.delete(sessionId);
    if (await this.d.repo.end(sessionId, who.kind === 'guest' ? 'guest-ended' : 'staff-ended', new Date(now))) {
      this.deliver(s, 'chat:ended', { sessionId, by: who.kind === 'guest' ? 'guest' : 'staff', reason: 'ended' });
    }
    await this.d.line.tick();
  }

  // ---- internals -----------------------------------------------------------------------------------------

  /** The session, if this person is one of its parties; ended sessions only when `allowEnded`. */
  private async sessionFor(who: Principal, sessionId: ChatSessionId, opts: { allowEnded?: boolean } = {}): Promise<ChatSessionRow> {
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
  private staffOf(s: ChatSessionRow): UserId[] {
    if (s.kind === 'text') return s.interpreterId ? [s.interpreterId] : [];
    const access = s.callId ? this.d.calls.partiesOf(s.callId) : undefined;
    return access ? [...access.staffIds] : [];
  }

  private deliver<E extends 'chat:message' | 'chat:ended'>(s: ChatSessionRow, event: E, payload: Parameters<ServerToClientEvents[E]>[0]): void {
    this.d.notifier.toGuest(s.guestId, event, payload);
    for (const staffId of this.staffOf(s)) this.d.notifier.toStaff(staffId, event, payload);
  }
}
