import express, { Router } from 'express';
import type pg from 'pg';
import { caseRoutes, type ApiKeyInfo } from '@sign-relay/shared';
import type { TokenService } from '../auth/tokens.ts';
import { AppError } from '../errors.ts';
import { staffActor } from '../cases/staffActor.ts';
import { ApiKeyRepository } from '../store/repositories/apiKeyRepository.ts';
import { AuditRepository } from '../store/repositories/auditRepository.ts';
import { inTransaction } from '../store/transaction.ts';
import { mount, staffOf } from './declared.ts';

/** What the audit log keeps of a key: never the key, only what tells it apart. */
const audited = (k: ApiKeyInfo): Record<string, unknown> => ({ keyId: k.id, name: k.name, prefix: k.prefix, canPost: k.canPost, canUpdateStatus: k.canUpdateStatus });

/**
 * Admins' routes for the city's API keys: list, issue (the key is shown once, in the answer) and revoke.
 * Issuing and revoking write their audit entry in the same transaction as the change.
 */
export function apiKeyRouter(deps: { tokens: TokenService; pool: pg.Pool }): Router {
  const r = Router();
  const m = { tokens: deps.tokens };
  // Its own JSON parsing (a no-op after the app's), so the router works wherever it is mounted.
  r.use('/api/admin/api-keys', express.json({ limit: '100kb' }));

  mount(r, m, caseRoutes.apiKeys, async () => new ApiKeyRepository(deps.pool).list());

  mount(
    r,
    m,
    caseRoutes.issueApiKey,
    async ({ body, who }) => {
      const actor = staffActor(staffOf(who));
      return inTransaction(deps.pool, async (tx) => {
        const issued = await new ApiKeyRepository(tx).issue({ ...body, createdBy: actor.id });
        await new AuditRepository(tx).write(actor, 'apikey.issue', null, audited(issued.info));
        return issued;
      });
    },
    { status: 201 },
  );

  mount(r, m, caseRoutes.revokeApiKey, async ({ params, who }) => {
    const actor = staffActor(staffOf(who));
    return inTransaction(deps.pool, async (tx) => {
      const revoked = await new ApiKeyRepository(tx).revoke(params.id, actor.id);
      if (!revoked) throw new AppError('NOT_FOUND', 'There is no such API key.');
      if (revoked.changed) await new AuditRepository(tx).write(actor, 'apikey.revoke', null, audited(revoked.info));
      return revoked.info;
    });
  });

  return r;
}
