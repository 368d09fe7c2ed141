/**
 * The call-back request a caller leaves outside video hours, checked as the server checks it (POST
 * /api/callbacks): a name, and a phone number or an e-mail address (or both); a topic and a note are optional.
 */
import type { ServiceTopic } from '@sign-relay/shared';

export interface CallbackFields {
  name: string;
  phone: string;
  email: string;
  topic: ServiceTopic | '';
  note: string;
}

export interface CallbackRequest {
  name: string;
  phone?: string;
  email?: string;
  topic?: ServiceTopic;
  note?: string;
}

export type CallbackProblem = 'nameRequired' | 'nameTooLong' | 'phoneInvalid' | 'emailInvalid' | 'contactRequired' | 'noteTooLong';

export interface CallbackProblems {
  name?: CallbackProblem;
  phone?: CallbackProblem;
  email?: CallbackProblem;
  note?: CallbackProblem;
}

export const EMPTY_CALLBACK: CallbackFields = { name: '', phone: '', email: '', topic: '', note: '' };

/** The server's rule for phone numbers: digits, +, -, brackets and spaces, 6–30 of them. */
const PHONE = /^[0-9+()\- ]{6,30}$/;
/** A plain address check (the server's is stricter and has the last word). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The request to send, or what is wrong with each field. */
export function checkCallback(f: CallbackFields): { ok: true; request: CallbackRequest } | { ok: false; problems: CallbackProblems } {
  const name = f.name.trim();
  const phone = f.phone.trim();
  const email = f.email.trim();
  const note = f.note.trim();
  const problems: CallbackProblems = {};
  if (!name) problems.name = 'nameRequired';
  else if ([...name].length > 100) problems.name = 'nameTooLong';
  if (phone && !PHONE.test(phone)) problems.phone = 'phoneInvalid';
  if (email && (!EMAIL.test(email) || email.length > 200)) problems.email = 'emailInvalid';
  if (!phone && !email) problems.phone = 'contactRequired';
  if ([...note].length > 500) problems.note = 'noteTooLong';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    request: { name, ...(phone ? { phone } : {}), ...(email ? { email } : {}), ...(f.topic ? { topic: f.topic } : {}), ...(note ? { note } : {}) },
  };
}
