import type { CallId } from '@sign-relay/shared';
import { AppError } from '../../errors.ts';
import type { HandlerMap } from './index.ts';

/** call:* — thin: validation is done, the room decides. */
export const callHandlers: HandlerMap<'call:create' | 'call:join' | 'call:hangup'> = {
  async 'call:create'(ctx) {
    if (!ctx.session.creates.take()) throw new AppError('RATE_LIMITED', 'Too many new calls; please wait a minute.');
    return { callId: await ctx.calls.create() };
  },

  async 'call:join'(ctx, p) {
    if (ctx.session.call && !ctx.session.call.room.closed) throw new AppError('ALREADY_IN_CALL', 'You are already in a call.');
    const room = ctx.calls.get(p.callId as CallId);
    const { peer, result } = room.join(p.role, p.displayName?.trim() || '', ctx.sink);
    ctx.session.call = { room, peer };
    ctx.calls.joined(room);
    return result;
  },

  async 'call:hangup'(ctx) {
    const { room } = ctx.session.inCall();
    ctx.session.call = undefined;
    ctx.calls.hangup(room);
    return {};
  },
};
