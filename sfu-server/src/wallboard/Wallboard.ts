import { QUEUE_RULES, taipeiDayStart, WALLBOARD_RULES, type UserId, type WallboardSnapshot } from '@sign-relay/shared';
import type { CallService } from '../calls/CallService.ts';
import type { Logger } from '../logger.ts';
import type { Interpreter, QueueStore, VideoLineIds } from '../queue/model.ts';
import { userOfSeat, type ChatLineIds } from '../chat/seats.ts';
import type { StaffNames } from '../queue/StaffNames.ts';
import type { CallRecordRepository } from '../store/repositories/callRecordRepository.ts';
import type { AnsweredCall, CallbackFigures, WallboardRepository } from './WallboardRepository.ts';
import { signingSince, wallboardAlarms } from './rules.ts';

type Row = WallboardSnapshot['interpreters'][number];

/** The video line's part of the board. */
type VideoBoard = Omit<WallboardSnapshot, 'chats' | 'callbacks' | 'alarms' | 'interpreters'> & {
  interpreters: Omit<Row, 'signingSince' | 'activeChats'>[];
};

export interface WallboardDeps {
  /** The video line (the call queue's store). */
  videoStore: QueueStore<VideoLineIds>;
  /** The text-chat line: its "interpreters" are chat seats named `<userId>#<n>`. */
  chatStore: QueueStore<ChatLineIds>;
  /** The live call of each video call in progress. */
  calls: Pick<CallService, 'callOfEntry'>;
  /** Today's service level. */
  records: Pick<CallRecordRepository, 'serviceLevel'>;
  names: StaffNames;
  repo: WallboardRepository;
  logger: Logger;
  now?: () => number;
  /** How long the Postgres figures are reused (the board is sent every second to every watcher). */
  cacheMs?: number;
  /** How far back calls are read for signing without a break. */
  historyMs?: number;
}

interface DbFigures {
  at: number;
  callbacks: CallbackFigures;
  calls: Map<UserId, AnsweredCall[]>;
}

/**
 * The supervisors' wallboard, composed here and nowhere else: the video line (live, from the call queue's
 * store, with today's service level), text chats (from the chat line's store, live), call-back requests and
 * each interpreter's signing without a break (from Postgres, cached for a few seconds), and the alarms.
 */
export class Wallboard {
  private readonly now: () => number;
  private readonly cacheMs: number;
  private readonly historyMs: number;
  private db: DbFigures | null = null;
  private loading: Promise<DbFigures> | null = null;
  private readonly log: Logger;

  constructor(private readonly d: WallboardDeps) {
    this.now = d.now ?? Date.now;
    this.cacheMs = d.cacheMs ?? 5_000;
    this.historyMs = d.historyMs ?? 12 * 3600_000;
    this.log = d.logger.child({ component: 'wallboard' });
  }

