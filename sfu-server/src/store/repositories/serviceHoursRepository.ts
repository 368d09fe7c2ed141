import type { ServiceHours, UserId } from '@sign-relay/shared';
import type { Queryable } from './queryable.ts';

/** The `service_settings` key the hours are kept under. */
export const SERVICE_HOURS_KEY = 'service_hours';

export interface StoredServiceHours {
  /** As last saved by {@link ServiceHoursRepository.put} (which only receives validated hours). */
  hours: ServiceHours;
  /** 1 for the first save, one more for each later one. */
  version: number;
  updatedAt: Date;
  updatedBy: string | null;
}

/** The service hours document, with optimistic concurrency: each save names the version it was based on. */
export class ServiceHoursRepository {
  constructor(private readonly db: Queryable) {}

  /** The stored hours, or undefined when none were ever saved (the defaults apply). */
  async get(): Promise<StoredServiceHours | undefined> {
    const r = await this.db.query<StoredServiceHours>(
      `SELECT value AS hours, version, updated_at AS "updatedAt", updated_by AS "updatedBy" FROM service_settings WHERE key = $1`,
      [SERVICE_HOURS_KEY],
    );
    return r.rows[0];
  }

  /**
   * Saves `hours` over version `expectedVersion` (null: nothing saved yet) and returns the new version, or
   * 'conflict' when the stored version is another (someone else saved in between). One statement each way, so
   * two concurrent saves over the same version cannot both succeed.
   */
  async put(hours: ServiceHours, expectedVersion: number | null, userId: UserId | null): Promise<{ version: number } | 'conflict'> {
    const value = JSON.stringify(hours);
    const r =
      expectedVersion === null
        ? await this.db.query<{ version: number }>(
            `INSERT INTO service_settings (key, value, version, updated_by) VALUES ($1, $2::jsonb, 1, $3)
             ON CONFLICT (key) DO NOTHING RETURNING version`,
            [SERVICE_HOURS_KEY, value, userId],
          )
        : await this.db.query<{ version: number }>(
            `UPDATE service_settings SET value = $2::jsonb, version = version + 1, updated_at = now(), updated_by = $3
             WHERE key = $1 AND version = $4 RETURNING version`,
            [SERVICE_HOURS_KEY, value, userId, expectedVersion],
          );
    const row = r.rows[0];
    return row ? { version: row.version } : 'conflict';
  }
}
