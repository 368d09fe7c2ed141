import type { StaffRole, UserId } from '@sign-relay/shared';
import type { UserRepository } from '../store/repositories/userRepository.ts';

/** A staff member as the desk and the wallboard name them. */
export interface StaffName {
  name: string;
  role: StaffRole;
}

/**
 * Staff names and roles, read once per person and remembered: the wallboard names every interpreter every
 * second. One instance is shared by the queue and the wallboard, so a name read by one serves the other.
 */
export class StaffNames {
  private readonly names = new Map<UserId, StaffName>();

  constructor(private readonly users: Pick<UserRepository, 'byId'>) {}

  /** The person's name and role; an unknown id reads as '—' (interpreter) and is asked again next time. */
  async of(userId: UserId): Promise<StaffName> {
    const cached = this.names.get(userId);
    if (cached) return cached;
    const u = await this.users.byId(userId);
    const v = { name: u?.displayName ?? '—', role: u?.role ?? 'interpreter' };
    if (u) this.names.set(userId, v);
    return v;
  }
}