  async snapshot(): Promise<WallboardSnapshot> {
    const now = this.now();
    const [snap, places, sl] = await Promise.all([
      this.d.videoStore.snapshot(),
      this.d.videoStore.places(),
      this.d.records.serviceLevel(new Date(taipeiDayStart(now)), QUEUE_RULES.serviceLevelMs / 1000),
    ]);
    const waiting = places.map((p) => ({
      entryId: p.entry.id,
      channel: p.entry.channel,
      kioskId: p.entry.kioskId,
      kioskVerified: p.entry.kioskVerified === true,
      topic: p.entry.topic,
      waitedSec: Math.max(0, Math.round((now - p.entry.enqueuedAt) / 1000)),
      state: p.entry.state === 'offered' ? ('offered' as const) : ('waiting' as const),
      requeued: p.entry.requeued,
    }));
    const interpreters = [];
    for (const i of snap.interpreters) {
      const n = await this.d.names.of(i.id);
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
        interpreterName: (await this.d.names.of(e.interpreterId)).name,
        since: i?.since ?? now,
        channel: e.channel,
        kioskId: e.kioskId,
        kioskVerified: e.kioskVerified === true,
      });
    }
    const video: VideoBoard = {
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
    return this.complete(video, snap.interpreters, now);
  }

  /** The video board completed with the other lines, signing without a break and the alarms. */
  private async complete(video: VideoBoard, desks: readonly Interpreter<VideoLineIds>[], now: number): Promise<WallboardSnapshot> {
    const [chat, db] = await Promise.all([this.d.chatStore.snapshot(), this.figures(now)]);

    // Chat seats by interpreter.
    const seats = new Map<UserId, { active: number; open: number; since: number }>();
    let seatsInUse = 0;
    let seatsOpen = 0;
    for (const seat of chat.interpreters) {
      const userId = userOfSeat(seat.id);
      const s = seats.get(userId) ?? { active: 0, open: 0, since: seat.since };
      if (seat.state === 'in-call') {
        s.active++;
        seatsInUse++;
      } else if (seat.state === 'available') {
        s.open++;
        seatsOpen++;
      }
      if (seat.state !== 'offline') s.since = Math.min(s.since, seat.since);
      seats.set(userId, s);
    }
    const chatsWaiting = chat.entries
      .filter((e) => e.state !== 'in-call')
      .map((e) => ({ state: e.state === 'offered' ? ('offered' as const) : ('waiting' as const), waitedSec: Math.max(0, Math.round((now - e.enqueuedAt) / 1000)) }));

    const live = new Map(desks.map((i) => [i.id, i]));
    const withLines = (r: Omit<Row, 'signingSince' | 'activeChats'>): Row => {
      const desk = live.get(r.userId);
      const calls = (db.calls.get(r.userId) ?? []).map((c) => ({ start: c.answeredAt.getTime(), end: c.endedAt?.getTime() ?? null }));
      return { ...r, signingSince: signingSince(calls, desk ? { state: desk.state, since: desk.since } : null, now), activeChats: seats.get(r.userId)?.active ?? 0 };
    };
    const interpreters = video.interpreters.map(withLines);
    // Interpreters taking text chats without ever opening the video desk are on the board too.
    for (const [userId, s] of seats) {
      if (live.has(userId) || (s.active === 0 && s.open === 0)) continue;
      const n = await this.d.names.of(userId);
      interpreters.push(withLines({ userId, displayName: n.name, role: n.role, state: 'offline', since: s.since, breakReason: null }));
    }
    interpreters.sort((a, b) => a.displayName.localeCompare(b.displayName));

    const oldestWaitSec = db.callbacks.oldestCreatedAt ? Math.max(0, Math.round((now - db.callbacks.oldestCreatedAt.getTime()) / 1000)) : null;
    return {
      ...video,
      interpreters,
      chats: { waiting: chatsWaiting.length, longestWaitSec: chatsWaiting.reduce((m, c) => Math.max(m, c.waitedSec), 0), seatsInUse, seatsOpen },
      callbacks: { open: db.callbacks.open, claimed: db.callbacks.claimed, oldestWaitSec },
      alarms: wallboardAlarms({
        video: video.waiting,
        interpreters: video.interpreters,
        chats: chatsWaiting,
        chatSeatsOpen: seatsOpen,
        callbacksOverdue: db.callbacks.overdue,
        callbackOldestWaitSec: oldestWaitSec,
      }),
    };
  }

  /** The Postgres figures, read at most once per `cacheMs` however many boards are sent. */
  private async figures(now: number): Promise<DbFigures> {
    if (this.db && now - this.db.at < this.cacheMs) return this.db;
    this.loading ??= this.load(now).finally(() => {
      this.loading = null;
    });
    try {
      return await this.loading;
    } catch (err) {
      // A failed read keeps the last figures (a board a few seconds old beats none); the next call retries.
      if (this.db) {
        this.log.warn({ err }, 'wallboard figures could not be refreshed');
        return this.db;
      }
      throw err;
    }
  }

  private async load(now: number): Promise<DbFigures> {
    const [callbacks, answered] = await Promise.all([
      this.d.repo.callbacks(new Date(now - WALLBOARD_RULES.callbackOverdueSec * 1000)),
      this.d.repo.answeredSince(new Date(now - this.historyMs)),
    ]);
    const calls = new Map<UserId, AnsweredCall[]>();
    for (const c of answered) {
      const list = calls.get(c.interpreterId) ?? [];
      list.push(c);
      calls.set(c.interpreterId, list);
    }
    this.db = { at: now, callbacks, calls };
    return this.db;
  }
}
