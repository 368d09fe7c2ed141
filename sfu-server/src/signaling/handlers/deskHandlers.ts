import type { HandlerMap } from './types.ts';

type DeskEvent = 'desk:setStatus' | 'desk:accept' | 'desk:decline' | 'desk:transfer' | 'desk:colleagues';

/** desk:* — the interpreter's own state and offers. Each acts as its sender only. */
export const deskHandlers: HandlerMap<DeskEvent> = {
  async 'desk:setStatus'(ctx, p) {
    return ctx.queue.setStatus(ctx.conn.staffRef(), p.status, p.reason);
  },
  async 'desk:accept'(ctx, p) {
    return { callId: await ctx.queue.accept(ctx.conn.staffRef(), p.entryId) };
  },
  async 'desk:decline'(ctx, p) {
    await ctx.queue.decline(ctx.conn.staffRef(), p.entryId);
    return {};
  },
  async 'desk:transfer'(ctx, p) {
    await ctx.queue.transfer(ctx.conn.staffRef(), p.toUserId);
    return {};
  },
  async 'desk:colleagues'(ctx) {
    return ctx.queue.colleagues(ctx.conn.staffRef());
  },
};
