import type { Logger } from '../logger.ts';
import type { QueueService } from '../queue/QueueService.ts';
import type { Wallboard } from '../wallboard/Wallboard.ts';
import type { SignalingServer } from './types.ts';

/**
 * Live updates to the people connected to this process: each waiting caller's position and estimated wait,
 * and the supervisors' wallboard. Every process serves its own connections, so the work spreads with them. A
 * connection whose token has lapsed gets neither.
 * Runs shortly after the queue changes and once a second (waits grow with time).
 */
export function startBroadcasts(io: SignalingServer, queue: QueueService, wallboard: Wallboard, logger: Logger): () => void {
  const lastSent = new Map<string, string>();
  let pending: NodeJS.Timeout | undefined;
  let running = false;

  const run = async () => {
    if (running) return;
    running = true;
    try {
      // A connection whose token lapsed hears nothing until it is renewed.
      const sockets = [...io.of('/').sockets.values()].filter((s) => s.data.connection && !s.data.connection.lapsed());
      const waiting = sockets.filter((s) => s.data.connection.entryId);
      if (waiting.length > 0) {
        const statuses = await queue.statuses();
        for (const s of waiting) {
          const entryId = s.data.connection.entryId!;
          const st = statuses.get(entryId);
          if (!st || s.data.connection.lapsed()) continue;
          const json = JSON.stringify(st.status);
          if (lastSent.get(s.id) === json) continue;
          lastSent.set(s.id, json);
          s.emit('queue:status', st.status);
        }
      }
      const watchers = sockets.filter((s) => s.data.connection.watchingWallboard);
      if (watchers.length > 0) {
        const snap = await wallboard.snapshot();
        for (const s of watchers) if (!s.data.connection.lapsed()) s.emit('wallboard:update', snap);
      }
      for (const id of lastSent.keys()) if (!io.of('/').sockets.has(id)) lastSent.delete(id);
    } catch (err) {
      logger.error({ err }, 'live update failed');
    } finally {
      running = false;
    }
  };

  const soon = () => {
    pending ??= setTimeout(() => {
      pending = undefined;
      void run();
    }, 100);
  };
  queue.on('changed', soon);
  const every = setInterval(() => void run(), 1000);
  every.unref();
  return () => {
    queue.off('changed', soon);
    clearInterval(every);
    if (pending) clearTimeout(pending);
  };
}
