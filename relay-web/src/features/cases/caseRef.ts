import type { CaseRef } from '@sign-relay/shared';

/** One string per call or chat: the key of its form in storage and in React lists. */
export function caseRefKey(ref: CaseRef): string {
  return ref.kind === 'call' ? `call:${ref.callId}` : `chat:${ref.sessionId}`;
}

export function sameRef(a: CaseRef, b: CaseRef): boolean {
  return caseRefKey(a) === caseRefKey(b);
}
