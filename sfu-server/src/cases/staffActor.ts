import type { Principal } from '../auth/tokens.ts';
import type { StaffActor } from './caseRefs.ts';

/** A staff principal as the actor of a case change, the same whether the change came over a socket or HTTP. */
export function staffActor(p: Extract<Principal, { kind: 'staff' }>): StaffActor {
  return { kind: 'staff', id: p.userId, name: p.displayName, role: p.role };
}
