import type { ServiceHours, UserId } from '@sign-relay/shared';
import type { StoredServiceHours } from '../store/repositories/serviceHoursRepository.ts';
import type { ServiceHoursStore } from './ServiceHoursService.ts';

/** The service-hours store in memory, with the repository's version rules (for unit tests). */
export class MemoryServiceHoursStore implements ServiceHoursStore {
  private row: StoredServiceHours | undefined;
  /** Reads so far (tests count them to see the cache work). */
  reads = 0;

  async get(): Promise<StoredServiceHours | undefined> {
    this.reads++;
    return this.row && { ...this.row, hours: JSON.parse(JSON.stringify(this.row.hours)) as ServiceHours };
  }

  async put(hours: ServiceHours, expectedVersion: number | null, userId: UserId | null): Promise<{ version: number } | 'conflict'> {
    if ((this.row?.version ?? null) !== expectedVersion) return 'conflict';
    const version = (expectedVersion ?? 0) + 1;
    this.row = { hours: JSON.parse(JSON.stringify(hours)) as ServiceHours, version, updatedAt: new Date(), updatedBy: userId };
    return { version };
  }
}
