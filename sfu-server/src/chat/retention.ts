import type { Logger } from '../logger.ts';
import type { ChatRepository } from '../store/repositories/chatRepository.ts';

/**
 * Deletes chat transcripts older than the retention setting: at start and every hour. Several processes may
 * run it at once; a DELETE of what is already gone is harmless.
 */
export function startRetention(repo: ChatRepository, days: number, logger: Logger, everyMs = 3_600_000): () => void {
  const purge = async () => {
    try {
      const removed = await repo.purgeOlderThan(new Date(Date.now() - days * 86_400_000));
      if (removed.messages || removed.sessions) logger.info({ ...removed, days }, 'old chat transcripts deleted');
    } catch (err) {
      logger.error({ err }, 'chat transcript purge failed');
    }
  };
  const first = setTimeout(() => void purge(), 5_000);
  const timer = setInterval(() => void purge(), everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
