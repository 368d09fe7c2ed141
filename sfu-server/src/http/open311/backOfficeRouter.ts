import express, { Router } from 'express';
import type pg from 'pg';
import { CASE_NUMBER_PATTERN, caseRoutes } from '@sign-relay/shared';
import type { TokenService } from '../../auth/tokens.ts';
import type { CaseService } from '../../cases/CaseService.ts';
import { AppError } from '../../errors.ts';
import { Open311Repository } from '../../store/repositories/open311Repository.ts';
import type { ApiKeyVerifier } from '../../people.ts';
import { mount } from '../declared.ts';

/**
 * The city's back office changes a case's status with an API key that may update statuses. The case is named
 * by its number (the Open311 service_request_id, all the back office ever sees) or by its id. The change,
 * its history, audit entry and the caller's message are written by the case service; Open311 reads show
 * the new status, its public note (status_notes) and time (updated_datetime) at once.
 */
export function backOfficeRouter(deps: { tokens: TokenService; cases: CaseService; pool: pg.Pool; apiKeys: ApiKeyVerifier }): Router {
  const r = Router();
  const repo = new Open311Repository(deps.pool);
  // Its own JSON parsing (a no-op after the app's), so the router works wherever it is mounted.
  r.use('/api/backoffice', express.json({ limit: '100kb' }));
  mount(r, { tokens: deps.tokens, apiKeys: deps.apiKeys }, caseRoutes.backOfficeStatus, async ({ params, body, who }) => {
    if (who?.kind !== 'api-key' || !who.canUpdateStatus) throw new AppError('FORBIDDEN', 'This API key may not change case statuses.');
    const id = CASE_NUMBER_PATTERN.test(params.id) ? await repo.idOfNumber(params.id) : params.id;
    if (!id) throw new AppError('NOT_FOUND', 'There is no such case.');
    const row = await deps.cases.setStatus({ kind: 'api', id: who.keyId, name: who.name }, id, body);
    return { id: row.id, number: row.number, status: row.status };
  });
  return r;
}
