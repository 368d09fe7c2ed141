import { describe, expect, it } from 'vitest';
import { QUEUE_RULES } from '@sign-relay/shared';
import type { DeskState } from '@sign-relay/shared';
import { deskView, offerDeadline, offerUrgent, statusToRestore, wrapUpDeadline } from './deskView.ts';
import { asEntryId } from '@sign-relay/shared/testing/ids.ts';

const desk = (p: Partial<DeskState> = {}): DeskState => ({ state: 'available', since: 0, breakReason: null, missedOffers: 0, wrapUpUntil: null, entryId: null, callId: null, ...p });

describe('deskView', () => {
  it('starts offline before the server has said anything', () => {
    expect(deskView(null, false, false)).toEqual({ panel: 'offline', pressed: 'offline', canChangeStatus: true, missedOffers: false });
  });

  it('presses the switch of the chosen status', () => {
    expect(deskView(desk(), false, false)).toMatchObject({ panel: 'available', pressed: 'available', canChangeStatus: true });
    expect(deskView(desk({ state: 'break', breakReason: 'meal' }), false, false)).toMatchObject({ panel: 'break', pressed: 'break' });
    expect(deskView(desk({ state: 'offline' }), false, false)).toMatchObject({ panel: 'offline', pressed: 'offline' });
  });

  it('rings while an offer is held, and locks the switch until it is answered', () => {
    expect(deskView(desk({ state: 'offered', entryId: asEntryId('e1') }), true, false)).toEqual({ panel: 'offered', pressed: null, canChangeStatus: false, missedOffers: false });
  });

  it('does not ring on a server state alone (the offer itself carries what to show)', () => {
    expect(deskView(desk({ state: 'offered', entryId: asEntryId('e1') }), false, false).panel).toBe('available');
  });

  it('shows the call this screen joined, whatever the last push said', () => {
    expect(deskView(desk({ state: 'available' }), false, true)).toMatchObject({ panel: 'in-call', canChangeStatus: false, pressed: null });
    expect(deskView(desk({ state: 'wrap-up' }), false, true).panel).toBe('in-call');
  });

  it('shows wrap-up with the switch usable (available ends it early)', () => {
    expect(deskView(desk({ state: 'wrap-up', wrapUpUntil: 60_000 }), false, false)).toMatchObject({ panel: 'wrap-up', pressed: null, canChangeStatus: true });
  });

  it('flags a break the system imposed after missed offers', () => {
    expect(deskView(desk({ state: 'break', breakReason: 'missed-offers', missedOffers: 2 }), false, false).missedOffers).toBe(true);
    expect(deskView(desk({ state: 'break', breakReason: 'rest' }), false, false).missedOffers).toBe(false);
    expect(deskView(desk({ state: 'available', breakReason: 'missed-offers' }), false, false).missedOffers).toBe(false);
  });
});

describe('the offer countdown', () => {
  it('uses the server deadline when the clocks agree', () => {
    expect(offerDeadline({ expiresAt: 120_000 }, 100_500)).toBe(120_000);
  });

  it('never rings longer than the ring time after the offer arrived', () => {
    expect(offerDeadline({ expiresAt: 900_000 }, 100_000)).toBe(100_000 + QUEUE_RULES.offerTimeoutMs);
    expect(offerDeadline({ expiresAt: 10_000 }, 100_000)).toBe(100_000 + QUEUE_RULES.offerTimeoutMs);
  });

  it('turns urgent in the last five seconds', () => {
    expect(offerUrgent(6)).toBe(false);
    expect(offerUrgent(5)).toBe(true);
    expect(offerUrgent(0)).toBe(true);
  });
});

describe('wrapUpDeadline', () => {
  it('is none outside wrap-up', () => {
    expect(wrapUpDeadline({ since: 0, wrapUpUntil: null }, 0)).toBeNull();
  });

  it('uses the server deadline when plausible, else the same length from arrival', () => {
    expect(wrapUpDeadline({ since: 100_000, wrapUpUntil: 160_000 }, 100_200)).toBe(160_000);
    // This browser's clock is an hour ahead of the server's.
    expect(wrapUpDeadline({ since: 100_000, wrapUpUntil: 160_000 }, 3_700_000)).toBe(3_760_000);
  });
});

describe('statusToRestore', () => {
  it('takes available or break up again after a dropped connection', () => {
    expect(statusToRestore(desk(), { status: 'available', reason: null })).toEqual({ status: 'available', reason: null });
    expect(statusToRestore(null, { status: 'break', reason: 'meal' })).toEqual({ status: 'break', reason: 'meal' });
  });

  it('restores nothing that was not chosen, offline, or in the middle of a call or wrap-up', () => {
    expect(statusToRestore(desk(), null)).toBeNull();
    expect(statusToRestore(desk(), { status: 'offline', reason: null })).toBeNull();
    expect(statusToRestore(desk({ state: 'in-call' }), { status: 'available', reason: null })).toBeNull();
    expect(statusToRestore(desk({ state: 'wrap-up' }), { status: 'available', reason: null })).toBeNull();
  });
});
