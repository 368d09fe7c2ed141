/** The records the year model generates, as plain data (the seed writer turns them into rows). */
import type { CaseService, CaseStatus, DispatchItemCode, DistrictCode, TransferOutcome } from '@sign-relay/shared';

export interface SeedUser {
  id: string;
  username: string;
  displayName: string;
  gender: 'female' | 'male';
}

/** Times are epoch milliseconds (cheaper than a Date per field over a year of records). */
export interface SeedCall {
  id: string;
  callId: string | null;
  guestId: string;
  channel: 'web' | 'kiosk';
  kioskId: string | null;
  topic: CaseService | null;
  queuedAt: number;
  offeredAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  abandonedAt: number | null;
  interpreterId: string | null;
  endReason: string;
  offerCount: number;
  wrapUpOutcome: string | null;
  wrapUpAt: number | null;
}

export interface SeedChat {
  id: string;
  guestId: string;
  channel: 'web' | 'kiosk';
  kioskId: string | null;
  topic: CaseService | null;
  interpreterId: string | null;
  callbackName: string | null;
  callbackPhone: string | null;
  createdAt: number;
  answeredAt: number | null;
  endedAt: number;
  endReason: string;
  wrapUpOutcome: string | null;
  wrapUpAt: number | null;
}

export interface SeedCase {
  id: string;
  number: string;
  day: string;
  seq: number;
  service: CaseService;
  dispatchItem: DispatchItemCode | null;
  district: DistrictCode | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  description: string | null;
  summary: string | null;
  agency: string | null;
  transferOutcome: TransferOutcome | null;
  callerName: string | null;
  callerPhone: string | null;
  callerEmail: string | null;
  status: CaseStatus;
  source: 'call' | 'chat' | 'open311';
  channel: 'web' | 'kiosk' | null;
  kioskId: string | null;
  guestId: string | null;
  callId: string | null;
  callRecordId: string | null;
  chatSessionId: string | null;
  interpreterId: string | null;
  deviceId: string | null;
  clientKey: string;
  /** Who filed it (history and audit): the interpreter, or null for an Open311 client. */
  filedBy: SeedUser | null;
  readbackAt: number | null;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  closingNote: string | null;
}

export interface SeedHistory {
  caseId: string;
  at: number;
  actorKind: 'staff' | 'api';
  actorId: string | null;
  actorName: string;
  action: 'filed' | 'status';
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
}

export interface SeedData {
  /** The window, Taipei days: `from` inclusive, `to` exclusive. */
  from: string;
  to: string;
  users: SeedUser[];
  calls: SeedCall[];
  chats: SeedChat[];
  /** In number order (by time). Their history rows: {@link caseHistory}. */
  cases: SeedCase[];
  /** The last case number of each Taipei day (`case_day_counters`). */
  counters: { day: string; last: number }[];
}

export interface SeedOptions {
  seed: string;
  /** First Taipei day, `YYYY-MM-DD`. */
  from: string;
  /** The Taipei day after the last one. */
  to: string;
  /** Nothing later than this is generated (a day in progress is cut at it); statuses age relative to it. */
  now: Date;
}
