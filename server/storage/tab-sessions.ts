import type { Database, Statement } from 'better-sqlite3';

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
  private readonly s: Record<string, Statement>;
  private readonly hitTx: (key: string, now: number, windowMs: number) => number;

  constructor(db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insert: p('INSERT INTO tab_sessions (token_hash, kind, subject, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'),
      get: p('SELECT * FROM tab_sessions WHERE token_hash = ? AND kind = ?'),
      delete: p('DELETE FROM tab_sessions WHERE token_hash = ?'),
      deleteSubject: p('DELETE FROM tab_sessions WHERE kind = ? AND subject = ?'),
      prune: p('DELETE FROM tab_sessions WHERE expires_at <= ?'),
      counter: p('SELECT count, reset_at FROM rate_counters WHERE key = ?'),
      putCounter: p('INSERT INTO rate_counters (key, count, reset_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET count = excluded.count, reset_at = excluded.reset_at'),
      pruneCounters: p('DELETE FROM rate_counters WHERE reset_at <= ?'),
    };
    // Read and bump in one transaction: two requests at once count twice.
    this.hitTx = db.transaction((key: string, now: number, windowMs: number) => {
      const c = this.s.counter!.get(key) as { count: number; reset_at: number } | undefined;
      const next = !c || c.reset_at <= now ? { count: 1, reset_at: now + windowMs } : { count: c.count + 1, reset_at: c.reset_at };
      this.s.putCounter!.run(key, next.count, next.reset_at);
      return next.count;
    });
  }

  insert(row: TabSessionRow): void {
    this.s.insert!.run(row.token_hash, row.kind, row.subject, row.created_at, row.expires_at);
  }

  get(kind: TabSessionKind, tokenHash: string): TabSessionRow | undefined {
    return this.s.get!.get(tokenHash, kind) as TabSessionRow | undefined;
  }

  delete(tokenHash: string): void {
    this.s.delete!.run(tokenHash);
  }

  /** Ends every session of a subject (a new code, an ended link). */
  deleteSubject(kind: TabSessionKind, subject: string): number {
    return this.s.deleteSubject!.run(kind, subject).changes;
  }

  /** Removes expired sessions and counters whose window has passed. */
  prune(now: number): void {
    this.s.prune!.run(now);
    this.s.pruneCounters!.run(now);
  }

  /** The count in the current window (0 when none is open). */
  count(key: string, now: number): number {
    const c = this.s.counter!.get(key) as { count: number; reset_at: number } | undefined;
    return c && c.reset_at > now ? c.count : 0;
  }

  /** Counts one more in the key's window (a new window when the last one has passed). */
  hit(key: string, now: number, windowMs: number): number {
    return this.hitTx(key, now, windowMs);
  }
}
