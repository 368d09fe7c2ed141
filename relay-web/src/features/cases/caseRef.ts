import type { CaseRef } from '@sign-relay/shared';

/** One string per call, chat or call-back request: the key of its form in storage and in React lists. */
export function caseRefKey(ref: CaseRef): string {
  switch (ref.kind) {
    case 'call':
      return `call:${ref.callId}`;
    case 'chat':
      return `chat:${ref.sessionId}`;
    case 'callback':
      return `callback:${ref.callbackId}`;
  }
}

export function sameRef(a: CaseRef, b: CaseRef): boolean {
  return caseRefKey(a) === caseRefKey(b);
}
