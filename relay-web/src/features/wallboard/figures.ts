/**
 * The wallboard's figures as they are shown: shares as whole percentages, times as m:ss, the service level
 * against its 80 % target, interpreters counted by state. Pure.
 */
import { INTERPRETER_STATES, QUEUE_RULES, WALLBOARD_RULES } from '@sign-relay/shared';
import type { InterpreterState, WallboardSnapshot } from '@sign-relay/shared';
import { formatDuration } from '../../util/time.ts';

/** A share (0–1) as a whole percentage, `—` when there is no figure yet. */
export function percentText(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return `${Math.round(share * 100)}%`;
}

/** Seconds as m:ss, `—` when there is no figure yet. */
export function secondsText(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  return formatDuration(Math.round(seconds));
}

/** Whether the share answered within 120 s meets the 80 % target (`none` before the first finished call). */
export type ServiceLevelTone = 'met' | 'missed' | 'none';
export function serviceLevelTone(share: number | null): ServiceLevelTone {
  if (share === null || !Number.isFinite(share)) return 'none';
  return share >= QUEUE_RULES.serviceLevelTarget ? 'met' : 'missed';
}

/** The wallboard's order of states: who can take a call first, then who is busy, then who is away. */
export const STATE_ORDER: readonly InterpreterState[] = ['available', 'offered', 'in-call', 'wrap-up', 'break', 'offline'];

/**
 * How many interpreters are in each state (every state present, zero included). One with video off who carries
 * text chats is not away: counted under `textOnly`, not `offline`.
 */
export function countByState(interpreters: readonly { state: InterpreterState; activeChats?: number }[]): Record<InterpreterState | 'textOnly', number> {
  const counts = Object.fromEntries([...INTERPRETER_STATES, 'textOnly'].map((s) => [s, 0])) as Record<InterpreterState | 'textOnly', number>;
  for (const i of interpreters) counts[i.state === 'offline' && (i.activeChats ?? 0) > 0 ? 'textOnly' : i.state] += 1;
  return counts;
}

/** Interpreters in the wallboard's order: by state, then longest in that state first. */
export function sortInterpreters<T extends { state: InterpreterState; since: number }>(interpreters: readonly T[]): T[] {
  return [...interpreters].sort((a, b) => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) || a.since - b.since);
}

/** Seconds someone has been in their state at the snapshot's time (the server's clock on both sides). */
export function timeInStateSec(since: number, snapshotAt: number): number {
  return Math.max(0, Math.floor((snapshotAt - since) / 1000));
}

/** The snapshot is old: updates come every second, so a few missed ones mean the connection is in trouble. */
export function isStale(receivedAt: number, now: number, maxAgeMs = 5_000): boolean {
  return now - receivedAt > maxAgeMs;
}

export type WallboardToday = WallboardSnapshot['today'];

/** Seconds an interpreter has been signing without a break at the snapshot's time, null when rested. */
export function signingSec(signingSince: number | null, snapshotAt: number): number | null {
  return signingSince === null ? null : timeInStateSec(signingSince, snapshotAt);
}

/** Signing without a break, graded: amber from 20 minutes (rotate soon), red from 30 (needs a break). */
export type FatigueLevel = 'ok' | 'amber' | 'red';
export function fatigueLevel(seconds: number | null): FatigueLevel {
  if (seconds === null) return 'ok';
  if (seconds >= WALLBOARD_RULES.signingRedSec) return 'red';
  if (seconds >= WALLBOARD_RULES.signingAmberSec) return 'amber';
  return 'ok';
}

