import type { Logger } from '../logger.ts';
import type { Queryable } from '../store/repositories/queryable.ts';
import { RefreshTokenRepository } from '../store/repositories/refreshTokenRepository.ts';
import { RetentionRepository, type RetentionCounts } from '../store/repositories/retentionRepository.ts';

const DAY_MS = 86_400_000;

export interface RetentionSettings {
  db: Queryable;
  /** CHAT_RETENTION_DAYS: transcripts, interpreters' notes and unfinished case forms. */
  chatDays: number;
  /** CONTACT_RETENTION_DAYS: callers' call-back contacts, done call-back requests, messages sent to callers. */
  contactDays: number;
  logger: Logger;
  everyMs?: number;
  now?: () => number;
}

/**
 * One retention run over every table with a caller's data (see {@link RetentionRepository}), and the refresh
 * tokens that have expired.
 */
export async function purgeExpired(s: Pick<RetentionSettings, 'db' | 'chatDays' | 'contactDays' | 'now'>): Promise<RetentionCounts & { refreshTokens: number }> {
  const now = new Date((s.now ?? Date.now)());
  const counts = await new RetentionRepository(s.db).purge({
    transcripts: new Date(now.getTime() - s.chatDays * DAY_MS),
    contacts: new Date(now.getTime() - s.contactDays * DAY_MS),
    now,
  });
  const refreshTokens = await new RefreshTokenRepository(s.db).deleteExpired(now);
  return { ...counts, refreshTokens };
}

/**
 * Runs the retention shortly after start and every hour. Several processes may run it at once; deleting what
 * is already gone is harmless.
 */
export function startRetention(s: RetentionSettings): () => void {
  const purge = async () => {
    try {
      const removed = await purgeExpired(s);
      if (Object.values(removed).some((n) => n > 0)) s.logger.info({ ...removed, chatDays: s.chatDays, contactDays: s.contactDays }, 'data past its retention deleted');
    } catch (err) {
      s.logger.error({ err }, 'retention purge failed');
    }
  };
  const first = setTimeout(() => void purge(), 5_000);
  const timer = setInterval(() => void purge(), s.everyMs ?? 3_600_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
