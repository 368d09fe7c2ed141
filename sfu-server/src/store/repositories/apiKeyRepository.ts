import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ApiKeyInfo } from '@sign-relay/shared';
import type { ApiKeyHolder, ApiKeyVerifier } from '../../people.ts';
import type { Queryable } from './queryable.ts';

/** Every key starts with this, so a leaked key is recognisable (secret scanners, logs). */
export const API_KEY_PREFIX = 'sr_';
/** How many characters of a key lists show: `sr_` and the first 6 of its random part. */
const SHOWN = API_KEY_PREFIX.length + 6;
/** A key is `sr_` + 32 random bytes in base64url (43 characters). */
const KEY_PATTERN = /^sr_[A-Za-z0-9_-]{43}$/;
/** `last_used_at` is written at most this often per key: a busy client must not turn every request into a write. */
const TOUCH_EVERY_MS = 60_000;

/** What is stored of a key: never the key itself, only its SHA-256. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  canPost: boolean;
  canUpdateStatus: boolean;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const COLUMNS = `id, name, prefix, can_post AS "canPost", can_update_status AS "canUpdateStatus", created_at AS "createdAt",
  revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"`;

const toInfo = (r: KeyRow): ApiKeyInfo => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  canPost: r.canPost,
  canUpdateStatus: r.canUpdateStatus,
  createdAt: r.createdAt.getTime(),
  revokedAt: r.revokedAt?.getTime() ?? null,
  lastUsedAt: r.lastUsedAt?.getTime() ?? null,
});

/**
 * API keys of the city's systems (Open311 clients, the back office). Keys are 32 random bytes, so a fast
 * hash is enough to keep them: a lookup by SHA-256 finds the key, and a stolen table gives nobody a key.
 */
export class ApiKeyRepository implements ApiKeyVerifier {
  constructor(
    private readonly db: Queryable,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates a key; the key itself is in this answer only. */
  async issue(k: { name: string; canPost: boolean; canUpdateStatus: boolean; createdBy: string | null }): Promise<{ key: string; info: ApiKeyInfo }> {
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const r = await this.db.query<KeyRow>(
      `INSERT INTO api_keys (id, name, key_hash, prefix, can_post, can_update_status, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [randomUUID(), k.name, hashApiKey(key), key.slice(0, SHOWN), k.canPost, k.canUpdateStatus, k.createdBy, new Date(this.now())],
    );
    return { key, info: toInfo(r.rows[0]!) };
  }

  /** Every key, revoked ones included (newest first): the admins' list. */
  async list(): Promise<ApiKeyInfo[]> {
    const r = await this.db.query<KeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at DESC, id`);
    return r.rows.map(toInfo);
  }

  /** Revokes a key (again: no change); undefined when there is no such key. */
  async revoke(id: string, by: string | null): Promise<{ info: ApiKeyInfo; changed: boolean } | undefined> {
    const r = await this.db.query<KeyRow>(
      `UPDATE api_keys SET revoked_at = $3, revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      [id, by, new Date(this.now())],
    );
    if (r.rows[0]) return { info: toInfo(r.rows[0]), changed: true };
    const existing = await this.db.query<KeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [id]);
    return existing.rows[0] ? { info: toInfo(existing.rows[0]), changed: false } : undefined;
  }

  /** The holder of a valid, unrevoked key, or null. No cache: a revoked key stops working at once. */
  async verify(key: string): Promise<ApiKeyHolder | null> {
    if (!KEY_PATTERN.test(key)) return null;
    const r = await this.db.query<KeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`, [hashApiKey(key)]);
    const row = r.rows[0];
    if (!row) return null;
    const now = this.now();
    if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
      // The condition is repeated in SQL so that concurrent requests of one client write once.
      await this.db.query(`UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $3)`, [
        row.id,
        new Date(now),
        new Date(now - TOUCH_EVERY_MS),
      ]);
    }
    return { kind: 'api-key', keyId: row.id, name: row.name, canPost: row.canPost, canUpdateStatus: row.canUpdateStatus };
  }
}
