import type { CallId, CaseRef, ChatSessionId } from '@sign-relay/shared';
import { AppError } from '../errors.ts';
import type { Actor } from '../store/repositories/auditRepository.ts';
import type { CaseRepository } from '../store/repositories/caseRepository.ts';
import type { RefKind, RefRow } from '../store/repositories/caseRows.ts';

/** A staff member acting on a case form. */
export type StaffActor = Extract<Actor, { kind: 'staff' }>;

/** The stored key of a form's call, chat or call-back request. */
export function refKey(ref: CaseRef): { kind: RefKind; refId: string } {
  switch (ref.kind) {
    case 'call':
      return { kind: 'call', refId: ref.callId };
    case 'chat':
      return { kind: 'chat', refId: ref.sessionId };
    case 'callback':
      return { kind: 'callback', refId: ref.callbackId };
  }
}

/** The reference the API speaks of, from a stored key (the key's kind says which kind of id it holds). */
export function toRef(kind: RefKind, refId: string): CaseRef {
  switch (kind) {
    case 'call':
      return { kind, callId: refId as CallId };
    case 'chat':
      return { kind, sessionId: refId as ChatSessionId };
    case 'callback':
      return { kind, callbackId: refId };
  }
}

/** The call, chat or call-back request behind a stored key. */
export async function refRow(repo: CaseRepository, kind: RefKind, refId: string): Promise<RefRow | undefined> {
  switch (kind) {
    case 'call':
      return repo.callRef(refId);
    case 'chat':
      return repo.chatRef(refId);
    case 'callback':
      return repo.callbackRef(refId);
  }
}

/**
 * The call, chat or call-back request behind a form, if this staff member may work on it: its interpreter (for
 * a call-back, the one who took it, while it is open), or a supervisor.
 */
export async function resolveRef(repo: CaseRepository, staff: StaffActor, ref: CaseRef, opts: { allowPrevious?: boolean } = {}): Promise<{ kind: RefKind; refId: string; row: RefRow }> {
  const { kind, refId } = refKey(ref);
  const row = await refRow(repo, kind, refId);
  if (!row) throw new AppError('NOT_FOUND', kind === 'call' ? 'There is no such call.' : kind === 'chat' ? 'There is no such chat.' : 'There is no such call-back request.');
  if (kind === 'callback') {
    if (row.closed) throw new AppError('CONFLICT', 'This call-back request is closed already.');
    if (staff.role === 'interpreter' && row.interpreterId !== staff.id) throw new AppError('FORBIDDEN', 'Take the call-back request first.');
    return { kind, refId, row };
  }
  const mine = row.interpreterId === staff.id || staff.role !== 'interpreter';
  // The interpreter who handed a call over may still wrap it up (the record names the colleague now).
  const handedOver = opts.allowPrevious === true && kind === 'call' && (await repo.wasInterpreterOf(refId, staff.id));
  if (!mine && !handedOver) throw new AppError('FORBIDDEN', 'This is not your call or chat.');
  return { kind, refId, row };
}
