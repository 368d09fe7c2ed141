// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@sign-relay/shared';
import { lastSeq, leavesGap, mergeMessages, unreadCount, waitingSince } from './chatMessages.ts';
import { asChatSessionId } from '@sign-relay/shared/testing/ids.ts';

const msg = (seq: number, from: ChatMessage['from'] = 'guest', at = seq * 1000, id = `m${seq}`): ChatMessage => ({
  id,
  sessionId: asChatSessionId('s1'),
  seq,
  from,
  senderName: from === 'staff' ? '林' : '',
  body: `body ${seq}`,
  clientKey: `key-${id}-xxxx`,
  at,
});

describe('mergeMessages', () => {
  it('orders by seq whatever order they arrive in', () => {
    const merged = mergeMessages([msg(3)], [msg(1), msg(4), msg(2)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('keeps every id at most once: a live message, its ack and the history after a reload', () => {
    const live = mergeMessages([], [msg(1), msg(2, 'staff')]);
    const acked = mergeMessages(live, [msg(2, 'staff')]);
    const resumed = mergeMessages(acked, [msg(1), msg(2, 'staff'), msg(3), msg(1)]);
    expect(resumed.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
  });

  it('returns the same array when nothing is new (no re-render)', () => {
    const current = mergeMessages([], [msg(1), msg(2)]);
    expect(mergeMessages(current, [msg(2), msg(1)])).toBe(current);
    expect(mergeMessages(current, [])).toBe(current);
  });

  it('does not change its inputs', () => {
    const current = [msg(2)];
    const incoming = [msg(1)];
    mergeMessages(current, incoming);
    expect(current.map((m) => m.seq)).toEqual([2]);
    expect(incoming.map((m) => m.seq)).toEqual([1]);
  });
});

describe('lastSeq and leavesGap', () => {
  it('knows the highest seq and when a live message skipped some', () => {
    expect(lastSeq([])).toBe(0);
    const held = [msg(1), msg(2)];
    expect(lastSeq(held)).toBe(2);
    expect(leavesGap(held, msg(3))).toBe(false);
    expect(leavesGap(held, msg(5))).toBe(true);
    expect(leavesGap([], msg(1))).toBe(false);
    expect(leavesGap([], msg(2))).toBe(true);
  });
});

describe('waitingSince', () => {
  it('is null before anyone writes and after the interpreter answered', () => {
    expect(waitingSince([])).toBeNull();
    expect(waitingSince([msg(1, 'guest'), msg(2, 'staff')])).toBeNull();
  });

  it("counts from the caller's first unanswered message, not the latest", () => {
    expect(waitingSince([msg(1, 'guest', 10_000), msg(2, 'guest', 70_000)])).toBe(10_000);
    expect(waitingSince([msg(1, 'guest', 1_000), msg(2, 'staff', 5_000), msg(3, 'guest', 9_000), msg(4, 'guest', 12_000)])).toBe(9_000);
  });

  it('ignores system notes', () => {
    expect(waitingSince([msg(1, 'guest', 3_000), msg(2, 'system', 4_000)])).toBe(3_000);
    expect(waitingSince([msg(1, 'system', 3_000)])).toBeNull();
  });
});

describe('unreadCount', () => {
  it("counts the other side's messages after the last one seen", () => {
    const list = [msg(1, 'guest'), msg(2, 'staff'), msg(3, 'guest'), msg(4, 'system'), msg(5, 'guest')];
    expect(unreadCount(list, 'staff', 0)).toBe(3);
    expect(unreadCount(list, 'staff', 3)).toBe(1);
    expect(unreadCount(list, 'guest', 0)).toBe(1);
    expect(unreadCount(list, 'staff', 5)).toBe(0);
  });
});
