import type { CaseService, CaseStatus } from '@sign-relay/shared';
import type { Queryable } from './queryable.ts';

/**
 * The columns Open311 may show. The caller's name, phone and e-mail are never selected here, so no
 * mistake further on can put them into a public answer.
 */
const COLUMNS = `c.number, c.service, c.dispatch_item AS "dispatchItem", c.district, c.address, c.lat, c.lng, c.description, c.agency,
  c.status, c.status_note AS "statusNote", c.media_url AS "mediaUrl", c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

/** A case as Open311 reads it: never the caller's name, phone or e-mail. */
export interface Open311CaseRow {
  number: string;
  service: CaseService;
  dispatchItem: string | null;
  district: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  description: string | null;
  agency: string | null;
  status: CaseStatus;
  statusNote: string | null;
  mediaUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A search of GET requests.json: a filed-time range, optional services (dispatch by item) and statuses. */
export interface Open311Search {
  from: Date;
  to: Date;
  /** Services whose every case matches (petition, consultation, transfer); null with `items` null: all. */
  services: CaseService[] | null;
  /** Dispatch items whose cases match. */
  items: string[] | null;
  statuses: CaseStatus[] | null;
  limit: number;
}

/** Reads cases for the Open311 API. SQL only here; every value a parameter. */
export class Open311Repository {
  constructor(private readonly db: Queryable) {}

  /** Cases filed in [from, to] matching the filters, newest first (uses the created_at, service and status indexes). */
  async search(s: Open311Search): Promise<Open311CaseRow[]> {
    const params: unknown[] = [s.from, s.to];
    const where = ['c.created_at >= $1', 'c.created_at <= $2'];
    if (s.services !== null || s.items !== null) {
      params.push(s.services ?? [], s.items ?? []);
      where.push(`(c.service = ANY($${params.length - 1}::text[]) OR (c.service = 'dispatch' AND c.dispatch_item = ANY($${params.length}::text[])))`);
    }
    if (s.statuses !== null) {
      params.push(s.statuses);
      where.push(`c.status = ANY($${params.length}::text[])`);
    }
    params.push(s.limit);
    const r = await this.db.query<Open311CaseRow>(
      `SELECT ${COLUMNS} FROM cases c WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.number DESC LIMIT $${params.length}`,
      params,
    );
    return r.rows;
  }

  /** The cases with these numbers (unknown ones are left out), newest first. */
  async byNumbers(numbers: readonly string[]): Promise<Open311CaseRow[]> {
    if (numbers.length === 0) return [];
    const r = await this.db.query<Open311CaseRow>(`SELECT ${COLUMNS} FROM cases c WHERE c.number = ANY($1::text[]) ORDER BY c.created_at DESC, c.number DESC`, [numbers]);
    return r.rows;
  }

  /** The id of the case with this number (the back office knows cases by number), or undefined. */
  async idOfNumber(number: string): Promise<string | undefined> {
    const r = await this.db.query<{ id: string }>(`SELECT id FROM cases WHERE number = $1`, [number]);
    return r.rows[0]?.id;
  }
}
