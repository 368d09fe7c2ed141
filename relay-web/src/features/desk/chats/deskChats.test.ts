// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { ChatOffer, ChatSessionInfo } from '@sign-relay/shared';
import { deskChatsReducer, initialDeskChats } from './deskChats.ts';
import type { DeskChatsEvent, DeskChatsState } from './deskChats.ts';
import { asChatSessionId } from '@sign-relay/shared/testing/ids.ts';

const offer = (id: string): ChatOffer => ({ sessionId: asChatSessionId(id), channel: 'web', kioskId: null, kioskVerified: false, topic: 'consultation', queuedAt: 0, expiresAt: 20_000 });
const info = (id: string): ChatSessionInfo => ({ sessionId: asChatSessionId(id), kind: 'text', state: 'active', createdAt: 0, interpreterName: '林', channel: 'web', kioskId: null, topic: null, callId: null });
const run = (events: DeskChatsEvent[], from: DeskChatsState = initialDeskChats('available')): DeskChatsState => events.reduce(deskChatsReducer, from);

describe('the desk’s text chats', () => {
  it('rings offers, and an accepted one becomes a chat in progress', () => {
    const s = run([{ type: 'offer', offer: offer('a'), at: 1 }, { type: 'offer', offer: offer('b'), at: 2 }, { type: 'busy', what: 'a' }, { type: 'accepted', session: info('a'), messages: [] }]);
    expect(s.offers.map((o) => o.offer.sessionId)).toEqual(['b']);
    expect(s.tabs.map((t) => t.sessionId)).toEqual(['a']);
    expect(s.busy).toBeNull();
  });

  it('a repeated offer rings once; an offer answered elsewhere or withdrawn stops ringing', () => {
    let s = run([{ type: 'offer', offer: offer('a'), at: 1 }, { type: 'offer', offer: offer('a'), at: 5 }]);
    expect(s.offers).toHaveLength(1);
    expect(s.offers[0]?.receivedAt).toBe(5);
    s = run([{ type: 'offer-ended', sessionId: asChatSessionId('a'), why: 'withdrawn' }], s);
    expect(s.offers).toEqual([]);
    expect(s.notice).toEqual({ kind: 'offer-ended', why: 'withdrawn' });
    // News about an offer this desk no longer shows changes nothing.
    expect(run([{ type: 'offer-ended', sessionId: asChatSessionId('zzz'), why: 'timeout' }], s)).toBe(s);
  });

  it('two offers in a row that ring out switch chats off here, as the server does, and say so', () => {
    let s = run([{ type: 'offer', offer: offer('a'), at: 1 }, { type: 'offer-ended', sessionId: asChatSessionId('a'), why: 'timeout' }]);
    expect(s).toMatchObject({ chosen: 'available', missedInRow: 1, notice: { kind: 'offer-ended', why: 'timeout' } });
    s = run([{ type: 'offer', offer: offer('b'), at: 2 }, { type: 'offer-ended', sessionId: asChatSessionId('b'), why: 'timeout' }], s);
    expect(s).toMatchObject({ chosen: 'offline', notice: { kind: 'missed', count: 2 } });
    s = run([{ type: 'status', chosen: 'available', seats: 3 }], s);
    expect(s).toMatchObject({ chosen: 'available', seats: 3, missedInRow: 0, notice: null });
  });

  it('answering or declining resets the missed count', () => {
    const s = run([
      { type: 'offer', offer: offer('a'), at: 1 },
      { type: 'offer-ended', sessionId: asChatSessionId('a'), why: 'timeout' },
      { type: 'offer', offer: offer('b'), at: 2 },
      { type: 'declined', sessionId: asChatSessionId('b') },
      { type: 'offer', offer: offer('c'), at: 3 },
      { type: 'offer-ended', sessionId: asChatSessionId('c'), why: 'timeout' },
    ]);
    expect(s.chosen).toBe('available');
    expect(s.missedInRow).toBe(1);
  });

  it('an offer that cannot be answered any more (NOT_FOUND) stops ringing; other failures keep it', () => {
    const ringing = run([{ type: 'offer', offer: offer('a'), at: 1 }, { type: 'busy', what: 'a' }]);
    expect(run([{ type: 'failed', error: 'TIMEOUT', sessionId: asChatSessionId('a') }], ringing).offers).toHaveLength(1);
    const gone = run([{ type: 'failed', error: 'NOT_FOUND', sessionId: asChatSessionId('a') }], ringing);
    expect(gone).toMatchObject({ offers: [], error: 'NOT_FOUND', busy: null });
  });

  it('after a reload the chats in progress come back once, in the order they had', () => {
    let s = run([{ type: 'accepted', session: info('a'), messages: [] }]);
    s = run([{ type: 'restored', sessions: [info('a'), info('b')] }, { type: 'restored', sessions: [info('b'), info('c')] }], s);
    expect(s.tabs.map((t) => t.sessionId)).toEqual(['a', 'b', 'c']);
    s = run([{ type: 'close', sessionId: asChatSessionId('b') }], s);
    expect(s.tabs.map((t) => t.sessionId)).toEqual(['a', 'c']);
  });
});

describe('ended chats', () => {
  it('stay as tabs until closed, but no longer count as in progress', () => {
    let s = run([{ type: 'accepted', session: info('a'), messages: [] }, { type: 'accepted', session: info('b'), messages: [] }, { type: 'ended', sessionId: asChatSessionId('a') }]);
    expect(s.tabs.map((t) => [t.sessionId, t.ended])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    expect(run([{ type: 'ended', sessionId: asChatSessionId('a') }], s)).toBe(s);
    s = run([{ type: 'close', sessionId: asChatSessionId('a') }], s);
    expect(s.tabs.map((t) => t.sessionId)).toEqual(['b']);
  });
});
