/**
 * Where the caller's place in the video line is remembered in this tab (sessionStorage), so a reload takes it
 * up again. Kept apart from the caller's page: the text chat's "switch to video" waits in the same line and
 * stores its place here too.
 */
import { session } from '../../auth/TokenSource.ts';
import type { StoredEntry } from './callerFlow.ts';

export const QUEUE_ENTRY_KEY = 'sign-relay.queueEntry';

/** The place stored in this tab, if any. */
export function readStoredEntry(): StoredEntry | null {
  const raw = session.get(QUEUE_ENTRY_KEY);
  if (!raw) return null;
  try {
    // What this tab stored (the ids as the server gave them), checked for shape.
    const parsed = JSON.parse(raw) as Partial<StoredEntry>;
    return typeof parsed.entryId === 'string' ? { entryId: parsed.entryId, callId: typeof parsed.callId === 'string' ? parsed.callId : null } : null;
  } catch {
    return null;
  }
}
