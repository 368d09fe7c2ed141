/**
 * A chat server in memory behind a socket-shaped object, for the chat hook and screens: answers chat:resume,
 * chat:send (storing once per sender and client key, as the real server does), chat:sync, chat:typing and
 * chat:end; tests script other answers, push notifications, and drop or restore the connection.
 */
import type { Ack, ChatMessage, ChatSessionInfo, ClientEventName, ClientPayload } from '@sign-relay/shared';
import { FakeSocket } from './fakeSocket.ts';
import { asChatSessionId } from '@sign-relay/shared/testing/ids.ts';

export type { Answer } from './fakeSocket.ts';

export const SESSION: ChatSessionInfo = { sessionId: asChatSessionId('s1'), kind: 'text', state: 'active', createdAt: 0, interpreterName: '林', channel: 'web', kioskId: null, topic: null, callId: null };

/** A chat server in memory behind a socket-shaped object: stores by client key, as the real one does. */
export class FakeChatServer extends FakeSocket {
  readonly messages: ChatMessage[] = [];
  /** Stores a message (once per sender and key) and returns it. */
  store(from: 'guest' | 'staff', clientKey: string, body: string): ChatMessage {
    const earlier = this.messages.find((m) => m.from === from && m.clientKey === clientKey);
    if (earlier) return earlier;
    const m: ChatMessage = { id: `id${this.messages.length + 1}`, sessionId: asChatSessionId('s1'), seq: this.messages.length + 1, from, senderName: from === 'staff' ? '林' : '', body, clientKey, at: 1_000 * (this.messages.length + 1) };
    this.messages.push(m);
    return m;
  }
  protected answer(event: ClientEventName, payload: Record<string, unknown>): Ack<unknown> {
    switch (event) {
      case 'chat:resume':
        return { ok: true, data: { session: SESSION, messages: [...this.messages], status: null } };
      case 'chat:send': {
        const p = payload as ClientPayload<'chat:send'>;
        return { ok: true, data: this.store('guest', p.clientKey, p.body) };
      }
      case 'chat:sync': {
        const p = payload as ClientPayload<'chat:sync'>;
        return { ok: true, data: this.messages.filter((m) => m.seq > p.afterSeq) };
      }
      case 'chat:typing':
      case 'chat:end':
        return { ok: true, data: {} };
      default:
        return { ok: false, error: { code: 'UNKNOWN_EVENT', message: event } };
    }
  }
  sends(): { clientKey: string; body: string }[] {
    return this.sent.filter((s) => s.event === 'chat:send').map((s) => ({ clientKey: String(s.payload.clientKey), body: String(s.payload.body) }));
  }
}
