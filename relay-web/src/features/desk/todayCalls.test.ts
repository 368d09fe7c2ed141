import { describe, expect, it } from 'vitest';
import { callDurationSec, callReasonKey, callStartMs, sortCalls } from './todayCalls.ts';
import type { TodayCall } from '@sign-relay/shared';
import { asEntryId } from '@sign-relay/shared/testing/ids.ts';

const call = (p: Partial<TodayCall>): TodayCall => ({
  id: asEntryId('x'),
  channel: 'web',
  kioskId: null,
  topic: null,
  queuedAt: '2024-01-01T01:00:00.000Z',
  answeredAt: '2024-01-01T01:00:30.000Z',
  endedAt: '2024-01-01T01:05:45.000Z',
  endReason: 'hangup',
  transferredFrom: null,
  ...p,
});

describe("today's calls", () => {
  it('measures a call from answer to end', () => {
    expect(callDurationSec(call({}))).toBe(315);
    expect(callDurationSec(call({ endedAt: null }))).toBeNull();
    expect(callDurationSec(call({ answeredAt: null }))).toBeNull();
  });

  it('names the end reason, a call still going, or other', () => {
    expect(callReasonKey(call({}))).toBe('hangup');
    expect(callReasonKey(call({ endReason: 'caller-lost' }))).toBe('caller-lost');
    expect(callReasonKey(call({ endReason: null, endedAt: null }))).toBe('in-progress');
    expect(callReasonKey(call({ endReason: 'something-new' }))).toBe('other');
  });

  it('lists newest first, by answer time (queue time when unanswered)', () => {
    const a = call({ id: asEntryId('a'), answeredAt: '2024-01-01T02:00:00.000Z' });
    const b = call({ id: asEntryId('b'), answeredAt: null, queuedAt: '2024-01-01T03:00:00.000Z' });
    const c = call({ id: asEntryId('c'), answeredAt: '2024-01-01T01:00:00.000Z' });
    expect(sortCalls([a, b, c]).map((x) => x.id)).toEqual(['b', 'a', 'c']);
    expect(callStartMs(b)).toBe(Date.parse('2024-01-01T03:00:00.000Z'));
  });
});
