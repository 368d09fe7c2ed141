import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  caseContent,
  caseProblems,
  formatCaseNumber,
  type CaseDetail,
  type CaseDraft,
  type CaseFilter,
  type CasePage,
  type CaseReceipt,
  type CaseRef,
  type CaseStatus,
  type CaseTranscript,
  type CaseWorkspace,
  type GuestId,
  type PendingDraft,
  type ReadBack,
  type ReadBackAnswer,
  type ReadBackState,
  type WrapUpOutcome,
  taipeiDay,
} from '@sign-relay/shared';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { LiveNotifier } from '../people.ts';
import { AuditRepository, actorId, type Actor } from '../store/repositories/auditRepository.ts';
import { ChatRepository } from '../store/repositories/chatRepository.ts';
import { CaseRepository } from '../store/repositories/caseRepository.ts';
import { toDetail, toSummary, type CaseRow, type DraftRow, type NewCaseRow, type RefKind } from '../store/repositories/caseRows.ts';
import { CallbackService } from '../callbacks/CallbackService.ts';
import { inTransaction } from '../store/transaction.ts';
import { digest, incomplete, initialDraft, readBackState } from './caseForm.ts';
import { refRow, resolveRef, toRef, type StaffActor } from './caseRefs.ts';
import { caseMessage, receiptOf, type CaseWordsSource } from './caseWords.ts';
import { enqueueNotification, type OutboxKind } from '../store/repositories/outboxRepository.ts';

export type { StaffActor } from './caseRefs.ts';

/** Receipts a caller can see again after a reload: cases filed for them within this long. */
const RECEIPT_WINDOW_MS = 4 * 3600_000;
/** Drafts not filed are offered back to their interpreter for this long. */
const PENDING_DRAFT_WINDOW_MS = 24 * 3600_000;
/** Most rows one CSV export holds. */
const EXPORT_MAX = 100_000;
/** Most messages of one chat a case's transcript shows (a chat far longer than any real one stops here). */
const TRANSCRIPT_MAX = 2_000;

export interface CaseServiceDeps {
  pool: pg.Pool;
  notifier: LiveNotifier;
  logger: Logger;
  /** Called after a committed change wrote to the outbox (the worker sends it soon). */
  onOutbox?: () => void;
  now?: () => number;
}

/** What a case is filed from: the content and where it came from. */
export type NewCase = Omit<NewCaseRow, 'id' | 'day' | 'service' | 'at'>;

/** Whether an actor sees a case's personal data (the caller's name and contact, the transcript): its interpreter, supervisors and admins. */
const seesPersonal = (actor: Actor, row: CaseRow): boolean => actor.kind === 'staff' && (actor.role !== 'interpreter' || row.interpreterId === actor.id);

const isUniqueViolation = (err: unknown, constraint: string): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505' && (err as { constraint?: unknown }).constraint === constraint;

/**
 * Cases: the form beside a call or chat (a draft saved as it is typed), the read-back on the caller's screen,
 * filing (a gapless per-day number, idempotent by client key), status changes, search and export. Every
 * change writes its history, its audit entry and the caller's notification in the same transaction.
 */
export class CaseService {
  private readonly repo: CaseRepository;
  private readonly chats: ChatRepository;
  private readonly now: () => number;

  constructor(private readonly d: CaseServiceDeps) {
    this.repo = new CaseRepository(d.pool);
    this.chats = new ChatRepository(d.pool);
    this.now = d.now ?? Date.now;
  }

