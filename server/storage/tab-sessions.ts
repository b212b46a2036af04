import type { SqlDb } from './sql.ts';

/** Whose tab a session belongs to: the client's portal (a recording) or a fragment link. */
export type TabSessionKind = 'client' | 'fragment';

export interface TabSessionRow {
  token_hash: string;
  kind: TabSessionKind;
  /** The recording (portal) or the link (fragments) the session opens, and nothing else. */
  subject: string;
  created_at: number;
  expires_at: number;
}

/**
 * Sessions of people without an account, kept in one browser tab (PORTAL-2, FRAGLINK-1), and the
 * rate counters that guard how they are opened (PORTAL-3). In SQLite so a restart keeps both:
 * only hashes of tokens and of counted keys (codes, addresses) are stored.
 */
export class TabSessionsRepo {
  constructor(private readonly db: SqlDb) {}

  async insert(row: TabSessionRow): Promise<void> {
    await this.db.run('INSERT INTO tab_sessions (token_hash, kind, subject, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
      row.token_hash,
      row.kind,
      row.subject,
      row.created_at,
      row.expires_at,
    ]);
  }

  get(kind: TabSessionKind, tokenHash: string): Promise<TabSessionRow | undefined> {
    return this.db.get<TabSessionRow>('SELECT * FROM tab_sessions WHERE token_hash = ? AND kind = ?', [tokenHash, kind]);
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.run('DELETE FROM tab_sessions WHERE token_hash = ?', [tokenHash]);
  }

  /** Ends every session of a subject (a new code, an ended link). */
  async deleteSubject(kind: TabSessionKind, subject: string): Promise<number> {
    return (await this.db.run('DELETE FROM tab_sessions WHERE kind = ? AND subject = ?', [kind, subject])).changes;
  }

  /** Removes expired sessions and counters whose window has passed. */
  async prune(now: number): Promise<void> {
    await this.db.run('DELETE FROM tab_sessions WHERE expires_at <= ?', [now]);
    await this.db.run('DELETE FROM rate_counters WHERE reset_at <= ?', [now]);
  }

  /** The count in the current window (0 when none is open). */
  async count(key: string, now: number): Promise<number> {
    const c = await this.db.get<{ count: number; reset_at: number }>('SELECT count, reset_at FROM rate_counters WHERE key = ?', [key]);
    return c && c.reset_at > now ? c.count : 0;
  }

  /**
   * Counts one more in the key's window (a new window when the last one has passed). Read and
   * bump in one transaction, under the key's lock: two requests at once count twice.
   */
  hit(key: string, now: number, windowMs: number): Promise<number> {
    return this.db.transaction(
      async (tx) => {
        const c = await tx.get<{ count: number; reset_at: number }>('SELECT count, reset_at FROM rate_counters WHERE key = ?', [key]);
        const next = !c || c.reset_at <= now ? { count: 1, reset_at: now + windowMs } : { count: c.count + 1, reset_at: c.reset_at };
        await tx.run(
          'INSERT INTO rate_counters (key, count, reset_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET count = excluded.count, reset_at = excluded.reset_at',
          [key, next.count, next.reset_at],
        );
        return next.count;
      },
      { lockKey: `rate:${key}` },
    );
  }
}
