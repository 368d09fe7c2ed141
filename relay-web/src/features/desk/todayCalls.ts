/**
 * The interpreter's calls today (GET /api/desk/calls/today), as the list on the desk shows them.
 */
import { CALL_RECORD_REASONS, staffRoutes, type CallRecordEndReason, type TodayCall } from '@sign-relay/shared';
import { sendRoute } from '../../auth/routes.ts';

/** The reasons the list has words for (every reason a record can hold); anything else is shown as "other". */
export type CallRecordReason = CallRecordEndReason | 'other' | 'in-progress';

export function fetchTodayCalls(token: string): Promise<TodayCall[]> {
  return sendRoute(token, staffRoutes.todayCalls, {});
}

function ms(iso: string | null): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** Seconds from answer to end; `null` while the call is still going (or was never answered). */
export function callDurationSec(call: Pick<TodayCall, 'answeredAt' | 'endedAt'>): number | null {
  const answered = ms(call.answeredAt);
  const ended = ms(call.endedAt);
  return answered === null || ended === null ? null : Math.max(0, Math.round((ended - answered) / 1000));
}

/** The reason's key in the catalogue. */
export function callReasonKey(call: Pick<TodayCall, 'endReason' | 'endedAt'>): CallRecordReason {
  if (call.endReason === null) return call.endedAt === null ? 'in-progress' : 'other';
  return (CALL_RECORD_REASONS as readonly string[]).includes(call.endReason) ? (call.endReason as CallRecordReason) : 'other';
}

/** When the call started for the list: answered, else queued. */
export function callStartMs(call: Pick<TodayCall, 'answeredAt' | 'queuedAt'>): number {
  return ms(call.answeredAt) ?? ms(call.queuedAt) ?? 0;
}

/** Newest first. */
export function sortCalls(calls: readonly TodayCall[]): TodayCall[] {
  return [...calls].sort((a, b) => callStartMs(b) - callStartMs(a));
}
