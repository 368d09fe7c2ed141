/** The cases of the generated year: what an interpreter or a city app files, how its life goes on, and its history. */
import { DISPATCH_ITEMS, DISTRICTS, TRANSFER_OUTCOMES } from '@sign-relay/shared';
import type { CaseService, CaseStatus, DispatchItemCode, DistrictCode, TransferOutcome } from '@sign-relay/shared';
import { AGENCIES, CONSULTATION_TOPICS, DISPATCH_DETAILS, DISTRICT_PLACES, GIVEN_NAMES, PETITION_TOPICS, SURNAMES } from './places.ts';
import { type Random, WeightedPicker } from './random.ts';
import { SEED_MIX } from './seedMix.ts';
import type { SeedCase, SeedHistory, SeedUser } from './seedRecords.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SEC = 1000;

const itemPicker = new WeightedPicker(SEED_MIX.items);
const districtPicker = new WeightedPicker(SEED_MIX.districts);
const ITEM_NAMES = new Map<string, string>(DISPATCH_ITEMS.map((i) => [i.code, i.zh]));
const DISTRICT_NAMES = new Map<string, string>(DISTRICTS.map((d) => [d.code, d.zh]));

/** Where a case came from: the call or chat it was filed in, or an Open311 client. */
export interface CaseOrigin {
  source: SeedCase['source'];
  filedBy: SeedUser | null;
  callRecordId?: string;
  callId?: string | null;
  chatSessionId?: string;
  guestId?: string;
  channel?: 'web' | 'kiosk';
  kioskId?: string | null;
  deviceId?: string | null;
}

/** A Taiwanese name, surname first. */
export function personName(rng: Random): string {
  return `${rng.pick(SURNAMES)}${rng.pick(GIVEN_NAMES)}`;
}

/** A mobile number as callers write it. */
export function phone(rng: Random): string {
  return `09${rng.int(10, 99)}-${rng.int(100, 999)}-${rng.int(100, 999)}`;
}