  /** The case form of a call or chat, created with the caller's choices on first open. */
  async open(staff: StaffActor, ref: CaseRef): Promise<CaseWorkspace> {
    const { kind, refId, row } = await resolveRef(this.repo, staff, ref);
    const kiosk = row.kioskId ? await this.repo.kiosk(row.kioskId) : undefined;
    const draft = await this.repo.ensureDraft(kind, refId, initialDraft(row, kiosk));
    const [earlier, filed] = await Promise.all([this.repo.earlier(row.guestId, row.kioskId), this.repo.forRef(kind, refId)]);
    const filedIds = new Set(filed.map((c) => c.id));
    return {
      ref,
      draft: draft.data,
      version: draft.version,
      readBack: readBackState(draft),
      context: {
        topic: (row.topic as CaseWorkspace['context']['topic']) ?? null,
        channel: row.channel,
        kioskId: row.kioskId,
        kioskVerified: row.kioskVerified,
        kiosk: kiosk ?? null,
        contact: row.callbackName || row.callbackPhone || row.callbackEmail ? { name: row.callbackName, phone: row.callbackPhone, email: row.callbackEmail } : null,
        earlier: earlier.filter((c) => !filedIds.has(c.id)).map(toSummary),
      },
      filed: filed.map(toSummary),
    };
  }

  /** Saves the draft as typed; CONFLICT when someone saved a newer version since `baseVersion`. */
  async saveDraft(staff: StaffActor, ref: CaseRef, draft: CaseDraft, baseVersion: number): Promise<{ version: number; readBack: ReadBackState | null }> {
    const { kind, refId } = await resolveRef(this.repo, staff, ref);
    const saved = await this.repo.saveDraft(kind, refId, draft, baseVersion, staff.id);
    if (!saved) {
      const current = await this.repo.draft(kind, refId);
      throw new AppError(current ? 'CONFLICT' : 'NOT_FOUND', current ? 'The case form was changed by someone else; it has been reloaded.' : 'Open the case form first.');
    }
    return { version: saved.version, readBack: readBackState(saved) };
  }

  /** Sends the complete draft to the caller's screen to confirm. */
  async readBack(staff: StaffActor, ref: CaseRef): Promise<ReadBackState> {
    const { kind, refId, row } = await resolveRef(this.repo, staff, ref);
    // A call-back's caller is not on a screen of ours: the interpreter confirms with them where they reach them.
    if (kind === 'callback') throw new AppError('BAD_REQUEST', 'The caller of a call-back request is not connected: file the case with a reason instead.');
    const { content } = await this.completeDraft(kind, refId);
    const at = new Date(this.now());
    const body: ReadBack = { id: randomUUID(), ...receiptOf(content), sentAt: at.getTime() };
    await this.repo.setReadBack(kind, refId, { id: body.id, digest: digest(content), body, at });
    this.d.notifier.toGuest(row.guestId, 'case:readBack', body);
    return { id: body.id, sentAt: body.sentAt, answer: null, answeredAt: null, current: true };
  }

  /** The caller's answer to a read-back on their screen; their interpreter sees it at once. */
  async answerReadBack(guestId: GuestId, readBackId: string, answer: ReadBackAnswer): Promise<void> {
    const owner = await this.repo.readBackOwner(readBackId);
    const row = owner && (await refRow(this.repo, owner.kind, owner.refId));
    if (!owner || !row || row.guestId !== guestId) throw new AppError('NOT_FOUND', 'There is nothing to confirm.');
    const answered = await this.repo.answerReadBack(readBackId, answer, new Date(this.now()));
    if (!answered) throw new AppError('NOT_FOUND', 'There is nothing to confirm.');
    const state = readBackState(answered.draft);
    if (state && row.interpreterId) this.d.notifier.toStaff(row.interpreterId, 'case:readBackAnswered', { ref: toRef(owner.kind, owner.refId), readBack: state });
  }

  /** Files the draft of a call or chat; a resend with the same client key answers with the case already filed. */
  async file(staff: StaffActor, ref: CaseRef, clientKey: string, skipReadBackReason?: string): Promise<{ case: CaseDetail; duplicate: boolean }> {
    const earlier = await this.repo.byClientKey(clientKey);
    if (earlier) return { case: await this.detail(staff, earlier.id), duplicate: true };
    try {
      return await this.fileDraft(staff, ref, clientKey, skipReadBackReason);
    } catch (err) {
      // A resend that raced the first filing finds the draft already emptied by it: answer with that case.
      const filed = await this.repo.byClientKey(clientKey);
      if (filed) return { case: await this.detail(staff, filed.id), duplicate: true };
      throw err;
    }
  }

