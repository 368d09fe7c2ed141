/**
 * A realistic year of the relay, generated in memory from a seed: video calls (09:00–18:00 Taipei), text
 * chats (24 h), the cases filed from them and from the city's other channels (Open311), and interpreters.
 * Pure and deterministic: the same seed, window and "now" give the same records, so a test can generate a
 * month and compute its figures independently of the database. The proportions are declared once here.
 */
import { DISPATCH_ITEMS, DISTRICTS, TRANSFER_OUTCOMES, formatCaseNumber, taipeiDay } from '@sign-relay/shared';
import type { CaseService, CaseStatus, DispatchItemCode, DistrictCode, TransferOutcome } from '@sign-relay/shared';
import { AGENCIES, CONSULTATION_TOPICS, DISPATCH_DETAILS, DISTRICT_PLACES, GIVEN_NAMES, PETITION_TOPICS, SURNAMES, kioskIds } from './places.ts';
import { Random, WeightedPicker, shares } from './random.ts';

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

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SEC = 1000;

/** The instant a Taipei day starts (00:00 +08:00). */
export function taipeiMidnight(day: string): number {
  return Date.parse(`${day}T00:00:00+08:00`);
}

const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/**
 * The default window: the twelve whole Taipei months before the current one, and the current month up to
 * `now` (so the reports of every month and of today have something to show).
 */
export function defaultWindow(now: Date): { from: string; to: string } {
  const today = taipeiDay(now);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(y, m - 1 - 12, 1)).toISOString().slice(0, 10);
  return { from, to: addDays(today, 1) };
}

/** The interpreters, with ids fixed by username (seeding twice finds the same accounts). */
export function seedInterpreters(count: number = SEED_MIX.interpreters): SeedUser[] {
  return Array.from({ length: count }, (_, i) => {
    const username = `seed-interpreter-${String(i + 1).padStart(2, '0')}`;
    const rng = new Random(`user:${username}`);
    return { id: rng.uuid(), username, displayName: `${SURNAMES[i % SURNAMES.length]}${GIVEN_NAMES[(i * 5) % GIVEN_NAMES.length]}`, gender: i % 3 === 2 ? 'male' : 'female' };
  });
}

const servicePicker = new WeightedPicker(SEED_MIX.services);
const itemPicker = new WeightedPicker(SEED_MIX.items);
const districtPicker = new WeightedPicker(SEED_MIX.districts);
const videoHourPicker = new WeightedPicker(Object.fromEntries(SEED_MIX.videoHours.map((w, h) => [String(h), w])));
const dayHourPicker = new WeightedPicker(Object.fromEntries(SEED_MIX.dayHours.map((w, h) => [String(h), w])));
const KIOSKS = kioskIds();
const ITEM_NAMES = new Map<string, string>(DISPATCH_ITEMS.map((i) => [i.code, i.zh]));
const DISTRICT_NAMES = new Map<string, string>(DISTRICTS.map((d) => [d.code, d.zh]));

