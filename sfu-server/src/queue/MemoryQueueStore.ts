import type { Gender, BreakReason, GuestId } from '@sign-relay/shared';
import type { Interpreter, LineIds, QueueEntry, NewEntry, Place, PresenceTarget, QueueEvent, QueueSnapshot, QueueStore } from './model.ts';
import * as rules from './rules.ts';

/**
 * The single-process queue: the rules applied to maps. Each method runs to completion before another
 * starts (no awaits inside), which makes every step atomic within the process.
 */
export class MemoryQueueStore<L extends LineIds> implements QueueStore<L> {
  private readonly s = rules.emptyState<L>();

  async enqueue(entry: NewEntry<L>, now: number): Promise<QueueEvent<L>[]> {
    return rules.enqueue(this.s, entry, now);
  }
  async remove(entryId: L['entry'], why: 'left' | 'lost', now: number): Promise<QueueEvent<L>[]> {
    return rules.remove(this.s, entryId, why, now);
  }
  async setConnection(entryId: L['entry'], until: number | null, now: number): Promise<QueueEvent<L>[]> {
    return rules.setConnection(this.s, entryId, until, now);
  }
  async setPresence(id: L['interpreter'], to: PresenceTarget, opts: { gender?: Gender | null; reason?: BreakReason | null }, now: number): Promise<QueueEvent<L>[]> {
    return rules.setPresence(this.s, id, to, opts, now);
  }
  async matchOne(now: number): Promise<QueueEvent<L>[]> {
    return rules.matchOne(this.s, now);
  }
  async respond(interpreterId: L['interpreter'], entryId: L['entry'], answer: 'accept' | 'decline' | 'timeout', now: number, transferWrapUpMs?: number): Promise<QueueEvent<L>[]> {
    return rules.respond(this.s, interpreterId, entryId, answer, now, transferWrapUpMs);
  }
  async endCall(interpreterId: L['interpreter'], wrapUpMs: number, now: number): Promise<QueueEvent<L>[]> {
    return rules.endCall(this.s, interpreterId, wrapUpMs, now);
  }
  async requeueCaller(interpreterId: L['interpreter'], now: number): Promise<QueueEvent<L>[]> {
    return rules.requeueCaller(this.s, interpreterId, now);
  }
  async offerTransfer(fromId: L['interpreter'], toId: L['interpreter'], now: number): Promise<QueueEvent<L>[]> {
    return rules.offerTransfer(this.s, fromId, toId, now);
  }
  async tick(now: number): Promise<QueueEvent<L>[]> {
    return rules.tick(this.s, now);
  }
  async entryOfGuest(guestId: GuestId): Promise<QueueEntry<L> | undefined> {
    for (const e of this.s.entries.values()) if (e.guestId === guestId) return structuredClone(e);
    return undefined;
  }
  async place(entryId: L['entry']): Promise<Place<L> | undefined> {
    return rules.places(this.s).find((p) => p.entry.id === entryId);
  }
  async places(): Promise<Place<L>[]> {
    return rules.places(this.s);
  }
  async interpreter(id: L['interpreter']): Promise<Interpreter<L> | undefined> {
    const i = this.s.interpreters.get(id);
    return i ? structuredClone(i) : undefined;
  }
  async snapshot(): Promise<QueueSnapshot<L>> {
    return structuredClone({ entries: [...this.s.entries.values()], interpreters: [...this.s.interpreters.values()] });
  }
  async close(): Promise<void> {}
}
