/**
 * The call-back request a caller leaves outside video hours, checked as the server checks it (POST
 * /api/callbacks, `newCallbackSchema`): a name; how to be reached — a text message (a mobile number), an e-mail
 * (an address) or a video call back (a mobile number or an address for the link); a topic and a note optional.
 */
import { CALLBACK_LIMITS, CALLBACK_PHONE_PATTERN } from '@sign-relay/shared';
import type { CallbackMethod, NewCallback, ServiceTopic } from '@sign-relay/shared';

export interface CallbackFields {
  name: string;
  method: CallbackMethod | null;
  phone: string;
  email: string;
  topic: ServiceTopic | '';
  note: string;
}

export type CallbackRequest = NewCallback;

export type CallbackProblem =
  | 'nameRequired'
  | 'nameTooLong'
  | 'methodRequired'
  | 'phoneRequired'
  | 'phoneInvalid'
  | 'emailRequired'
  | 'emailInvalid'
  | 'contactRequired'
  | 'noteTooLong';

export interface CallbackProblems {
  name?: CallbackProblem;
  method?: CallbackProblem;
  phone?: CallbackProblem;
  email?: CallbackProblem;
  note?: CallbackProblem;
}

/** The fields in the order the form shows them (the first with a problem takes the focus). */
export const CALLBACK_FIELD_ORDER = ['name', 'method', 'phone', 'email', 'note'] as const;

export const EMPTY_CALLBACK: CallbackFields = { name: '', method: null, phone: '', email: '', topic: '', note: '' };

/** A plain address check (the server's is stricter and has the last word). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Which contact fields a method asks for. */
export function contactFields(method: CallbackMethod | null): { phone: boolean; email: boolean } {
  switch (method) {
    case null:
      return { phone: false, email: false };
    case 'sms':
      return { phone: true, email: false };
    case 'email':
      return { phone: false, email: true };
    case 'video':
      return { phone: true, email: true };
  }
}

/** The request to send, or what is wrong with each field. A field the method does not ask for is not sent. */
export function checkCallback(f: CallbackFields): { ok: true; request: CallbackRequest } | { ok: false; problems: CallbackProblems } {
  const name = f.name.trim();
  const asks = contactFields(f.method);
  const phone = asks.phone ? f.phone.trim() : '';
  const email = asks.email ? f.email.trim() : '';
  const note = f.note.trim();
  const problems: CallbackProblems = {};
  if (!name) problems.name = 'nameRequired';
  else if ([...name].length > CALLBACK_LIMITS.name) problems.name = 'nameTooLong';
  if (!f.method) problems.method = 'methodRequired';
  if (phone && !CALLBACK_PHONE_PATTERN.test(phone)) problems.phone = 'phoneInvalid';
  if (email && (!EMAIL.test(email) || email.length > CALLBACK_LIMITS.email)) problems.email = 'emailInvalid';
  if (f.method === 'sms' && !phone) problems.phone = 'phoneRequired';
  if (f.method === 'email' && !email) problems.email = 'emailRequired';
  if (f.method === 'video' && !phone && !email) problems.phone = 'contactRequired';
  if ([...note].length > CALLBACK_LIMITS.note) problems.note = 'noteTooLong';
  if (Object.keys(problems).length > 0 || !f.method) return { ok: false, problems };
  return {
    ok: true,
    request: { name, method: f.method, ...(phone ? { phone } : {}), ...(email ? { email } : {}), ...(f.topic ? { topic: f.topic } : {}), ...(note ? { note } : {}) },
  };
}

/** Where the caller will be contacted, as the confirmation says it: the number or address the method uses. */
export function contactShown(r: Pick<CallbackRequest, 'method' | 'phone' | 'email'>): string {
  if (r.method === 'sms') return r.phone ?? '';
  if (r.method === 'email') return r.email ?? '';
  return [r.phone, r.email].filter(Boolean).join(' / ');
}
