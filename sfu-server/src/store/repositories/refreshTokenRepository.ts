import type { UserId } from '@sign-relay/shared';
import type { Queryable } from './queryable.ts';

export interface RefreshTokenRow {
  id: string;
  userId: UserId;
  tokenHash: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** Refresh tokens, stored as hashes only. */
export class RefreshTokenRepository {
  constructor(private readonly db: Queryable) {}

  async insert(row: { id: string; userId: UserId; tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.db.query(`INSERT INTO refresh_tokens (id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`, [row.id, row.userId, row.tokenHash, row.expiresAt]);
  }

  /** Stores a token unless one with its id is there already (a successor stored by a refresh running at once). */
  async insertIfAbsent(row: { id: string; userId: UserId; tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.db.query(`INSERT INTO refresh_tokens (id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`, [
      row.id,
      row.userId,
      row.tokenHash,
      row.expiresAt,
    ]);
  }

  async byId(id: string): Promise<RefreshTokenRow | undefined> {
    const r = await this.db.query<RefreshTokenRow>(
      `SELECT id, user_id AS "userId", token_hash AS "tokenHash", expires_at AS "expiresAt", revoked_at AS "revokedAt" FROM refresh_tokens WHERE id = $1`,
      [id],
    );
    return r.rows[0];
  }

  /** Revokes one token (as of `at`); true only for the call that revoked it. */
  async revoke(id: string, at: Date): Promise<boolean> {
    const r = await this.db.query(`UPDATE refresh_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [id, at]);
    return r.rowCount === 1;
  }

  async revokeAllForUser(userId: UserId): Promise<void> {
    await this.db.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }

  async deleteExpired(olderThan: Date): Promise<number> {
    const r = await this.db.query(`DELETE FROM refresh_tokens WHERE expires_at < $1`, [olderThan]);
    return r.rowCount ?? 0;
  }
}
