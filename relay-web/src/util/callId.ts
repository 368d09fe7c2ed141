import { ID_PATTERN } from '@sign-relay/shared';
import type { CallId } from '@sign-relay/shared';

const ID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** A call id from a route parameter, or `null` if it is not one. */
export function parseCallId(value: string | undefined): CallId | null {
  const id = value?.trim().toLowerCase();
  return id && ID_PATTERN.test(id) ? (id as CallId) : null;
}

/**
 * The call id in what an interpreter pasted: the bare id or any link that contains it
 * (for example https://host/interpreter/call/<id>). `null` if there is none.
 */
export function findCallId(text: string): CallId | null {
  const match = ID_IN_TEXT.exec(text.trim().toLowerCase());
  return match ? parseCallId(match[0]) : null;
}

/** The path at which an interpreter joins the call. */
export function interpreterPath(callId: CallId): string {
  return `/interpreter/call/${callId}`;
}
