import type { AuditEntry, UserId } from '@sign-relay/shared';
import type { Queryable } from './queryable.ts';

/** Who did something: a staff member, a city system by its API key, or the server itself. */
export type Actor =
  | { kind: 'staff'; id: UserId; name: string; role: 'interpreter' | 'supervisor' | 'admin' }
  | { kind: 'api'; id: string; name: string }
  | { kind: 'system'; name: string };

export const actorKind = (a: Actor): 'staff' | 'api' | 'system' => a.kind;
export const actorId = (a: Actor): string | null => (a.kind === 'system' ? null : a.id);

/**
 * The audit log: every view of a case's personal data and every change of a case. Append-only — this
 * repository only inserts and reads, and the database refuses UPDATE, DELETE and TRUNCATE on the table.
 */
export class AuditRepository {
  constructor(private readonly db: Queryable) {}

  async write(actor: Actor, action: string, caseId: string | null, details: Record<string, unknown> = {}): Promise<void> {
    await this.db.query(`INSERT INTO audit_log (actor_kind, actor_id, actor_name, action, case_id, details) VALUES ($1, $2, $3, $4, $5, $6)`, [
      actorKind(actor),
      actorId(actor),
      actor.name,
      action,
      caseId,
      JSON.stringify(details),
    ]);
  }

  /** Newest first; `before` pages back by id. */
  async list(q: { caseId?: string | undefined; before?: number | undefined; limit: number }): Promise<AuditEntry[]> {
    const r = await this.db.query<{ id: string; at: Date; actorKind: AuditEntry['actorKind']; actorName: string; action: string; caseId: string | null; details: Record<string, unknown> }>(
      `SELECT id, at, actor_kind AS "actorKind", actor_name AS "actorName", action, case_id AS "caseId", details FROM audit_log
       WHERE ($1::uuid IS NULL OR case_id = $1) AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
      [q.caseId ?? null, q.before ?? null, q.limit],
    );
    return r.rows.map((e) => ({ ...e, id: Number(e.id), at: e.at.getTime() }));
  }
}
