import { Router } from 'express';
import { caseRoutes, dispatchItem, district } from '@sign-relay/shared';
import type { TokenService } from '../auth/tokens.ts';
import type { CaseService } from '../cases/CaseService.ts';
import { staffActor } from '../cases/staffActor.ts';
import type { AuditRepository } from '../store/repositories/auditRepository.ts';
import type { ApiKeyVerifier } from '../people.ts';
import { mount, staffOf, toCsv } from './declared.ts';

const CSV_HEADER = ['number', 'created_at', 'service', 'dispatch_item', 'dispatch_item_name', 'district', 'district_name', 'address', 'lat', 'lng', 'status', 'closed_at', 'source', 'channel', 'kiosk_id', 'interpreter'];

/** Staff routes of cases: the list with filters and paging, the CSV export, a case in full, its transcript, status changes, the audit log. */
export function caseRouter(deps: { tokens: TokenService; cases: CaseService; audit: AuditRepository; apiKeys?: ApiKeyVerifier }): Router {
  const r = Router();
  const m = { tokens: deps.tokens, apiKeys: deps.apiKeys };

  // Before `/api/cases/:id`, so "export.csv" is not taken for an id.
  mount(
    r,
    m,
    caseRoutes.exportCsv,
    async ({ query, who }) => {
      const rows = await deps.cases.exportRows(staffActor(staffOf(who)), query);
      return toCsv(
        CSV_HEADER,
        rows.map((c) => [
          c.number, c.createdAt, c.service, c.dispatchItem, c.dispatchItem ? dispatchItem(c.dispatchItem)?.zh : null, c.district,
          c.district ? district(c.district)?.zh : null, c.address, c.lat, c.lng, c.status, c.closedAt, c.source, c.channel, c.kioskId, c.interpreterName,
        ]),
      );
    },
    { filename: ({ query }) => `cases-${query.from ?? 'all'}-${query.to ?? 'now'}.csv` },
  );

  mount(r, m, caseRoutes.list, async ({ query }) => {
    const { page, pageSize, ...filter } = query;
    return deps.cases.search(filter, page, pageSize);
  });

  mount(r, m, caseRoutes.transcript, async ({ params, who }) => deps.cases.transcript(staffActor(staffOf(who)), params.id));

  mount(r, m, caseRoutes.detail, async ({ params, who }) => deps.cases.detail(staffActor(staffOf(who)), params.id));

  mount(r, m, caseRoutes.setStatus, async ({ params, body, who }) => {
    const actor = staffActor(staffOf(who));
    await deps.cases.setStatus(actor, params.id, body);
    return deps.cases.detail(actor, params.id);
  });

  mount(r, m, caseRoutes.audit, async ({ query }) => deps.audit.list(query));
  return r;
}
