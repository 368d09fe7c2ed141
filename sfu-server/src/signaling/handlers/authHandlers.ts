import { AppError } from '../../errors.ts';
import type { HandlerMap } from './types.ts';

/** auth:renew — a long-lived connection takes a fresh token, which must belong to the same person. */
export const authHandlers: HandlerMap<'auth:renew'> = {
  async 'auth:renew'(ctx, p) {
    const next = ctx.tokens.verify(p.token);
    const same =
      (next.kind === 'guest' && ctx.conn.principal.kind === 'guest' && next.guestId === ctx.conn.principal.guestId) ||
      (next.kind === 'staff' && ctx.conn.principal.kind === 'staff' && next.userId === ctx.conn.principal.userId);
    if (!same) throw new AppError('FORBIDDEN', 'A connection cannot change who it belongs to.');
    ctx.conn.principal = next;
    ctx.conn.expiresAt = ctx.tokens.expiresAt(p.token);
    return {};
  },
};
