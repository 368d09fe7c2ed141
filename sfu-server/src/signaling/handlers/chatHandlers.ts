import type { HandlerMap } from './index.ts';

type ChatEvent =
  | 'chat:start'
  | 'chat:resume'
  | 'chat:forCall'
  | 'chat:send'
  | 'chat:sync'
  | 'chat:typing'
  | 'chat:end'
  | 'desk:chatStatus'
  | 'desk:chatAccept'
  | 'desk:chatDecline'
  | 'desk:chats';

/** chat:* and desk:chat* — thin: the chat service checks that the sender is a party to the session. */
export const chatHandlers: HandlerMap<ChatEvent> = {
  async 'chat:start'(ctx, p) {
    const status = await ctx.chat.startChat(ctx.session.guest(), { topic: p.topic, contact: p.contact });
    ctx.session.chatSessionId = status.sessionId;
    return status;
  },
  async 'chat:resume'(ctx, p) {
    const r = await ctx.chat.resume(ctx.session.principal, p.sessionId);
    if (ctx.session.principal.kind === 'guest' && r.status) ctx.session.chatSessionId = p.sessionId;
    return r;
  },
  async 'chat:forCall'(ctx, p) {
    return ctx.chat.forCall(ctx.session.principal, p.callId, p.fromChat);
  },
  async 'chat:send'(ctx, p) {
    const who = ctx.session.principal;
    return ctx.chat.send(who, p, who.kind === 'staff' ? who.displayName : '');
  },
  async 'chat:sync'(ctx, p) {
    return ctx.chat.sync(ctx.session.principal, p.sessionId, p.afterSeq);
  },
  async 'chat:typing'(ctx, p) {
    await ctx.chat.typing(ctx.session.principal, p.sessionId, p.typing);
    return {};
  },
  async 'chat:end'(ctx, p) {
    await ctx.chat.end(ctx.session.principal, p.sessionId);
    if (ctx.session.chatSessionId === p.sessionId) ctx.session.chatSessionId = undefined;
    return {};
  },
  async 'desk:chatStatus'(ctx, p) {
    return ctx.chat.setChatStatus(staffRef(ctx), p.status);
  },
  async 'desk:chatAccept'(ctx, p) {
    return ctx.chat.accept(staffRef(ctx), p.sessionId);
  },
  async 'desk:chatDecline'(ctx, p) {
    await ctx.chat.decline(staffRef(ctx), p.sessionId);
    return {};
  },
  async 'desk:chats'(ctx) {
    return ctx.chat.activeChats(staffRef(ctx));
  },
};

function staffRef(ctx: Parameters<HandlerMap<ChatEvent>['desk:chats']>[0]) {
  const s = ctx.session.staff();
  return { userId: s.userId, role: s.role, gender: s.gender };
}
