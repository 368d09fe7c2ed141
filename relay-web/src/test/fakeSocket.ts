/**
 * A server in memory behind a socket-shaped object: what the fakes of the chat and case hooks share. It records
 * every request, answers from a script when one is queued for the event (or else through `answer`, which each
 * fake implements), pushes notifications, and drops or restores the connection.
 */
import type { Ack, ClientEventName, ServerToClientEvents } from '@sign-relay/shared';
import type { SignalingSocket } from '../signaling/socket.ts';

type Listener = (...args: unknown[]) => void;
/** A scripted answer; 'no-answer' makes the request time out. */
export type Answer = (payload: Record<string, unknown>) => Ack<unknown> | 'no-answer';

export abstract class FakeSocket {
  connected = true;
  readonly sent: { event: ClientEventName; payload: Record<string, unknown> }[] = [];
  /** Overrides for the next answers to an event. */
  readonly script = new Map<ClientEventName, Answer[]>();
  private readonly listeners = new Map<string, Set<Listener>>();

  /** The server's own answer to a request nobody scripted. */
  protected abstract answer(event: ClientEventName, payload: Record<string, unknown>): Ack<unknown>;

  on(event: string, fn: Listener): this {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)?.add(fn);
    return this;
  }
  off(event: string, fn: Listener): this {
    this.listeners.get(event)?.delete(fn);
    return this;
  }
  fire(event: string, ...args: unknown[]): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(...args);
  }
  notify<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    this.fire(event, ...args);
  }
  drop(): void {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }
  reconnect(): void {
    this.connected = true;
    this.fire('connect');
  }
  timeout(): { emitWithAck: (event: ClientEventName, payload: unknown) => Promise<Ack<unknown>> } {
    return {
      emitWithAck: async (event, payload) => {
        const p = payload as Record<string, unknown>;
        this.sent.push({ event, payload: p });
        const scripted = this.script.get(event)?.shift();
        const a = scripted ? scripted(p) : this.answer(event, p);
        if (a === 'no-answer') throw new Error('operation has timed out');
        return a;
      },
    };
  }
  /** How many requests of an event were sent. */
  count(event: ClientEventName): number {
    return this.sent.filter((s) => s.event === event).length;
  }
  asSocket(): SignalingSocket {
    return this as unknown as SignalingSocket;
  }
}
