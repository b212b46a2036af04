// Types only: the driver is loaded by the PostgreSQL adapters themselves, on use (OPS-4).
import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction on one pooled connection: committed when it resolves, rolled
 * back when it throws. A connection whose rollback fails is broken and leaves the pool.
 */
export async function inPgTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (err) {
    try {
      await client.query('ROLLBACK');
      client.release();
    } catch {
      // The connection itself is broken: drop it from the pool rather than reuse it.
      client.release(true);
    }
    throw err;
  }
}
