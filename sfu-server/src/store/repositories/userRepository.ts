import type { Gender, StaffRole, UserId } from '@sign-relay/shared';
import type { Queryable } from './queryable.ts';

export interface UserRow {
  id: UserId;
  username: string;
  displayName: string;
  role: StaffRole;
  gender: Gender | null;
  passwordHash: string;
  disabled: boolean;
  /** Staff tokens issued before this no longer stand (see StaffSessions); null: every unexpired token does. */
  sessionsValidAfter: Date | null;
  createdAt: Date;
}

const COLUMNS = `id, username, display_name AS "displayName", role, gender, password_hash AS "passwordHash", disabled, sessions_valid_after AS "sessionsValidAfter", created_at AS "createdAt"`;

/** Staff accounts. Usernames compare case-insensitively. */
export class UserRepository {
  constructor(private readonly db: Queryable) {}

  async byUsername(username: string): Promise<UserRow | undefined> {
    const r = await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE lower(username) = lower($1)`, [username]);
    return r.rows[0];
  }

  async byId(id: UserId): Promise<UserRow | undefined> {
    const r = await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return r.rows[0];
  }

  async list(): Promise<UserRow[]> {
    const r = await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY role, lower(username)`);
    return r.rows;
  }

  /** Inserts; returns false when the username is taken. */
  async insert(u: Omit<UserRow, 'createdAt' | 'disabled' | 'sessionsValidAfter'>): Promise<boolean> {
    const r = await this.db.query(
      `INSERT INTO users (id, username, display_name, role, gender, password_hash) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING`,
      [u.id, u.username, u.displayName, u.role, u.gender, u.passwordHash],
    );
    return r.rowCount === 1;
  }

  /** `sessionsValidAfter`: tokens issued before it stop standing (the account was disabled, or its role or password changed). */
  async update(
    id: UserId,
    patch: { displayName?: string; gender?: Gender | null; disabled?: boolean; passwordHash?: string; role?: StaffRole; sessionsValidAfter?: Date },
  ): Promise<UserRow | undefined> {
    const r = await this.db.query<UserRow>(
      `UPDATE users SET
         display_name = COALESCE($2, display_name),
         gender = CASE WHEN $3::boolean THEN $4 ELSE gender END,
         disabled = COALESCE($5, disabled),
         password_hash = COALESCE($6, password_hash),
         role = COALESCE($7, role),
         sessions_valid_after = COALESCE($8, sessions_valid_after)
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, patch.displayName ?? null, patch.gender !== undefined, patch.gender ?? null, patch.disabled ?? null, patch.passwordHash ?? null, patch.role ?? null, patch.sessionsValidAfter ?? null],
    );
    return r.rows[0];
  }

  async countAdmins(): Promise<number> {
    const r = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM users WHERE role = 'admin' AND NOT disabled`);
    return Number(r.rows[0]?.n ?? 0);
  }
}
