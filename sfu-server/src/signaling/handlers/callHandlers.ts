import type { CallId } from '@sign-relay/shared';
import { AppError } from '../../errors.ts';
import type { HandlerMap } from './index.ts';

/** call:* and auth:renew — thin: validation and the role check are done, the services decide. */
export const callHandlers: HandlerMap<'call:join' | 'call:hangup' | 'call:leave' | 'auth:renew'> = {
  async 'call:join'(ctx, p) {
    if (ctx.session.call && !ctx.session.call.room.closed) throw new AppError('ALREADY_IN_CALL', 'You are already in a call.');
    const callId = p.callId as CallId;
    const room = ctx.calls.get(callId);
    const who = ctx.session.principal.kind === 'guest' ? { guestId: ctx.session.principal.guestId } : { staffId: ctx.session.principal.userId };
    const role = ctx.calls.roleFor(callId, who, p.role, room);
    const name = p.displayName?.trim() || (ctx.session.principal.kind === 'staff' ? ctx.session.principal.displayName : '');
    const { peer, result } = room.join(role, name, ctx.sink);
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

  async 'call:leave'(ctx) {
    const { room, peer } = ctx.session.inCall();
    ctx.session.call = undefined;
    ctx.calls.leave(room, peer);
    return {};
  },

  async 'auth:renew'(ctx, p) {
    const next = ctx.tokens.verify(p.token);
    const same =
      (next.kind === 'guest' && ctx.session.principal.kind === 'guest' && next.guestId === ctx.session.principal.guestId) ||
      (next.kind === 'staff' && ctx.session.principal.kind === 'staff' && next.userId === ctx.session.principal.userId);
    if (!same) throw new AppError('FORBIDDEN', 'A connection cannot change who it belongs to.');
    ctx.session.principal = next;
    ctx.session.expiresAt = ctx.tokens.expiresAt(p.token);
    return {};
  },
};
