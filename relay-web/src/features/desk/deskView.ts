/**
 * What the desk shows and allows, derived from the server's desk state and what this screen holds (an
 * offer ringing, a call joined). Pure, so every combination is tested without a server.
 */
import { QUEUE_RULES } from '@sign-relay/shared';
import type { BreakReason, DeskOffer, DeskState, InterpreterState } from '@sign-relay/shared';
import { localDeadline } from '../../util/time.ts';

/** The main panel of the desk. */
export type DeskPanel = InterpreterState;

/** The status the interpreter can choose (the switch). */
export type ChosenStatus = 'available' | 'break' | 'offline';

/** Break reasons an interpreter can choose (`missed-offers` is set by the system only). */
export const CHOOSABLE_BREAK_REASONS = ['rest', 'meal', 'meeting', 'training', 'technical'] as const satisfies readonly BreakReason[];
export type ChoosableBreakReason = (typeof CHOOSABLE_BREAK_REASONS)[number];

export interface DeskView {
  panel: DeskPanel;
  /** Which switch button shows as pressed. */
  pressed: ChosenStatus | null;
  /** The switch works (not while ringing or in a call: finish the call first). */
  canChangeStatus: boolean;
  /** The system put the interpreter on break after missed offers: say so prominently. */
  missedOffers: boolean;
}

/**
 * `desk` is null before the server has said anything (the desk starts offline). A call this screen has
 * joined shows as in-call whatever the last push said; an offer shows as ringing until it ends.
 */
export function deskView(desk: DeskState | null, hasOffer: boolean, inCall: boolean): DeskView {
  const state: InterpreterState = desk?.state ?? 'offline';
  const panel: DeskPanel = inCall ? 'in-call' : hasOffer ? 'offered' : state === 'offered' ? 'available' : state;
  const pressed: ChosenStatus | null = panel === 'available' ? 'available' : panel === 'break' ? 'break' : panel === 'offline' ? 'offline' : null;
  return {
    panel,
    pressed,
    canChangeStatus: panel !== 'offered' && panel !== 'in-call',
    missedOffers: state === 'break' && desk?.breakReason === 'missed-offers',
  };
}

/** When an offer stops ringing, on this browser's clock (never later than the ring time after it arrived). */
export function offerDeadline(offer: Pick<DeskOffer, 'expiresAt'>, receivedAt: number): number {
  return localDeadline(offer.expiresAt, QUEUE_RULES.offerTimeoutMs, receivedAt);
}

/** Whether the ring is in its last seconds (the countdown turns urgent). */
export function offerUrgent(remainingSec: number): boolean {
  return remainingSec <= 5;
}

/**
 * When wrap-up ends, on this browser's clock. Its length is known exactly from the server's own two times
 * (`wrapUpUntil - since`), so a clock that is off only shifts the start to when the state arrived.
 */
export function wrapUpDeadline(desk: Pick<DeskState, 'since' | 'wrapUpUntil'>, receivedAt: number): number | null {
  if (desk.wrapUpUntil === null) return null;
  return localDeadline(desk.wrapUpUntil, Math.max(0, desk.wrapUpUntil - desk.since), receivedAt);
}

/** The status to take up again after the connection came back (the server set the desk offline meanwhile). */
export function statusToRestore(last: DeskState | null, chosen: { status: ChosenStatus; reason: ChoosableBreakReason | null } | null): { status: ChosenStatus; reason: ChoosableBreakReason | null } | null {
  if (!chosen || chosen.status === 'offline') return null;
  if (last && (last.state === 'in-call' || last.state === 'wrap-up')) return null;
  return chosen;
}
