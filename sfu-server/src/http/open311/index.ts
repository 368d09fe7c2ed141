import type { Router } from 'express';
import type pg from 'pg';
import type { TokenService } from '../../auth/tokens.ts';
import type { CaseService } from '../../cases/CaseService.ts';
import type { Logger } from '../../logger.ts';
import { ApiKeyRepository } from '../../store/repositories/apiKeyRepository.ts';
import { apiKeyRouter } from '../apiKeyRouter.ts';
import type { ApiKeyVerifier } from '../../people.ts';
import { backOfficeRouter } from './backOfficeRouter.ts';
import { open311Router } from './open311Router.ts';

export interface CityApiDeps {
  tokens: TokenService;
  cases: CaseService;
  pool: pg.Pool;
  logger: Logger;
  now?: () => number;
}

/**
 * The city's side of cases: Open311 GeoReport v2 under `/open311/v2/` (with its own error shape), the back
 * office's status route, and the admins' API-key routes; `apiKeys` checks the keys for any other
 * 'api-key' route. Every router parses its own bodies, so they may be mounted before the app's JSON parser
 * (then even a malformed Open311 body is answered in Open311's shape).
 */
export function cityApiRouters(deps: CityApiDeps): { routers: Router[]; apiKeys: ApiKeyVerifier } {
  const apiKeys = new ApiKeyRepository(deps.pool, deps.now);
  return {
    apiKeys,
    routers: [
      open311Router({ cases: deps.cases, pool: deps.pool, apiKeys, logger: deps.logger.child({ component: 'open311' }), ...(deps.now ? { now: deps.now } : {}) }),
      backOfficeRouter({ tokens: deps.tokens, cases: deps.cases, pool: deps.pool, apiKeys }),
      apiKeyRouter({ tokens: deps.tokens, pool: deps.pool }),
    ],
  };
}