/** A case of a service as an interpreter or a city app would file it, and where its life stands by `now`. */
export function makeCase(rng: Random, service: CaseService, createdAt: number, now: number, origin: CaseOrigin): SeedCase {
  let dispatchItem: DispatchItemCode | null = null;
  let district: DistrictCode | null = null;
  let address: string | null = null;
  let lat: number | null = null;
  let lng: number | null = null;
  let description: string | null = null;
  let summary: string | null = null;
  let agency: string | null = null;
  let transferOutcome: TransferOutcome | null = null;
  let callerName: string | null = null;
  let callerPhone: string | null = null;
  let callerEmail: string | null = null;
  const placeIn = (d: DistrictCode, withCoordinates: boolean): void => {
    const p = DISTRICT_PLACES[d];
    address = `臺北市${DISTRICT_NAMES.get(d)}${rng.pick(p.streets)}${rng.int(1, 400)}號`;
    if (withCoordinates) {
      lat = Math.round((p.lat + rng.between(-0.008, 0.008)) * 1e6) / 1e6;
      lng = Math.round((p.lng + rng.between(-0.008, 0.008)) * 1e6) / 1e6;
    }
  };
  switch (service) {
    case 'dispatch':
      dispatchItem = itemPicker.pick(rng);
      district = districtPicker.pick(rng);
      placeIn(district, rng.chance(0.8));
      description = `${ITEM_NAMES.get(dispatchItem)}，${rng.pick(DISPATCH_DETAILS)}。`;
      if (rng.chance(0.3)) callerName = personName(rng);
      if (rng.chance(0.6)) callerPhone = phone(rng);
      break;
    case 'petition':
      if (rng.chance(0.7)) {
        district = districtPicker.pick(rng);
        if (rng.chance(0.5)) placeIn(district, false);
      }
      description = `陳情：${rng.pick(PETITION_TOPICS)}，希望市府改善。`;
      callerName = personName(rng);
      if (rng.chance(0.8)) callerPhone = phone(rng);
      if (callerPhone === null || rng.chance(0.2)) callerEmail = `citizen${rng.int(1000, 99999)}@example.com`;
      break;
    case 'consultation':
      if (rng.chance(0.3)) district = districtPicker.pick(rng);
      summary = `詢問${rng.pick(CONSULTATION_TOPICS)}，已說明。`;
      if (rng.chance(0.1)) callerName = personName(rng);
      break;
    case 'transfer':
      if (rng.chance(0.2)) district = districtPicker.pick(rng);
      agency = rng.pick(AGENCIES);
      transferOutcome = rng.chance(0.8) ? 'connected' : rng.pick(TRANSFER_OUTCOMES);
      summary = `轉接${agency}。`;
      break;
  }
  // Consultations and transfers close at once; older dispatch cases and petitions are mostly closed.
  const ageDays = (now - createdAt) / DAY_MS;
  const closesAtOnce = service === 'consultation' || service === 'transfer';
  const closeChance = ageDays > 30 ? 0.95 : ageDays > 7 ? 0.7 : ageDays > 1 ? 0.3 : 0.05;
  let status: CaseStatus = 'open';
  let closedAt: number | null = null;
  if (closesAtOnce || rng.chance(closeChance)) {
    const at = closesAtOnce ? createdAt + rng.int(60, 600) * SEC : createdAt + Math.round(rng.between(0.1, Math.max(0.2, Math.min(ageDays, 10))) * DAY_MS);
    if (at <= now) {
      status = 'closed';
      closedAt = at;
    }
  }
  if (status === 'open' && ageDays > 0.5 && rng.chance(0.5)) status = 'in-progress';
  const id = rng.uuid();
  const fromPerson = origin.source !== 'open311';
  return {
    id,
    number: '',
    day: '',
    seq: 0,
    service,
    dispatchItem,
    district,
    address,
    lat,
    lng,
    description,
    summary,
    agency,
    transferOutcome,
    callerName,
    callerPhone,
    callerEmail,
    status,
    source: origin.source,
    channel: origin.channel ?? null,
    kioskId: origin.kioskId ?? null,
    guestId: origin.guestId ?? null,
    callId: origin.callId ?? null,
    callRecordId: origin.callRecordId ?? null,
    chatSessionId: origin.chatSessionId ?? null,
    interpreterId: origin.filedBy?.id ?? null,
    deviceId: origin.deviceId ?? null,
    clientKey: `seed-${id}`,
    filedBy: origin.filedBy,
    readbackAt: fromPerson ? createdAt - rng.int(15, 60) * SEC : null,
    createdAt,
    updatedAt: closedAt ?? createdAt,
    closedAt,
    closingNote: closedAt === null ? null : service === 'dispatch' ? '已派員完成處理。' : '已回覆民眾。',
  };
}

/**
 * A case's history: filed by its interpreter (or the Open311 client), then the back office's status change —
 * put to work an hour after filing, or closed. Derived from the case, so it need not be kept in memory.
 */
export function caseHistory(c: SeedCase): SeedHistory[] {
  const filed: SeedHistory = c.filedBy
    ? { caseId: c.id, at: c.createdAt, actorKind: 'staff', actorId: c.filedBy.id, actorName: c.filedBy.displayName, action: 'filed', fromStatus: null, toStatus: 'open' }
    : { caseId: c.id, at: c.createdAt, actorKind: 'api', actorId: null, actorName: '臺北市民當家熱線 App', action: 'filed', fromStatus: null, toStatus: 'open' };
  const office = (at: number, to: CaseStatus): SeedHistory => ({ caseId: c.id, at, actorKind: 'api', actorId: null, actorName: '派工系統', action: 'status', fromStatus: 'open', toStatus: to });
  if (c.status === 'in-progress') return [filed, office(c.createdAt + HOUR_MS, 'in-progress')];
  if (c.status === 'closed' && c.closedAt !== null) return [filed, office(c.closedAt, 'closed')];
  return [filed];
}
