// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@sign-relay/shared';
import { memoryStorage } from '../test/fakeAuth.ts';
import {
  addToOutbox,
  CLIENT_KEY_PATTERN,
  discard,
  isRetryable,
  loadOutbox,
  markFailed,
  markSending,
  newClientKey,
  nextToSend,
  retryDelayMs,
  saveOutbox,
  settle,
} from './outbox.ts';
import type { Outbox } from './outbox.ts';
import { asChatSessionId } from '@sign-relay/shared/testing/ids.ts';

const stored = (clientKey: string, from: ChatMessage['from'] = 'guest', seq = 1): ChatMessage => ({
  id: `id-${clientKey}`,
  sessionId: asChatSessionId('s1'),
  seq,
  from,
  senderName: '',
  body: 'x',
  clientKey,
  at: 0,
});

describe('client keys', () => {
  it('are 22 characters the server accepts, and differ', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newClientKey()));
    expect(keys.size).toBe(200);
    for (const k of keys) expect(k).toMatch(CLIENT_KEY_PATTERN);
    expect(newClientKey((n) => new Uint8Array(n).fill(255))).toBe('-'.repeat(22));
  });
});

describe('the outbox', () => {
  const three = (): Outbox => addToOutbox(addToOutbox(addToOutbox([], 'one', 'key-one-1', 1), 'two', 'key-two-2', 2), 'three', 'key-three-3', 3);

  it('sends in the order written, each with the key it got once', () => {
    let box = three();
    expect(nextToSend(box)?.clientKey).toBe('key-one-1');
    box = markSending(box, 'key-one-1');
    expect(box[0]).toMatchObject({ state: 'sending', attempts: 1 });
    box = markFailed(box, 'key-one-1', 'TIMEOUT');
    // A retryable failure keeps its place at the head: later messages wait behind it.
    expect(nextToSend(box)?.clientKey).toBe('key-one-1');
    box = markSending(box, 'key-one-1');
    expect(box[0]).toMatchObject({ clientKey: 'key-one-1', attempts: 2, error: null });
  });

  it('drops what the server stored (ack, live echo or history after a reconnect), only for our side', () => {
    const box = three();
    expect(settle(box, [stored('key-two-2')], 'guest').map((e) => e.body)).toEqual(['one', 'three']);
    // The same key from the other side is another message.
    expect(settle(box, [stored('key-two-2', 'staff')], 'guest')).toBe(box);
    expect(settle(box, [], 'guest')).toBe(box);
    expect(settle([], [stored('k')], 'guest')).toEqual([]);
  });

  it('resends everything unacknowledged after a reconnect, skipping what the history already holds', () => {
    // Sent "one" and "two", the connection dropped before either ack; "two" reached the server.
    let box = markFailed(markFailed(three(), 'key-one-1', 'TIMEOUT'), 'key-two-2', 'OFFLINE');
    box = settle(box, [stored('key-two-2', 'guest', 1)], 'guest');
    const resend: string[] = [];
    for (let next = nextToSend(box); next; next = nextToSend(box)) {
      resend.push(next.clientKey);
      box = settle(markSending(box, next.clientKey), [stored(next.clientKey)], 'guest');
    }
    expect(resend).toEqual(['key-one-1', 'key-three-3']);
    expect(box).toEqual([]);
  });

  it('steps over a message the server refuses, which stays shown as failed until discarded', () => {
    let box = markFailed(three(), 'key-one-1', 'BAD_REQUEST');
    expect(nextToSend(box)?.clientKey).toBe('key-two-2');
    expect(box[0]).toMatchObject({ state: 'failed', error: 'BAD_REQUEST' });
    box = discard(box, 'key-one-1');
    expect(box.map((e) => e.body)).toEqual(['two', 'three']);
  });

  it('tells retryable failures from refusals', () => {
    for (const code of [null, 'OFFLINE', 'TIMEOUT', 'UNAVAILABLE', 'RATE_LIMITED', 'INTERNAL', 'UNAUTHENTICATED'] as const) expect(isRetryable(code), String(code)).toBe(true);
    for (const code of ['BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND', 'CALL_ENDED'] as const) expect(isRetryable(code), code).toBe(false);
  });

  it('backs off 1 s, 2 s, 4 s … up to 15 s', () => {
    expect([1, 2, 3, 4, 5, 9].map(retryDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);
    expect(retryDelayMs(0)).toBe(1_000);
  });

  it('survives a reload in storage with the same keys, and leaves nothing behind once empty', () => {
    const storage = memoryStorage();
    const box = markFailed(three(), 'key-one-1', 'TIMEOUT');
    saveOutbox(storage, 's1', box);
    const back = loadOutbox(storage, 's1');
    expect(back.map((e) => [e.clientKey, e.body, e.state, e.error])).toEqual([
      ['key-one-1', 'one', 'sending', null],
      ['key-two-2', 'two', 'sending', null],
      ['key-three-3', 'three', 'sending', null],
    ]);
    expect(loadOutbox(storage, 'other')).toEqual([]);
    saveOutbox(storage, 's1', []);
    expect(storage.data.size).toBe(0);
  });

  it('ignores damaged storage', () => {
    const storage = memoryStorage({ 'sign-relay.chatOutbox.s1': '{not json', 'sign-relay.chatOutbox.s2': JSON.stringify([{ clientKey: 'bad key!', body: 'x', createdAt: 1 }, { clientKey: 'good-key-1', body: 'y', createdAt: 2 }, null]) });
    expect(loadOutbox(storage, 's1')).toEqual([]);
    expect(loadOutbox(storage, 's2').map((e) => e.clientKey)).toEqual(['good-key-1']);
  });
});