  private async fileDraft(staff: StaffActor, ref: CaseRef, clientKey: string, skipReadBackReason: string | undefined): Promise<{ case: CaseDetail; duplicate: boolean }> {
    const { kind, refId, row } = await resolveRef(this.repo, staff, ref);
    const { draft, content } = await this.completeDraft(kind, refId);
    const current = draft.readBackDigest === digest(content);
    const confirmed = current && draft.readBackAnswer === 'correct';
    if (!confirmed && !skipReadBackReason) throw new AppError('READBACK_REQUIRED', 'The caller has not confirmed this case: send the read-back, or say why it cannot be confirmed.');
    const kiosk = row.kioskId ? await this.repo.kiosk(row.kioskId) : undefined;
    const filed = await this.fileCase(
      {
        content,
        source: kind,
        channel: row.channel,
        kioskId: row.kioskId,
        guestId: row.guestId,
        callId: row.callId,
        callRecordId: row.callRecordId,
        chatSessionId: row.chatSessionId,
        interpreterId: staff.id,
        apiKeyId: null,
        deviceId: null,
        mediaUrl: null,
        clientKey,
        readBackAnswer: current ? draft.readBackAnswer : null,
        readBackAt: current ? draft.readBackAnsweredAt : null,
        readBackSkipReason: confirmed ? null : (skipReadBackReason ?? null),
      },
      staff,
      async (tx, filed) => {
        await new CaseRepository(tx).resetDraft(kind, refId, initialDraft(row, kiosk), staff.id);
        // The request is done: closed with its case, in the filing's transaction.
        if (kind === 'callback') await CallbackService.closeWithCase(tx, staff, refId, filed.id, filed.number, filed.at);
      },
    );
    if (!filed.duplicate) this.d.notifier.toGuest(row.guestId, 'case:filed', { ...receiptOf(content), number: filed.row.number, filedAt: filed.row.createdAt.getTime() });
    return { case: await this.detail(staff, filed.row.id), duplicate: filed.duplicate };
  }

  /**
   * Files a case (from a call, a chat or the Open311 API): takes the day's next number, writes the case, its
   * history, the audit entry and the caller's receipt in one transaction. `alsoInTx` runs in it too.
   */
  async fileCase(input: NewCase, actor: Actor, alsoInTx?: (tx: pg.PoolClient, filed: { id: string; number: string; at: Date }) => Promise<void>): Promise<{ row: CaseRow; duplicate: boolean }> {
    const problems = caseProblems(input.content);
    if (problems.length > 0) throw incomplete(problems);
    const at = new Date(this.now());
    const id = randomUUID();
    const service = input.content.service!;
    try {
      await inTransaction(this.d.pool, async (tx) => {
        const repo = new CaseRepository(tx);
        const day = taipeiDay(at.getTime());
        const seq = await repo.nextSeq(day);
        const number = formatCaseNumber(day, seq);
        await repo.insert({ ...input, id, day, service, at }, number, seq);
        await repo.addHistory({ caseId: id, at, actorKind: actor.kind, actorId: actorId(actor), actorName: actor.name, action: 'filed', from: null, to: 'open', note: null });
        await new AuditRepository(tx).write(actor, 'case.file', id, { number, source: input.source });
        await this.notify(tx, { id, number, content: input.content, status: 'open' }, 'case-filed', null);
        await alsoInTx?.(tx, { id, number, at });
      });
    } catch (err) {
      if (!isUniqueViolation(err, 'cases_client_key_key')) throw err;
      // The same filing arrived twice at once (a double click, a resend racing the first): one case.
      const row = await this.repo.byClientKey(input.clientKey);
      if (!row) throw err;
      return { row, duplicate: true };
    }
    this.d.onOutbox?.();
    const row = await this.repo.byId(id);
    this.d.logger.info({ caseId: id, number: row?.number, source: input.source }, 'case filed');
    return { row: row!, duplicate: false };
  }

