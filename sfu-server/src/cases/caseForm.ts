import { createHash } from 'node:crypto';
import { caseContent, type CaseDraft, type ReadBackState } from '@sign-relay/shared';
import { AppError } from '../errors.ts';
import type { DraftRow, KioskRow, RefRow } from '../store/repositories/caseRows.ts';

/** A fingerprint of what a read-back showed: a change to the case after it needs a new read-back. */
export function digest(content: CaseDraft): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('base64url');
}

/** The form's first content: the service the caller picked, the kiosk's place, the contact they left. */
export function initialDraft(ref: RefRow, kiosk: KioskRow | undefined): CaseDraft {
  const d: CaseDraft = {};
  if (ref.topic === 'consultation' || ref.topic === 'transfer' || ref.topic === 'petition' || ref.topic === 'dispatch') d.service = ref.topic;
  if (kiosk?.district) d.district = kiosk.district;
  if (kiosk?.address) d.address = kiosk.address;
  if (kiosk?.lat !== undefined && kiosk.lat !== null && kiosk.lng !== null) {
    d.lat = kiosk.lat;
    d.lng = kiosk.lng;
  }
  if (ref.callbackName) d.callerName = ref.callbackName;
  if (ref.callbackPhone) d.callerPhone = ref.callbackPhone;
  if (ref.callbackEmail) d.callerEmail = ref.callbackEmail;
  if (ref.callbackNote) d.description = ref.callbackNote;
  return d;
}

/** The draft's read-back as the desk shows it, `current` while the draft still says what was read back. */
export function readBackState(d: DraftRow): ReadBackState | null {
  if (!d.readBackId || !d.readBackSentAt) return null;
  return {
    id: d.readBackId,
    sentAt: d.readBackSentAt.getTime(),
    answer: d.readBackAnswer,
    answeredAt: d.readBackAnsweredAt?.getTime() ?? null,
    current: d.readBackDigest === digest(caseContent(d.data)),
  };
}

export function incomplete(problems: { field: string; rule: string }[]): AppError {
  return new AppError('CASE_INCOMPLETE', `The case is not complete: ${problems.map((p) => p.rule).join(', ')}.`, problems);
}
