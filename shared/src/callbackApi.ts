/**
 * Call-back requests: a caller who cannot sign with us now (outside video hours) leaves a name, how to be
 * reached — a text message to a mobile, an e-mail, or a video call back whose link goes to a mobile or an
 * address — and gets a reference number (at most 3 open requests per caller a day). Interpreters work through
 * the open requests: one claims a request (nobody else can), reaches the caller, and closes it with an outcome;
 * a request can become a case.
 * Routes declared once for the server and the web app (see `http.ts`).
 */
import { z } from 'zod';
import { httpRoute } from './http.ts';
import { ID_PATTERN, type UserId } from './ids.ts';
import { SERVICE_TOPICS, type ServiceTopic } from './queue.ts';

/** How the caller asked to be reached. A phone number alone does not say how to reach a Deaf person. */
export const CALLBACK_METHODS = ['sms', 'email', 'video'] as const;
export type CallbackMethod = (typeof CALLBACK_METHODS)[number];

/**
 * How a call-back ended. `case-filed` is set when a case is filed from the request (it links the case); the
 * others are chosen by the interpreter or supervisor who closes it.
 */
export const CALLBACK_OUTCOMES = ['reached', 'resolved-by-text', 'case-filed', 'no-answer', 'wrong-contact', 'no-longer-needed', 'duplicate'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];
/** The outcomes a person closes a request with (a filed case closes its request by itself). */
export const CALLBACK_CLOSE_OUTCOMES = CALLBACK_OUTCOMES.filter((o): o is Exclude<CallbackOutcome, 'case-filed'> => o !== 'case-filed');

export const CALLBACK_LIMITS = { name: 100, email: 200, note: 500, outcomeNote: 500 } as const;

/** Open requests one caller (guest identity) may have left on one Taipei day; a 4th is RATE_LIMITED. */
export const CALLBACKS_PER_CALLER_PER_DAY = 3;

/** The server's rule for phone numbers: digits, +, -, brackets and spaces, 6–30 of them. */
export const CALLBACK_PHONE_PATTERN = /^[0-9+()\- ]{6,30}$/;
/** A reference as shown to the caller: `CB-MMDD-NNN` (the Taipei day and that day's sequence). */
export const CALLBACK_REFERENCE_PATTERN = /^CB-\d{4}-\d{3,}$/;

/** The reference of a request: `CB-1201-007` for the 7th request of 1 December (Taipei). */
export function formatCallbackReference(day: string, seq: number): string {
  return `CB-${day.slice(5, 7)}${day.slice(8, 10)}-${String(seq).padStart(3, '0')}`;
}

const phone = z.string().trim().regex(CALLBACK_PHONE_PATTERN, 'must be a phone number');
/** Text of at most `max` characters, an emoji counting once (as the form counts them). */
const text = (max: number) => z.string().trim().refine((s) => [...s].length <= max, `must be at most ${max} characters`);
const email = z.email().max(CALLBACK_LIMITS.email);

/**
 * A caller's request. `method` says how to be reached and which contact it needs: `sms` a mobile number,
 * `email` an address, `video` either (the link to the video call is sent there). A request without `method`
 * (older clients) is read as SMS when it has a phone number, else e-mail.
 */
export const newCallbackSchema = z
  .object({
    name: text(CALLBACK_LIMITS.name).pipe(z.string().min(1)),
    method: z.enum(CALLBACK_METHODS).optional(),
    phone: phone.optional(),
    email: email.optional(),
    topic: z.enum(SERVICE_TOPICS).optional(),
    note: text(CALLBACK_LIMITS.note).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const method = r.method ?? (r.phone !== undefined ? 'sms' : 'email');
    if (method === 'sms' && r.phone === undefined) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'a text message needs a mobile number' });
    if (method === 'email' && r.email === undefined) ctx.addIssue({ code: 'custom', path: ['email'], message: 'an e-mail needs an address' });
    if (method === 'video' && r.phone === undefined && r.email === undefined) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'a video call back needs a mobile number or an e-mail address for the link' });
  });
export type NewCallback = z.infer<typeof newCallbackSchema>;

export const closeCallbackSchema = z
  .object({
    outcome: z.enum(CALLBACK_CLOSE_OUTCOMES),
    note: text(CALLBACK_LIMITS.outcomeNote).optional(),
  })
  .strict();

/** What the caller is told once the request is stored. */
export interface CallbackReceipt {
  id: string;
  reference: string;
  method: CallbackMethod;
  createdAt: number;
}

/**
 * One request on the desk. The contact in full only for the one who claimed it, supervisors and admins; others
 * see it masked (`0912-•••-678`), enough to tell requests apart.
 */
export interface CallbackItem {
  id: string;
  reference: string;
  method: CallbackMethod;
  name: string;
  phone: string | null;
  email: string | null;
  /** Whether `phone` and `email` are shown masked. */
  masked: boolean;
  topic: ServiceTopic | null;
  note: string | null;
  channel: 'web' | 'kiosk';
  kioskId: string | null;
  createdAt: number;
  claimedBy: { id: UserId; name: string } | null;
  claimedAt: number | null;
  outcome: CallbackOutcome | null;
  outcomeNote: string | null;
  doneBy: { id: UserId; name: string } | null;
  doneAt: number | null;
  /** The case filed from this request, when one was. */
  caseId: string | null;
  caseNumber: string | null;
}

/**
 * One page of the open requests: the asker's own first (so what they are working on stays in view), then those
 * nobody has taken, then those colleagues hold; newest first within each. `total` counts every open request.
 */
export interface CallbackPage {
  items: CallbackItem[];
  total: number;
  page: number;
  pageSize: number;
}

export const CALLBACK_PAGE_SIZE_MAX = 100;
const callbackPageSchema = z
  .object({
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(CALLBACK_PAGE_SIZE_MAX).default(50),
  })
  .strict();

const STAFF = ['interpreter', 'supervisor', 'admin'] as const;
/** Those who call callers back. Admins manage the service and see the list, but do not take requests. */
const WORK = ['interpreter', 'supervisor'] as const;
const idParams = z.object({ id: z.string().regex(ID_PATTERN, 'must be an id') }).strict();

/** Every route of call-back requests. */
export const callbackRoutes = {
  /**
   * A caller (guest token) leaves a request: 201 with its reference; RATE_LIMITED (429) beyond
   * {@link CALLBACKS_PER_CALLER_PER_DAY} open requests of the day, or too many from one address.
   */
  create: httpRoute<CallbackReceipt>()({ method: 'POST', path: '/api/callbacks', access: ['guest'], body: newCallbackSchema }),
  /** A page of the open requests (see {@link CallbackPage} for the order). */
  open: httpRoute<CallbackPage>()({ method: 'GET', path: '/api/callbacks', access: STAFF, query: callbackPageSchema }),
  /** Requests closed in the last day, newest first. */
  closed: httpRoute<CallbackItem[]>()({ method: 'GET', path: '/api/callbacks/closed', access: STAFF }),
  /** Takes a request: one person only; a request someone else holds is a CONFLICT. */
  claim: httpRoute<CallbackItem>()({ method: 'POST', path: '/api/callbacks/:id/claim', access: WORK, params: idParams }),
  /** Gives a claimed request back to the list: its claimer, or a supervisor. */
  release: httpRoute<CallbackItem>()({ method: 'POST', path: '/api/callbacks/:id/release', access: WORK, params: idParams }),
  /** Closes a request with its outcome: its claimer, or a supervisor. */
  close: httpRoute<CallbackItem>()({ method: 'POST', path: '/api/callbacks/:id/close', access: WORK, params: idParams, body: closeCallbackSchema }),
} as const;
