import type pg from 'pg';

/**
 * Runs `fn` in one transaction on one client of the pool: committed when it resolves, rolled back when it
 * throws. Inside, use only the given client — the embedded database has a single connection, so a query on
 * the pool from inside would wait forever.
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackErr: unknown) => {
      failed = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
    });
    throw err;
  } finally {
    // A connection whose rollback failed is broken: drop it rather than hand it back.
    client.release(failed);
  }
}
