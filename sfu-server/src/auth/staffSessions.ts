import type { StaffRole, UserId } from '@sign-relay/shared';
import type { Logger } from '../logger.ts';
import type { UserRow } from '../store/repositories/userRepository.ts';

/** A staff token's claims that the account must still agree with. */
export interface StaffTokenClaims {
  userId: UserId;
  role: StaffRole;
  /** When the token was issued (ms). */
  issuedAtMs: number;
}

/**
 * Whether a staff token still stands against its account: the account exists, is not disabled, has the token's
 * role, and was not changed so as to end its sessions (disabled, role or password changed) after the token was
 * issued. Checked on every staff request and connection, so such a change ends access at once rather than when
 * the token expires.
 *
 * When the accounts cannot be read (the database is down) the token's own signature and expiry decide: desks
 * reconnecting during an outage are not locked out, and the change's own disconnect already cut live sessions.
 */
export class StaffSessions {
  constructor(
    private readonly users: { byId(id: UserId): Promise<Pick<UserRow, 'disabled' | 'role' | 'sessionsValidAfter'> | undefined> },
    private readonly logger: Logger,
  ) {}

  async stands(claims: StaffTokenClaims): Promise<boolean> {
    let user: Pick<UserRow, 'disabled' | 'role' | 'sessionsValidAfter'> | undefined;
    try {
      user = await this.users.byId(claims.userId);
    } catch (err) {
      this.logger.warn({ err, userId: claims.userId }, 'staff account not checked: the accounts could not be read');
      return true;
    }
    if (!user || user.disabled || user.role !== claims.role) return false;
    return user.sessionsValidAfter === null || claims.issuedAtMs >= user.sessionsValidAfter.getTime();
  }
}
