import type { Queryable } from './queryable.ts';

export interface CallbackRow {
  id: string;
  channel: 'web' | 'kiosk';
  kioskId: string | null;
  topic: string | null;
  name: string;
  phone: string | null;
  email: string | null;
  note: string | null;
  createdAt: Date;
  doneAt: Date | null;
}

const COLUMNS = `id, channel, kiosk_id AS "kioskId", topic, name, phone, email, note, created_at AS "createdAt", done_at AS "doneAt"`;

/** Call-back requests left outside video hours. */
export class CallbackRepository {
  constructor(private readonly db: Queryable) {}

  async create(r: { id: string; guestId: string; channel: 'web' | 'kiosk'; kioskId: string | null; topic: string | null; name: string; phone: string | null; email: string | null; note: string | null }): Promise<void> {
    await this.db.query(
      `INSERT INTO callback_requests (id, guest_id, channel, kiosk_id, topic, name, phone, email, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [r.id, r.guestId, r.channel, r.kioskId, r.topic, r.name, r.phone, r.email, r.note],
    );
  }

  async open(): Promise<CallbackRow[]> {
    const r = await this.db.query<CallbackRow>(`SELECT ${COLUMNS} FROM callback_requests WHERE done_at IS NULL ORDER BY created_at LIMIT 500`);
    return r.rows;
  }

  async markDone(id: string, userId: string): Promise<boolean> {
    const r = await this.db.query(`UPDATE callback_requests SET done_at = now(), done_by = $2 WHERE id = $1 AND done_at IS NULL`, [id, userId]);
    return r.rowCount === 1;
  }
}
