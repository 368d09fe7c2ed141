import { staffActor } from '../../cases/staffActor.ts';
import type { StaffActor } from '../../cases/CaseService.ts';
import type { HandlerContext, HandlerMap } from './types.ts';

type CaseEvent = 'case:open' | 'case:saveDraft' | 'case:readBack' | 'case:file' | 'case:drafts' | 'case:readBackAnswer' | 'case:mine' | 'desk:wrapUp';

const me = (ctx: HandlerContext): StaffActor => staffActor(ctx.conn.staff());

/** case:* — the case form beside a call or chat (staff), and the caller's read-back and receipts (guest). */
export const caseHandlers: HandlerMap<CaseEvent> = {
  async 'case:open'(ctx, p) {
    return ctx.cases.open(me(ctx), p.ref);
  },
  async 'case:saveDraft'(ctx, p) {
    return ctx.cases.saveDraft(me(ctx), p.ref, p.draft, p.baseVersion);
  },
  async 'case:readBack'(ctx, p) {
    return ctx.cases.readBack(me(ctx), p.ref);
  },
  async 'case:file'(ctx, p) {
    return ctx.cases.file(me(ctx), p.ref, p.clientKey, p.skipReadBackReason);
  },
  async 'case:drafts'(ctx) {
    return ctx.cases.pendingDrafts(me(ctx));
  },
  async 'case:readBackAnswer'(ctx, p) {
    await ctx.cases.answerReadBack(ctx.conn.guest().guestId, p.readBackId, p.answer);
    return {};
  },
  async 'case:mine'(ctx) {
    return ctx.cases.mine(ctx.conn.guest().guestId);
  },
  async 'desk:wrapUp'(ctx, p) {
    await ctx.cases.wrapUp(me(ctx), p.ref, p.outcome, p.notes);
    return {};
  },
};
