import { z } from 'zod';
// Straight from the module until shared/src/index.ts re-exports hours.ts; then '@sign-relay/shared'.
import { EXCEPTION_KINDS, SERVICE_KINDS, timeToMinutes, WEEKDAYS, type ServiceHours } from '@sign-relay/shared';

/** Limits on what an admin can store. */
export const HOURS_LIMITS = {
  maxExceptions: 500,
  maxRangesPerDay: 12,
  maxMessageLength: 500,
} as const;

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const time = z.string().regex(/^(?:([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time HH:MM between 00:00 and 24:00');

const timeRange = z
  .object({ open: time, close: time })
  .strict()
  .refine((r) => timeToMinutes(r.close) > timeToMinutes(r.open), { message: 'close must be later than open', path: ['close'] });

const dayRanges = z
  .array(timeRange)
  .max(HOURS_LIMITS.maxRangesPerDay, `at most ${HOURS_LIMITS.maxRangesPerDay} ranges a day`)
  .superRefine((ranges, ctx) => {
    for (let i = 1; i < ranges.length; i++) {
      const prev = ranges[i - 1]!;
      const cur = ranges[i]!;
      if (timeToMinutes(cur.open) < timeToMinutes(prev.close)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'open'],
          message: `ranges must be in order and must not overlap (this one opens at ${cur.open}, before the one before it closes at ${prev.close})`,
        });
      }
    }
  });

const weeklyHours = z
  .object(Object.fromEntries(WEEKDAYS.map((d) => [String(d), dayRanges])) as Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', typeof dayRanges>)
  .strict();

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'is not a real calendar date');

const messageText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(HOURS_LIMITS.maxMessageLength, `must be at most ${HOURS_LIMITS.maxMessageLength} characters`);

const hoursException = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, _ . -'),
    date,
    services: z
      .array(z.enum(SERVICE_KINDS))
      .min(1, 'must name at least one service (video, text)')
      .refine((s) => new Set(s).size === s.length, 'must not repeat a service'),
    kind: z.enum(EXCEPTION_KINDS),
    ranges: dayRanges.min(1, 'must hold at least one range (leave it out to close the whole day)').optional(),
    message: z.object({ 'zh-TW': messageText, en: messageText }).strict(),
  })
  .strict()
  .refine((e) => e.kind !== 'open' || e.ranges !== undefined, { message: 'a special opening needs its opening hours (ranges)', path: ['ranges'] });

/** Whether `timeZone` is a zone name Intl knows (`Asia/Taipei`, `UTC`); offsets such as `+08:00` are refused. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The whole service-hours document an admin edits; parse every inbound copy with it. */
export const serviceHoursSchema = z
  .object({
    timeZone: z.string().max(64).refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Taipei'),
    video: weeklyHours,
    text: weeklyHours,
    exceptions: z.array(hoursException).max(HOURS_LIMITS.maxExceptions, `at most ${HOURS_LIMITS.maxExceptions} exceptions`),
  })
  .strict()
  .superRefine((h, ctx) => {
    const ids = new Map<string, number>();
    const slots = new Map<string, number>();
    h.exceptions.forEach((e, i) => {
      const sameId = ids.get(e.id);
      if (sameId !== undefined) ctx.addIssue({ code: 'custom', path: ['exceptions', i, 'id'], message: `"${e.id}" is already the id of exception ${sameId + 1}` });
      else ids.set(e.id, i);
      for (const s of e.services) {
        const slot = `${e.date} ${s}`;
        const other = slots.get(slot);
        if (other !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['exceptions', i, 'services'], message: `${e.date} already has an exception for ${s} ("${h.exceptions[other]?.id}"); edit that one instead` });
        } else slots.set(slot, i);
      }
    });
  }) satisfies z.ZodType<ServiceHours>;

/** Where an issue is, for people: `video Monday range 1 close`, `exception 3 (typhoon-0901) message en`. */
function describePath(path: readonly PropertyKey[]): string {
  const out: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const prev = path[i - 1];
    if ((prev === 'video' || prev === 'text') && i === 1) out.push(WEEKDAY_NAMES[Number(seg)] ?? String(seg));
    else if (typeof seg === 'number' && (prev === 'exceptions' || prev === 'ranges' || i === 2)) out.push(`${prev === 'exceptions' ? 'exception' : 'range'} ${seg + 1}`);
    else if (!((seg === 'exceptions' || seg === 'ranges') && typeof path[i + 1] === 'number')) out.push(String(seg));
  }
  return out.join(' ');
}

/**
 * Validates service hours from anywhere (an admin's request, the database): the hours, or one readable
 * message for the first problem, e.g. `video Monday range 2 open: ranges must be in order …`.
 */
export function parseServiceHours(input: unknown): { ok: true; hours: ServiceHours } | { ok: false; message: string } {
  const r = serviceHoursSchema.safeParse(input);
  if (r.success) return { ok: true, hours: r.data };
  const issue = r.error.issues[0];
  const where = issue ? describePath(issue.path) : '';
  const text = `${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}`;
  const more = r.error.issues.length > 1 ? ` (and ${r.error.issues.length - 1} more)` : '';
  return { ok: false, message: `Invalid service hours: ${text}${more}`.slice(0, 400) };
}
