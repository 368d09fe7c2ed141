import type { HandlerMap } from './types.ts';

type DeskChatEvent = 'desk:chatStatus' | 'desk:chatAccept' | 'desk:chatDecline' | 'desk:chats';

/** desk:chat* — the interpreter's chat seats and the chats offered to them. Each acts as its sender only. */
export const deskChatHandlers: HandlerMap<DeskChatEvent> = {
  async 'desk:chatStatus'(ctx, p) {
    return ctx.chatLine.setChatStatus(ctx.conn.staffRef(), p.status);
  },
  async 'desk:chatAccept'(ctx, p) {
    return ctx.chatLine.accept(ctx.conn.staffRef(), p.sessionId);
  },
  async 'desk:chatDecline'(ctx, p) {
    await ctx.chatLine.decline(ctx.conn.staffRef(), p.sessionId);
    return {};
  },
  async 'desk:chats'(ctx) {
    return ctx.chatLine.activeChats(ctx.conn.staffRef());
  },
};
