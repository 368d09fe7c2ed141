import { randomUUID } from 'node:crypto';
import type { CallId, EntryId, GuestId, UserId } from '@sign-relay/shared';
import type { TestServer } from './harness.ts';

/**
 * Test surface only: a call for one caller and the staff named, as the queue creates one when an
 * interpreter answers, but with no caller in line behind it (for tests of the call and media layers). Only
 * those people may join, each in the role the call gives them: the caller, then the first staff member as
 * the interpreter.
 */
export function callForTesting(server: TestServer, parties: { guestId: GuestId; staffIds?: readonly UserId[] }): Promise<CallId> {
  return server.calls.create({ entryId: randomUUID() as EntryId, guestId: parties.guestId, channel: 'web', kioskId: null, staffIds: new Set(parties.staffIds ?? []) });
}
