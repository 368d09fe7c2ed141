import type { CaseService, DispatchItemCode, DistrictCode } from '@sign-relay/shared';
import { shares } from './random.ts';

/** Volumes and proportions of the generated year. Weights need not add up to 100; see the `*_SHARES` below. */
export const SEED_MIX = {
  /** Per 365 days; a window of another length gets its share. */
  perYear: { cases: 219_000, videoCalls: 36_000, textChats: 12_000 },
  services: { dispatch: 60, petition: 25, consultation: 10, transfer: 5 } satisfies Record<CaseService, number>,
  /** The city's mix of dispatch items: potholes, street lights, noise, pollution and trees first. */
  items: {
    D01: 15, D06: 15, D14: 13, D15: 12, D07: 10, D04: 6, D18: 5, D16: 4, D02: 3, D03: 3, D19: 3, D05: 2, D17: 2, D21: 2,
    D22: 1.5, D08: 1, D13: 1, D20: 0.5, D12: 0.4, D09: 0.3, D10: 0.2, D11: 0.1,
  } satisfies Record<DispatchItemCode, number>,
  /** Roughly each district's population, in thousands. */
  districts: {
    daan: 290, neihu: 275, shilin: 265, wenshan: 260, beitou: 245, zhongshan: 215, xinyi: 205, songshan: 190, wanhua: 175, zhongzheng: 150, datong: 120, nangang: 115,
  } satisfies Record<DistrictCode, number>,
  /** A day's volume by weekday, Sunday first; they average 1 over a week. */
  weekdays: [0.7, 1.1, 1.1, 1.1, 1.1, 1.1, 0.8],
  /** By month, January first: the Lunar New Year quiet, the summer's storms and repairs. */
  months: [0.95, 0.85, 1, 1, 1.05, 1.05, 1.1, 1.1, 1.05, 1, 0.95, 0.95],
  /** Day-to-day spread of the volume (σ of its logarithm). The day weights are scaled to average 1 over the window. */
  daySigma: 0.12,
  /** Calls by the hour they join the line, 09:00 to 17:00. */
  videoHours: [0.8, 1.2, 1.2, 0.9, 1.0, 1.2, 1.1, 1.0, 0.6],
  /** Text chats and Open311 requests by hour of the day, 00:00 to 23:00. */
  dayHours: [0.3, 0.2, 0.15, 0.1, 0.1, 0.2, 0.5, 1, 1.6, 2, 2, 1.9, 1.5, 1.8, 1.9, 1.9, 1.8, 1.6, 1.4, 1.3, 1.2, 1, 0.8, 0.5],
  video: {
    /** Of all calls: answered within 120 s; abandoned (the rest are answered later). */
    withinTarget: 0.85,
    abandoned: 0.04,
    fromKiosk: 0.22,
    /** Median talk time and spread (σ of its logarithm). */
    handleMedianSec: 240,
    handleSigma: 0.55,
    /** Answered calls that end with a case. */
    withCase: 0.55,
  },
  chat: { answered: 0.96, withCase: 0.4, leftContact: 0.15, fromKiosk: 0.05 },
  interpreters: 12,
  /** Days after which a chat's contact is gone (the product's default retention). */
  chatRetentionDays: 90,
} as const;

export const SERVICE_SHARES = shares(SEED_MIX.services);
export const ITEM_SHARES = shares(SEED_MIX.items);
export const DISTRICT_SHARES = shares(SEED_MIX.districts);