  /** Changes a case's status (staff, or the city's back office by API key); closing needs a note. */
  async setStatus(actor: Actor, id: string, change: { status: CaseStatus; note?: string | undefined; publicNote?: string | undefined }): Promise<CaseRow> {
    if (change.status === 'closed' && !change.note) throw incomplete([{ field: 'note', rule: 'closing-note-required' }]);
    const at = new Date(this.now());
    const changed = await inTransaction(this.d.pool, async (tx) => {
      const repo = new CaseRepository(tx);
      const row = await repo.byId(id, { lock: true });
      if (!row) throw new AppError('NOT_FOUND', 'There is no such case.');
      if (row.status === change.status && change.status !== 'closed') return false;
      if (row.status === 'closed' && change.status === 'closed') throw new AppError('CONFLICT', 'The case is already closed.');
      await repo.setStatus(id, { status: change.status, at, closedBy: actor.kind === 'staff' ? actor.id : null, closingNote: change.note ?? null, statusNote: change.publicNote ?? null });
      await repo.addHistory({ caseId: id, at, actorKind: actor.kind, actorId: actorId(actor), actorName: actor.name, action: 'status', from: row.status, to: change.status, note: change.note ?? null });
      await new AuditRepository(tx).write(actor, 'case.status', id, { number: row.number, from: row.status, to: change.status });
      await this.notify(tx, { ...row, content: row, status: change.status }, change.status === 'closed' ? 'case-closed' : 'case-status', change.publicNote ?? null);
      return true;
    });
    if (changed) this.d.onOutbox?.();
    return (await this.repo.byId(id))!;
  }

  /** A case in full; its personal data only for its interpreter, supervisors and admins — and every such view is audited. */
  async detail(actor: Actor, id: string): Promise<CaseDetail> {
    const row = await this.repo.byId(id);
    if (!row) throw new AppError('NOT_FOUND', 'There is no such case.');
    const personal = seesPersonal(actor, row);
    const hasPersonal = row.callerName !== null || row.callerPhone !== null || row.callerEmail !== null;
    if (personal && hasPersonal) await new AuditRepository(this.d.pool).write(actor, 'case.view-personal', id, { number: row.number });
    return toDetail(row, await this.repo.history(id), personal);
  }

  /**
   * What was written during the case's call or chat, and before a call in the text chat it came from. Names and
   * addresses are typed there, so it is personal data: the same people as {@link detail} see it (others
   * FORBIDDEN), and every view is audited.
   */
  async transcript(actor: Actor, id: string): Promise<CaseTranscript> {
    const row = await this.repo.byId(id);
    if (!row) throw new AppError('NOT_FOUND', 'There is no such case.');
    if (!seesPersonal(actor, row)) throw new AppError('FORBIDDEN', 'Only the interpreter who took the case and supervisors may read what was written.');
    // A call's chat is opened when the call starts; a case filed before that has none on its row.
    const sessionId = row.chatSessionId ?? (row.callId ? await this.chats.sessionIdForCall(row.callId) : undefined);
    const own = sessionId ? await this.chats.transcript(sessionId, TRANSCRIPT_MAX) : undefined;
    const earlier = own?.previousSessionId ? await this.chats.transcript(own.previousSessionId, TRANSCRIPT_MAX) : undefined;
    const retained = [own, earlier].every((t) => !t || t.written === 0 || t.messages.length > 0);
    const messages = own?.messages ?? [];
    const earlierMessages = earlier?.messages ?? [];
    await new AuditRepository(this.d.pool).write(actor, 'case.view-transcript', id, { number: row.number, messages: messages.length, earlier: earlierMessages.length, retained });
    return { messages, earlier: earlierMessages, retained };
  }