/** Where a case came from: the call or chat it was filed in, or an Open311 client. */
interface CaseOrigin {
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

/** Generates the window's records. */
export function generateSeed(opts: SeedOptions): SeedData {
  const rng = new Random(opts.seed);
  const now = opts.now.getTime();
  const users = seedInterpreters();
  const calls: SeedCall[] = [];
  const chats: SeedChat[] = [];
  const cases: SeedCase[] = [];
  const retentionCutoff = now - SEED_MIX.chatRetentionDays * DAY_MS;

  const weights = dayWeights(opts);
  for (let day = opts.from, i = 0; day < opts.to; day = addDays(day, 1), i++) {
    const midnight = taipeiMidnight(day);
    const weight = weights[i]!;
    let filed = 0;

    // Video calls: each queued, answered (or given up) and ended between 09:00 and 18:00.
    const nCalls = rng.round((SEED_MIX.perYear.videoCalls / 365) * weight);
    for (let n = 0; n < nCalls; n++) {
      const r = rng.next();
      const outcome = r < SEED_MIX.video.withinTarget ? 'within' : r < SEED_MIX.video.withinTarget + SEED_MIX.video.abandoned ? 'abandoned' : 'late';
      // Waits in whole milliseconds; 'within' answers by 120 s exactly, 'late' after 121 s.
      const waitMs = outcome === 'within' ? Math.round((5 + 115 * rng.next() ** 1.6) * SEC) : outcome === 'late' ? rng.int(121, 600) * SEC : rng.int(15, 480) * SEC;
      const handleMs = outcome === 'abandoned' ? 0 : Math.round(Math.min(1800, Math.max(45, rng.logNormal(SEED_MIX.video.handleMedianSec, SEED_MIX.video.handleSigma))) * SEC);
      const latest = 9 * HOUR_MS - waitMs - handleMs - 30 * SEC;
      const offset = Math.min(latest, Number(videoHourPicker.pick(rng)) * HOUR_MS + Math.floor(rng.next() * HOUR_MS));
      const queuedAt = midnight + 9 * HOUR_MS + Math.max(0, offset);
      const end = queuedAt + waitMs + handleMs;
      if (end > now) continue;
      const kiosk = rng.chance(SEED_MIX.video.fromKiosk);
      const who = outcome === 'abandoned' ? null : rng.pick(users);
      const answeredAt = who ? queuedAt + waitMs : null;
      const withCase = who !== null && rng.chance(SEED_MIX.video.withCase);
      const service = servicePicker.pick(rng);
      const wrapUpAt = who ? end + rng.int(10, 60) * SEC : null;
      const call: SeedCall = {
        id: rng.uuid(),
        callId: who ? rng.uuid() : null,
        guestId: rng.uuid(),
        channel: kiosk ? 'kiosk' : 'web',
        kioskId: kiosk ? rng.pick(KIOSKS) : null,
        topic: withCase || rng.chance(0.8) ? service : null,
        queuedAt,
        offeredAt: answeredAt === null ? null : Math.max(queuedAt, answeredAt - rng.int(2, 15) * SEC),
        answeredAt,
        endedAt: answeredAt === null ? null : end,
        abandonedAt: answeredAt === null ? queuedAt + waitMs : null,
        interpreterId: who?.id ?? null,
        endReason: who ? 'hangup' : 'caller-left',
        offerCount: who ? 1 : 0,
        wrapUpOutcome: who ? (withCase ? 'case-filed' : rng.pick(['answered', 'answered', 'transferred', 'caller-hung-up'])) : null,
        wrapUpAt: wrapUpAt !== null && wrapUpAt <= now ? wrapUpAt : null,
      };
      calls.push(call);
      if (withCase && answeredAt !== null) {
        const at = answeredAt + Math.round(handleMs * rng.between(0.6, 0.95));
        cases.push(makeCase(rng, service, at, now, { source: 'call', filedBy: who, callRecordId: call.id, callId: call.callId, guestId: call.guestId, channel: call.channel, kioskId: call.kioskId }));
        filed++;
      }
    }

    // Text chats, around the clock.
    const nChats = rng.round((SEED_MIX.perYear.textChats / 365) * weight);
    for (let n = 0; n < nChats; n++) {
      const createdAt = midnight + Number(dayHourPicker.pick(rng)) * HOUR_MS + Math.floor(rng.next() * HOUR_MS);
      const answered = rng.chance(SEED_MIX.chat.answered);
      const answeredAt = answered ? createdAt + rng.int(10, 240) * SEC : null;
      const endedAt = answeredAt ? answeredAt + Math.round(Math.min(3600, Math.max(60, rng.logNormal(600, 0.6))) * SEC) : createdAt + rng.int(60, 900) * SEC;
      if (endedAt > now) continue;
      const who = answered ? rng.pick(users) : null;
      const withCase = answered && rng.chance(SEED_MIX.chat.withCase);
      const service = servicePicker.pick(rng);
      // What a caller left is gone once the chat is older than the retention.
      const contact = rng.chance(SEED_MIX.chat.leftContact) && endedAt >= retentionCutoff;
      const kiosk = rng.chance(SEED_MIX.chat.fromKiosk);
      const chat: SeedChat = {
        id: rng.uuid(),
        guestId: rng.uuid(),
        channel: kiosk ? 'kiosk' : 'web',
        kioskId: kiosk ? rng.pick(KIOSKS) : null,
        topic: rng.chance(0.7) ? service : null,
        interpreterId: who?.id ?? null,
        callbackName: contact ? personName(rng) : null,
        callbackPhone: contact ? phone(rng) : null,
        createdAt,
        answeredAt,
        endedAt,
        endReason: answered ? rng.pick(['guest-ended', 'staff-ended']) : 'guest-left',
        wrapUpOutcome: answered ? (withCase ? 'case-filed' : 'answered') : null,
        wrapUpAt: answered && endedAt + 30 * SEC <= now ? endedAt + 30 * SEC : null,
      };
      chats.push(chat);
      if (withCase && answeredAt !== null) {
        const at = answeredAt + Math.round((endedAt - answeredAt) * rng.between(0.5, 0.95));
        cases.push(makeCase(rng, service, at, now, { source: 'chat', filedBy: who, chatSessionId: chat.id, guestId: chat.guestId, channel: chat.channel, kioskId: chat.kioskId }));
        filed++;
      }
    }

    // The rest of the day's cases come from the city's other channels through Open311.
    const nCases = rng.round((SEED_MIX.perYear.cases / 365) * weight);
    for (let n = filed; n < nCases; n++) {
      const at = midnight + Number(dayHourPicker.pick(rng)) * HOUR_MS + Math.floor(rng.next() * HOUR_MS);
      if (at > now) continue;
      cases.push(makeCase(rng, servicePicker.pick(rng), at, now, { source: 'open311', filedBy: null, deviceId: rng.chance(0.6) ? `app-${rng.int(100000, 999999)}` : null }));
    }
  }

  // Numbers: a gapless sequence per Taipei day, in filing order.
  cases.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const counters = new Map<string, number>();
  for (const c of cases) {
    c.day = taipeiDay(c.createdAt);
    c.seq = (counters.get(c.day) ?? 0) + 1;
    c.number = formatCaseNumber(c.day, c.seq);
    counters.set(c.day, c.seq);
  }
  return { from: opts.from, to: opts.to, users, calls, chats, cases, counters: [...counters].map(([day, last]) => ({ day, last })) };
}

/**
 * Each day's share of the volume: weekday × month × a day's chance, scaled so the window's days average 1 (a
 * year then holds the yearly volumes). From a generator of its own, so the records' draws do not shift them.
 */
function dayWeights(opts: SeedOptions): number[] {
  const rng = new Random(`${opts.seed}:days`);
  const raw: number[] = [];
  for (let day = opts.from; day < opts.to; day = addDays(day, 1)) {
    const at = new Date(`${day}T00:00:00Z`);
    raw.push(SEED_MIX.weekdays[at.getUTCDay()]! * SEED_MIX.months[at.getUTCMonth()]! * Math.exp(SEED_MIX.daySigma * rng.normal()));
  }
  const mean = raw.reduce((a, b) => a + b, 0) / Math.max(1, raw.length);
  return raw.map((w) => w / mean);
}

function personName(rng: Random): string {
  return `${rng.pick(SURNAMES)}${rng.pick(GIVEN_NAMES)}`;
}

function phone(rng: Random): string {
  return `09${rng.int(10, 99)}-${rng.int(100, 999)}-${rng.int(100, 999)}`;
}

/** A case of a service as an interpreter or a city app would file it, and where its life stands by `now`. */
function makeCase(rng: Random, service: CaseService, createdAt: number, now: number, origin: CaseOrigin): SeedCase {
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
