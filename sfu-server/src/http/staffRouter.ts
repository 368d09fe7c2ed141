import { Router } from 'express';
import { staffRoutes, taipeiDayStart, type StaffAccount, type UserId } from '@sign-relay/shared';
import type { AuthService } from '../auth/AuthService.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { CallRecordRepository } from '../store/repositories/callRecordRepository.ts';
import type { UserRepository, UserRow } from '../store/repositories/userRepository.ts';
import type { Wallboard } from '../wallboard/Wallboard.ts';
import { mount, staffOf } from './declared.ts';

const publicUser = (u: UserRow): StaffAccount => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  gender: u.gender,
  disabled: u.disabled,
  createdAt: u.createdAt.toISOString(),
});

export interface StaffRouterDeps {
  tokens: TokenService;
  auth: AuthService;
  users: UserRepository;
  records: CallRecordRepository;
  wallboard: Wallboard;
  /** An account was disabled, given another role or a new password: its live connections must end now. */
  onSessionsEnded?: (userId: UserId) => void;
}

/** Staff routes: an interpreter's own calls today, the wallboard, and account management (admins only). */
export function staffRouter(deps: StaffRouterDeps): Router {
  const r = Router();
  const m = { tokens: deps.tokens };
  // The account routes always refused a request without a JSON body as such, not read as `{}`.
  const bodyRequired = { emptyBodyAsObject: false } as const;

  mount(r, m, staffRoutes.todayCalls, async ({ who }) => {
    const rows = await deps.records.forInterpreterSince(staffOf(who).userId, new Date(taipeiDayStart(Date.now())));
    return rows.map((c) => ({
      id: c.id,
      channel: c.channel,
      kioskId: c.kioskId,
      topic: c.topic,
      queuedAt: c.queuedAt.toISOString(),
      answeredAt: c.answeredAt?.toISOString() ?? null,
      endedAt: c.endedAt?.toISOString() ?? null,
      endReason: c.endReason,
      transferredFrom: c.transferredFrom,
    }));
  });

  mount(r, m, staffRoutes.wallboard, async () => deps.wallboard.snapshot());

  mount(r, m, staffRoutes.users, async () => (await deps.users.list()).map(publicUser));

  mount(r, m, staffRoutes.createUser, async ({ body }) => publicUser(await deps.auth.createUser(body)), { ...bodyRequired, status: 201 });

  mount(
    r,
    m,
    staffRoutes.updateUser,
    async ({ params, body }) => {
      const before = body.role !== undefined ? await deps.users.byId(params.id) : undefined;
      const user = await deps.auth.updateUser(params.id, body);
      // Signed-in connections keep the role and the access their token named: end them, on every process.
      if (body.disabled === true || body.password !== undefined || (before !== undefined && before.role !== user.role)) deps.onSessionsEnded?.(user.id);
      return publicUser(user);
    },
    bodyRequired,
  );

  return r;
}
