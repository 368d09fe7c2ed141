import type { HandlerMap } from './index.ts';

type DeskEvent = 'desk:setStatus' | 'desk:accept' | 'desk:decline' | 'desk:transfer' | 'desk:colleagues' | 'wallboard:watch';

/** desk:* — the interpreter's own state and offers; wallboard:watch for supervisors. Each acts as its sender only. */
export const deskHandlers: HandlerMap<DeskEvent> = {
  async 'desk:setStatus'(ctx, p) {
    return ctx.queue.setStatus(staffRef(ctx), p.status, p.reason);
  },
  async 'desk:accept'(ctx, p) {
    return { callId: await ctx.queue.accept(staffRef(ctx), p.entryId) };
  },
  async 'desk:decline'(ctx, p) {
    await ctx.queue.decline(staffRef(ctx), p.entryId);
    return {};
  },
  async 'desk:transfer'(ctx, p) {
    await ctx.queue.transfer(staffRef(ctx), p.toUserId);
    return {};
  },
  async 'desk:colleagues'(ctx) {
    return ctx.queue.colleagues(staffRef(ctx));
  },
  async 'wallboard:watch'(ctx) {
    ctx.session.staff();
    ctx.session.watchingWallboard = true;
    return ctx.queue.wallboard();
  },
};

function staffRef(ctx: Parameters<HandlerMap<DeskEvent>['desk:setStatus']>[0]) {
  const s = ctx.session.staff();
  return { userId: s.userId, role: s.role, gender: s.gender };
}
