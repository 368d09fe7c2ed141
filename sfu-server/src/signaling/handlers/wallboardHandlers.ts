import type { HandlerMap } from './types.ts';

/** wallboard:watch — supervisors get the wallboard now and live updates on this connection after. */
export const wallboardHandlers: HandlerMap<'wallboard:watch'> = {
  async 'wallboard:watch'(ctx) {
    ctx.conn.staff();
    ctx.conn.watchingWallboard = true;
    return ctx.wallboard.snapshot();
  },
};
