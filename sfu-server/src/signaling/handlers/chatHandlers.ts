import { answeringOutages } from './outage.ts';
import type { HandlerMap } from './types.ts';

type ChatEvent = 'chat:start' | 'chat:resume' | 'chat:forCall' | 'chat:send' | 'chat:sync' | 'chat:typing' | 'chat:end';

/** chat:* — thin: the chat service checks that the sender is a party to the session; an outage answers UNAVAILABLE. */
export const chatHandlers: HandlerMap<ChatEvent> = answeringOutages({
  async 'chat:start'(ctx, p) {
    const status = await ctx.chatLine.startChat(ctx.conn.guest(), { topic: p.topic, contact: p.contact });
    ctx.conn.chatSessionId = status.sessionId;
    return status;
  },
  async 'chat:resume'(ctx, p) {
    const r = await ctx.chat.resume(ctx.conn.principal, p.sessionId);
    if (ctx.conn.principal.kind === 'guest' && r.status) ctx.conn.chatSessionId = p.sessionId;
    return r;
  },
  async 'chat:forCall'(ctx, p) {
    return ctx.chat.forCall(ctx.conn.principal, p.callId, p.fromChat);
  },
  async 'chat:send'(ctx, p) {
    const who = ctx.conn.principal;
    return ctx.chat.send(who, p, who.kind === 'staff' ? who.displayName : '');
  },
  async 'chat:sync'(ctx, p) {
    return ctx.chat.sync(ctx.conn.principal, p.sessionId, p.afterSeq);
  },
  async 'chat:typing'(ctx, p) {
    await ctx.chat.typing(ctx.conn.principal, p.sessionId, p.typing);
    return {};
  },
  async 'chat:end'(ctx, p) {
    await ctx.chat.end(ctx.conn.principal, p.sessionId);
    if (ctx.conn.chatSessionId === p.sessionId) ctx.conn.chatSessionId = undefined;
    return {};
  },
});
