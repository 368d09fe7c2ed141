/**
 * A realistic year of the relay, generated in memory from a seed: video calls (09:00–18:00 Taipei), text
 * chats (24 h), the cases filed from them and from the city's other channels (Open311), and interpreters.
 * Pure and deterministic: the same seed, window and "now" give the same records, so a test can generate a
 * month and compute its figures independently of the database. The proportions are declared once, in seedMix.ts;
 * the records' shapes are in seedRecords.ts and the cases' content in seedCase.ts.
 */
import { formatCaseNumber, taipeiDay } from '@sign-relay/shared';
import { GIVEN_NAMES, SURNAMES, kioskIds } from './places.ts';
import { Random, WeightedPicker } from './random.ts';
import { makeCase, personName, phone } from './seedCase.ts';
import { SEED_MIX } from './seedMix.ts';
import type { SeedCall, SeedCase, SeedChat, SeedData, SeedOptions, SeedUser } from './seedRecords.ts';

/** What the generator takes and gives. */
export type { SeedData, SeedOptions } from './seedRecords.ts';

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
const videoHourPicker = new WeightedPicker(Object.fromEntries(SEED_MIX.videoHours.map((w, h) => [String(h), w])));
const dayHourPicker = new WeightedPicker(Object.fromEntries(SEED_MIX.dayHours.map((w, h) => [String(h), w])));
const KIOSKS = kioskIds();

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
