/**
 * The wallboard's rules, pure: how long an interpreter has been signing without a break (graded amber and
 * red on the board), and what needs a supervisor now (callers waiting with nobody to answer them, call-backs left too long).
 */
import { WALLBOARD_RULES, type InterpreterState, type WallboardAlarm, type WallboardSnapshot } from '@sign-relay/shared';

/** One answered video call of an interpreter (ms epoch); `end` is null while the record says it goes on. */
export interface SignedCall {
  start: number;
  end: number | null;
}

/** The interpreter's live desk state (the queue's own clock). */
export interface LiveDesk {
  state: InterpreterState;
  since: number;
}

/**
 * When the interpreter's current stretch of signing began, or null when they are rested.
 *
 * Signing is video calls only. A stretch is the current (or last) call and every earlier call that ended
 * less than `gapMs` before the next one began; it is over once `gapMs` have passed since its last call
 * ended. The records may lag the live state by a few seconds (they are cached): a call in progress on the
 * desk counts from the desk's `since`, and a record still without an end while the desk has moved on
 * ended when the desk left the call.
 */
export function signingSince(calls: readonly SignedCall[], live: LiveDesk | null, now: number, gapMs = WALLBOARD_RULES.breakGapSec * 1000): number | null {
  const intervals: { start: number; end: number }[] = [];
  const inCall = live?.state === 'in-call';
  for (const c of calls) {
    if (c.start > now) continue;
    if (c.end !== null) intervals.push({ start: c.start, end: Math.min(c.end, now) });
    else if (inCall) intervals.push({ start: c.start, end: now });
    else if (live && live.since >= c.start) intervals.push({ start: c.start, end: live.since });
  }
  if (inCall && live) intervals.push({ start: Math.min(live.since, now), end: now });
  if (intervals.length === 0) return null;
  intervals.sort((a, b) => b.end - a.end);
  const last = intervals[0]!;
  if (now - last.end >= gapMs) return null;
  let start = last.start;
  // Walk back by end time: any call ending less than the gap before the stretch began joins it.
  for (const i of intervals.slice(1)) {
    if (start - i.end >= gapMs) break;
    start = Math.min(start, i.start);
  }
  return start;
}

/** What the alarms are computed from. */
export interface AlarmInputs {
  /** Video callers not yet answered: `state` 'offered' means an interpreter is being rung for them. */
  video: readonly Pick<WallboardSnapshot['waiting'][number], 'state' | 'waitedSec'>[];
  interpreters: readonly { state: InterpreterState }[];
  /** Text chats not yet answered, with the same meaning of `state`. */
  chats: readonly { state: 'waiting' | 'offered'; waitedSec: number }[];
  chatSeatsOpen: number;
  /** Open call-back requests waiting longer than `WALLBOARD_RULES.callbackOverdueSec`, and the oldest's wait. */
  callbacksOverdue: number;
  callbackOldestWaitSec: number | null;
}

/**
 * Alarms, most urgent first. A line is unstaffed when someone waits on it unrung and nobody can take them
 * (no interpreter available for video, no chat seat open for text): a caller being rung is being answered.
 */
export function wallboardAlarms(x: AlarmInputs): WallboardAlarm[] {
  const alarms: WallboardAlarm[] = [];
  const videoWaiting = x.video.filter((w) => w.state === 'waiting');
  if (videoWaiting.length > 0 && !x.interpreters.some((i) => i.state === 'available')) {
    alarms.push({ kind: 'video-unstaffed', waiting: videoWaiting.length, longestWaitSec: maxOf(videoWaiting.map((w) => w.waitedSec)) });
  }
  const chatsWaiting = x.chats.filter((c) => c.state === 'waiting');
  if (chatsWaiting.length > 0 && x.chatSeatsOpen === 0) {
    alarms.push({ kind: 'chat-unstaffed', waiting: chatsWaiting.length, longestWaitSec: maxOf(chatsWaiting.map((c) => c.waitedSec)) });
  }
  if (x.callbacksOverdue > 0) alarms.push({ kind: 'callback-overdue', waiting: x.callbacksOverdue, longestWaitSec: x.callbackOldestWaitSec ?? WALLBOARD_RULES.callbackOverdueSec });
  return alarms;
}

const maxOf = (xs: readonly number[]) => xs.reduce((m, v) => Math.max(m, v), 0);
