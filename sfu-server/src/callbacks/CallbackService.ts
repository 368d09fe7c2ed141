import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  CALLBACKS_PER_CALLER_PER_DAY,
  formatCallbackReference,
  taipeiDay,
  type CallbackItem,
  type CallbackOutcome,
  type CallbackPage,
  type CallbackReceipt,
  type GuestId,
  type NewCallback,
} from '@sign-relay/shared';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { AuditRepository } from '../store/repositories/auditRepository.ts';
import { CallbackRepository, type CallbackRow } from '../store/repositories/callbackRepository.ts';
import { inTransaction } from '../store/transaction.ts';
import type { StaffActor } from '../cases/caseRefs.ts';

/** Requests closed within this long are listed as recently closed. */
const CLOSED_WINDOW_MS = 24 * 3600_000;

export interface CallbackServiceDeps {
  pool: pg.Pool;
  logger: Logger;
  now?: () => number;
}

/** A caller leaving a request (their guest token). */
export interface CallbackGuest {
  guestId: GuestId;
  channel: 'web' | 'kiosk';
  kioskId: string | null;
}

/** `0912-345-678` → `0912-•••-678`; `chen@example.tw` → `c•••@example.tw`: enough to tell requests apart. */
export function maskPhone(phone: string): string {
  const digits = [...phone].filter((c) => /\d/.test(c)).length;
  let seen = 0;
  return [...phone].map((c) => (/\d/.test(c) ? (seen++ >= 4 && seen <= digits - 3 ? '•' : c) : c)).join('');
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '•••' : `${email[0]}•••${email.slice(at)}`;
}

/** Whether an actor sees a request's contact in full: the one who claimed it, supervisors and admins. */
const seesContact = (actor: StaffActor, row: CallbackRow): boolean => actor.role !== 'interpreter' || row.claimedBy === actor.id;

/** A stored request as the desk shows it to this actor. */
export function toItem(row: CallbackRow, actor: StaffActor): CallbackItem {
  const full = seesContact(actor, row);
  return {
    id: row.id,
    reference: row.reference,
    method: row.method,
    name: row.name,
    phone: row.phone === null ? null : full ? row.phone : maskPhone(row.phone),
    email: row.email === null ? null : full ? row.email : maskEmail(row.email),
    masked: !full,
    topic: row.topic,
    note: row.note,
    channel: row.channel,
    kioskId: row.kioskId,
    createdAt: row.createdAt.getTime(),
    claimedBy: row.claimedBy ? { id: row.claimedBy, name: row.claimedByName ?? '' } : null,
    claimedAt: row.claimedAt?.getTime() ?? null,
    outcome: row.outcome,
    outcomeNote: row.outcomeNote,
    doneBy: row.doneBy ? { id: row.doneBy, name: row.doneByName ?? '' } : null,
    doneAt: row.doneAt?.getTime() ?? null,
    caseId: row.caseId,
    caseNumber: row.caseNumber,
  };
}

/**
 * Call-back requests as work: a caller's request stored with the day's next reference number (at most
 * {@link CALLBACKS_PER_CALLER_PER_DAY} open ones per caller a day); the open list a page at a time; a claim that one person wins; release and close (with an outcome) by the claimer or a
 * supervisor. Every change writes its audit entry in the same transaction.
 */
export class CallbackService {
  private readonly repo: CallbackRepository;
  private readonly now: () => number;

  constructor(private readonly d: CallbackServiceDeps) {
    this.repo = new CallbackRepository(d.pool);
    this.now = d.now ?? Date.now;
  }

  /**
   * Stores a caller's request under the Taipei day's next reference (`CB-MMDD-NNN`); RATE_LIMITED when the caller
   * has {@link CALLBACKS_PER_CALLER_PER_DAY} open requests of the day already.
   */
  async create(guest: CallbackGuest, p: NewCallback): Promise<CallbackReceipt> {
    const method = p.method ?? (p.phone !== undefined ? 'sms' : 'email');
    const at = new Date(this.now());
    const id = randomUUID();
    const day = taipeiDay(at.getTime());
    const reference = await inTransaction(this.d.pool, async (tx) => {
      const repo = new CallbackRepository(tx);
      // The day's counter row is locked until commit, so requests of one day are counted one at a time and two
      // at once cannot both slip under the limit (a refusal rolls the number back).
      const seq = await repo.nextSeq(day);
      if ((await repo.openCountOfGuest(guest.guestId, day)) >= CALLBACKS_PER_CALLER_PER_DAY) {
        throw new AppError('RATE_LIMITED', `You have ${CALLBACKS_PER_CALLER_PER_DAY} requests waiting already today; we will contact you.`);
      }
      const ref = formatCallbackReference(day, seq);
      await repo.insert({
        id,
        guestId: guest.guestId,
        channel: guest.channel,
        kioskId: guest.kioskId,
        method,
        topic: p.topic ?? null,
        name: p.name,
        phone: p.phone ?? null,
        email: p.email ?? null,
        note: p.note ?? null,
        day,
        seq,
        reference: ref,
        at,
      });
      // The caller has no account: the server writes the entry on their behalf, naming their visit.
      await new AuditRepository(tx).write({ kind: 'system', name: 'caller' }, 'callback.create', null, {
        callbackId: id,
        reference: ref,
        method,
        channel: guest.channel,
        kioskId: guest.kioskId,
        guestId: guest.guestId,
      });
      return ref;
    });
    this.d.logger.info({ callbackId: id, reference, method, channel: guest.channel }, 'callback requested');
    return { id, reference, method, createdAt: at.getTime() };
  }

