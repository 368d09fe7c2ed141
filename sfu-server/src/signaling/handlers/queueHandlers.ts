import { AppError } from '../../errors.ts';
import { answeringOutages } from './outage.ts';
import type { HandlerMap } from './types.ts';

/** queue:* — callers (guests) joining, leaving and resuming their place in line; an outage answers UNAVAILABLE. */
export const queueHandlers: HandlerMap<'queue:join' | 'queue:leave' | 'queue:resume'> = answeringOutages({
  async 'queue:join'(ctx, p) {
    const guest = ctx.conn.guest();
    if (ctx.conn.entryId) {
      // Already in line from this connection: answer with the current place instead of queueing twice.
      const status = await ctx.queue.status(ctx.conn.entryId).catch(() => undefined);
      if (status) return status;
    }
    if (ctx.conn.call && !ctx.conn.call.room.closed) throw new AppError('ALREADY_IN_CALL', 'You are already in a call.');
    const status = await ctx.queue.join(guest, { topic: p.topic, preferredGender: p.preferredGender, contact: p.contact, camera: p.camera });
    ctx.conn.entryId = status.entryId;
    return status;
  },

  async 'queue:leave'(ctx) {
    const guest = ctx.conn.guest();
    const entryId = ctx.conn.entryId;
    if (!entryId) throw new AppError('NOT_FOUND', 'You are not in the queue.');
    await ctx.queue.leave(guest.guestId, entryId);
    ctx.conn.entryId = undefined;
    return {};
  },

  async 'queue:resume'(ctx, p) {
    const guest = ctx.conn.guest();
    const status = await ctx.queue.resume(guest.guestId, p.entryId);
    ctx.conn.entryId = p.entryId;
    return status;
  },
});
