/**
 * The interpreter's calls today (GET /api/desk/calls/today), as the list on the desk shows them.
 */
import type { Channel, ServiceTopic } from '@sign-relay/shared';
import { apiRequest } from '../../auth/http.ts';

/** One row of the answer (dates arrive as ISO strings). */
export interface TodayCall {
  id: string;
  channel: Channel;
  kioskId: string | null;
  topic: ServiceTopic | null;
  queuedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  endReason: string | null;
  transferredFrom: string | null;
}

/** End reasons the list has words for; anything else is shown as "other". */
export const CALL_RECORD_REASONS = ['hangup', 'peer-left', 'peer-lost', 'requeued', 'media-failure', 'server-shutdown', 'caller-left', 'caller-lost'] as const;
export type CallRecordReason = (typeof CALL_RECORD_REASONS)[number] | 'other' | 'in-progress';

export function fetchTodayCalls(token: string): Promise<TodayCall[]> {
  return apiRequest<TodayCall[]>('/api/desk/calls/today', { token });
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