  /** A page of the open requests as this actor sees them (see CallbackPage for the order). */
  async open(actor: StaffActor, page: { page: number; pageSize: number }): Promise<CallbackPage> {
    const { rows, total } = await this.repo.openPage(actor.id, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
    return { items: rows.map((r) => toItem(r, actor)), total, page: page.page, pageSize: page.pageSize };
  }

  async recentlyClosed(actor: StaffActor): Promise<CallbackItem[]> {
    return (await this.repo.closedSince(new Date(this.now() - CLOSED_WINDOW_MS))).map((r) => toItem(r, actor));
  }

  /** Takes a request; CONFLICT when someone holds it or it is closed. */
  async claim(actor: StaffActor, id: string): Promise<CallbackItem> {
    const at = new Date(this.now());
    await inTransaction(this.d.pool, async (tx) => {
      const repo = new CallbackRepository(tx);
      if (!(await repo.claim(id, actor.id, at))) {
        const row = await repo.byId(id);
        if (!row) throw new AppError('NOT_FOUND', 'There is no such call-back request.');
        if (row.doneAt) throw new AppError('CONFLICT', 'This call-back request is closed already.');
        throw new AppError('CONFLICT', row.claimedBy === actor.id ? 'You have taken this call-back request already.' : `${row.claimedByName ?? 'A colleague'} has taken this call-back request.`);
      }
      const row = (await repo.byId(id))!;
      await new AuditRepository(tx).write(actor, 'callback.claim', null, { callbackId: id, reference: row.reference });
    });
    return this.item(actor, id);
  }

  /** Gives a request back to the list: its claimer, or a supervisor (or admin). */
  async release(actor: StaffActor, id: string): Promise<CallbackItem> {
    await inTransaction(this.d.pool, async (tx) => {
      const repo = new CallbackRepository(tx);
      const row = await this.lockedOpen(repo, id);
      if (!row.claimedBy) throw new AppError('CONFLICT', 'Nobody has taken this call-back request.');
      this.mayAct(actor, row);
      await repo.release(id);
      await new AuditRepository(tx).write(actor, 'callback.release', null, { callbackId: id, reference: row.reference, claimedBy: row.claimedBy });
    });
    return this.item(actor, id);
  }

  /** Closes a request with its outcome: its claimer, or a supervisor (who may close one nobody took). */
  async close(actor: StaffActor, id: string, c: { outcome: Exclude<CallbackOutcome, 'case-filed'>; note?: string | undefined }): Promise<CallbackItem> {
    const at = new Date(this.now());
    await inTransaction(this.d.pool, async (tx) => {
      const repo = new CallbackRepository(tx);
      const row = await this.lockedOpen(repo, id);
      if (!row.claimedBy && actor.role === 'interpreter') throw new AppError('CONFLICT', 'Take the call-back request before closing it.');
      this.mayAct(actor, row);
      await repo.close(id, { outcome: c.outcome, note: c.note || null, userId: actor.id, at, caseId: null });
      await new AuditRepository(tx).write(actor, 'callback.close', null, { callbackId: id, reference: row.reference, outcome: c.outcome });
    });
    return this.item(actor, id);
  }

  /**
   * Closes a request because a case was filed from it, inside the filing's transaction (the case links back).
   * The caller of this has checked who may file.
   */
  static async closeWithCase(tx: pg.PoolClient, actor: StaffActor, id: string, caseId: string, number: string, at: Date): Promise<void> {
    const repo = new CallbackRepository(tx);
    await repo.close(id, { outcome: 'case-filed', note: null, userId: actor.id, at, caseId });
    await new AuditRepository(tx).write(actor, 'callback.close', caseId, { callbackId: id, outcome: 'case-filed', number });
  }

  private async item(actor: StaffActor, id: string): Promise<CallbackItem> {
    const row = await this.repo.byId(id);
    if (!row) throw new AppError('NOT_FOUND', 'There is no such call-back request.');
    return toItem(row, actor);
  }

  private async lockedOpen(repo: CallbackRepository, id: string): Promise<CallbackRow> {
    const row = await repo.byId(id, { lock: true });
    if (!row) throw new AppError('NOT_FOUND', 'There is no such call-back request.');
    if (row.doneAt) throw new AppError('CONFLICT', 'This call-back request is closed already.');
    return row;
  }

  /** The claimer, or a supervisor or admin; another interpreter is refused. */
  private mayAct(actor: StaffActor, row: CallbackRow): void {
    if (actor.role === 'interpreter' && row.claimedBy !== actor.id) throw new AppError('FORBIDDEN', `${row.claimedByName ?? 'A colleague'} has taken this call-back request.`);
  }
}