  async search(filter: CaseFilter, page: number, pageSize: number): Promise<CasePage> {
    const { rows, total } = await this.repo.search(filter, page, pageSize);
    return { items: rows.map(toSummary), total, page, pageSize };
  }

  /** Every case matching the filters, without personal data, as CSV rows (the export is audited). */
  async exportRows(actor: Actor, filter: CaseFilter): Promise<CaseRow[]> {
    await new AuditRepository(this.d.pool).write(actor, 'case.export', null, { filter });
    return this.repo.exportRows(filter, EXPORT_MAX);
  }

  /** A caller's read-back still waiting for an answer, and the receipts of their recent cases (after a reload). */
  async mine(guestId: GuestId): Promise<{ readBack: ReadBack | null; receipts: CaseReceipt[] }> {
    const since = new Date(this.now() - RECEIPT_WINDOW_MS);
    const [readBack, rows] = await Promise.all([this.repo.pendingReadBackFor(guestId, since), this.repo.forGuestSince(guestId, since)]);
    return { readBack: readBack ?? null, receipts: rows.map((r) => ({ ...receiptOf(r), number: r.number, filedAt: r.createdAt.getTime() })) };
  }

  /** This interpreter's drafts typed into and not filed (the last day), to finish after the call or chat. */
  async pendingDrafts(staff: StaffActor): Promise<PendingDraft[]> {
    const rows = await this.repo.pendingDrafts(staff.id, new Date(this.now() - PENDING_DRAFT_WINDOW_MS));
    return rows.map((d) => ({ ref: toRef(d.kind, d.refId), draft: d.data, updatedAt: d.updatedAt.getTime() }));
  }

  /** Wrap-up: the outcome and notes of a call or chat, on its record. */
  async wrapUp(staff: StaffActor, ref: CaseRef, outcome: WrapUpOutcome, notes: string | undefined): Promise<void> {
    const { kind, row } = await resolveRef(this.repo, staff, ref, { allowPrevious: true });
    if (kind === 'callback') throw new AppError('BAD_REQUEST', 'A call-back request is closed with its own outcome.');
    const at = new Date(this.now());
    if (kind === 'call' && row.callRecordId) await this.repo.wrapUpCall(row.callRecordId, outcome, notes ?? null, at);
    else if (kind === 'chat' && row.chatSessionId) await this.repo.wrapUpChat(row.chatSessionId, outcome, notes ?? null, at);
  }

  /** The form's draft and its content, which must be complete (to read back or to file). */
  private async completeDraft(kind: RefKind, refId: string): Promise<{ draft: DraftRow; content: CaseDraft }> {
    const draft = await this.repo.draft(kind, refId);
    if (!draft) throw new AppError('NOT_FOUND', 'Open the case form first.');
    const content = caseContent(draft.data);
    const problems = caseProblems(content);
    if (problems.length > 0) throw incomplete(problems);
    return { draft, content };
  }

  /** The caller's notification of a change, into the outbox, in the change's transaction. */
  private async notify(tx: pg.PoolClient, c: { id: string; number: string; content: CaseWordsSource & { callerPhone?: string | null | undefined; callerEmail?: string | null | undefined }; status: CaseStatus }, kind: OutboxKind, publicNote: string | null): Promise<void> {
    const body = caseMessage(kind, c.number, c.content, c.status, publicNote);
    if (c.content.callerPhone) await enqueueNotification(tx, { caseId: c.id, kind, channel: 'sms', recipient: c.content.callerPhone, body });
    if (c.content.callerEmail) await enqueueNotification(tx, { caseId: c.id, kind, channel: 'email', recipient: c.content.callerEmail, body });
  }
}
