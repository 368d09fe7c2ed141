import type { Gender, BreakReason } from '@sign-relay/shared';
import type { Interpreter, NewEntry, Place, PresenceTarget, QueueEvent, QueueSnapshot, QueueStore } from './model.ts';
import * as rules from './rules.ts';

/**
 * The single-process queue: the rules applied to maps. Each method runs to completion before another
 * starts (no awaits inside), which makes every step atomic within the process.
 */
export class MemoryQueueStore implements QueueStore {
  private readonly s = rules.emptyState();

  async enqueue(entry: NewEntry, now: number): Promise<QueueEvent[]> {
    return rules.enqueue(this.s, entry, now);
  }
  async remove(entryId: string, why: 'left' | 'lost', now: number): Promise<QueueEvent[]> {
    return rules.remove(this.s, entryId, why, now);
  }
  async setConnection(entryId: string, until: number | null, now: number): Promise<QueueEvent[]> {
    return rules.setConnection(this.s, entryId, until, now);
  }
  async setPresence(id: string, to: PresenceTarget, opts: { gender?: Gender | null; reason?: BreakReason | null }, now: number): Promise<QueueEvent[]> {
    return rules.setPresence(this.s, id, to, opts, now);
  }
  async matchOne(now: number): Promise<QueueEvent[]> {
    return rules.matchOne(this.s, now);
  }
  async respond(interpreterId: string, entryId: string, answer: 'accept' | 'decline' | 'timeout', now: number, transferWrapUpMs?: number): Promise<QueueEvent[]> {
    return rules.respond(this.s, interpreterId, entryId, answer, now, transferWrapUpMs);
  }
  async endCall(interpreterId: string, wrapUpMs: number, now: number): Promise<QueueEvent[]> {
    return rules.endCall(this.s, interpreterId, wrapUpMs, now);
  }
  async requeueCaller(interpreterId: string, now: number): Promise<QueueEvent[]> {
    return rules.requeueCaller(this.s, interpreterId, now);
  }
  async offerTransfer(fromId: string, toId: string, now: number): Promise<QueueEvent[]> {
    return rules.offerTransfer(this.s, fromId, toId, now);
  }
  async tick(now: number): Promise<QueueEvent[]> {
    return rules.tick(this.s, now);
  }
  async place(entryId: string): Promise<Place | undefined> {
    return rules.places(this.s).find((p) => p.entry.id === entryId);
  }
  async places(): Promise<Place[]> {
    return rules.places(this.s);
  }
  async interpreter(id: string): Promise<Interpreter | undefined> {
    const i = this.s.interpreters.get(id);
    return i ? structuredClone(i) : undefined;
  }
  async snapshot(): Promise<QueueSnapshot> {
    return structuredClone({ entries: [...this.s.entries.values()], interpreters: [...this.s.interpreters.values()] });
  }
  async close(): Promise<void> {}
}
