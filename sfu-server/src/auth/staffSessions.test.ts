import { describe, expect, it } from 'vitest';
import type { UserId } from '@sign-relay/shared';
import { createLogger } from '../logger.ts';
import { StaffSessions } from './staffSessions.ts';

const userId = '00000000-0000-4000-8000-000000000001' as UserId;
const logger = createLogger('silent');
const changedAt = new Date('2026-12-02T06:00:00.500Z');

function sessionsOver(row: { disabled: boolean; role: 'interpreter' | 'supervisor' | 'admin'; sessionsValidAfter: Date | null } | undefined | Error) {
  return new StaffSessions(
    {
      byId: async () => {
        if (row instanceof Error) throw row;
        return row;
      },
    },
    logger,
  );
}

describe('whether a staff token still stands against its account', () => {
  const claims = { userId, role: 'interpreter' as const, issuedAtMs: changedAt.getTime() - 1 };

  it('stands for an active account with the same role and no change since', async () => {
    await expect(sessionsOver({ disabled: false, role: 'interpreter', sessionsValidAfter: null }).stands(claims)).resolves.toBe(true);
  });

  it('falls for an account disabled, deleted or given another role', async () => {
    await expect(sessionsOver({ disabled: true, role: 'interpreter', sessionsValidAfter: null }).stands(claims)).resolves.toBe(false);
    await expect(sessionsOver(undefined).stands(claims)).resolves.toBe(false);
    await expect(sessionsOver({ disabled: false, role: 'supervisor', sessionsValidAfter: null }).stands(claims)).resolves.toBe(false);
  });

  it('falls for a token issued a millisecond before the sessions were ended, and stands for one issued at or after', async () => {
    const row = { disabled: false, role: 'interpreter' as const, sessionsValidAfter: changedAt };
    await expect(sessionsOver(row).stands(claims)).resolves.toBe(false);
    await expect(sessionsOver(row).stands({ ...claims, issuedAtMs: changedAt.getTime() })).resolves.toBe(true);
  });

  it('lets the token decide when the accounts cannot be read (a database outage must not lock the desks out)', async () => {
    await expect(sessionsOver(new Error('connection refused')).stands(claims)).resolves.toBe(true);
  });
});
