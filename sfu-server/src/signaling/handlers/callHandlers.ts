import { AppError } from '../../errors.ts';
import type { HandlerMap } from './types.ts';

/** call:* — thin: validation and the role check are done, the services decide. */
export const callHandlers: HandlerMap<'call:join' | 'call:hangup' | 'call:leave'> = {
  async 'call:join'(ctx, p) {
    if (ctx.conn.call && !ctx.conn.call.room.closed) throw new AppError('ALREADY_IN_CALL', 'You are already in a call.');
    const room = ctx.calls.get(p.callId);
    const who = ctx.conn.principal.kind === 'guest' ? { guestId: ctx.conn.principal.guestId } : { staffId: ctx.conn.principal.userId };
    const role = ctx.calls.roleFor(p.callId, who, room);
    // Staff are shown by their account's name only; a caller's own name has passed the protocol's name rule.
    const name = ctx.conn.principal.kind === 'staff' ? ctx.conn.principal.displayName : (p.displayName ?? '');
    const { peer, result } = room.join(role, name, ctx.sink);
    ctx.conn.call = { room, peer };
    ctx.calls.joined(room);
    return result;
  },

  async 'call:hangup'(ctx) {
    const { room } = ctx.conn.inCall();
    ctx.conn.call = undefined;
    ctx.calls.hangup(room);
    return {};
  },

  async 'call:leave'(ctx) {
    const { room, peer } = ctx.conn.inCall();
    ctx.conn.call = undefined;
    ctx.calls.leave(room, peer, ctx.conn.principal.kind === 'staff' ? ctx.conn.principal.userId : undefined);
    return {};
  },
};
