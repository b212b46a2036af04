import type { Database, Statement } from 'better-sqlite3';
import { hashToken, randomToken } from './ids.ts';

export interface SessionRow {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ended_at: number | null;
}

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

/** Server-side sessions: the cookie holds a random token, the database only its hash. */
export class SessionsRepo {
  private readonly insert: Statement<[string, string, string, number, number, number]>;
  private readonly byHash: Statement<[string]>;
  private readonly touchStmt: Statement<[number, string]>;
  private readonly endStmt: Statement<[number, string]>;
  private readonly endUserStmt: Statement<[number, string]>;

  constructor(
    db: Database,
    private readonly policy: SessionPolicy,
  ) {
    this.insert = db.prepare(
      'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.byHash = db.prepare('SELECT * FROM sessions WHERE id_hash = ?');
    this.touchStmt = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?');
    this.endStmt = db.prepare('UPDATE sessions SET ended_at = ? WHERE id_hash = ? AND ended_at IS NULL');
    this.endUserStmt = db.prepare('UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL');
  }

  create(userId: string, now = Date.now()): { token: string; row: SessionRow } {
    const token = randomToken();
    const idHash = hashToken(token);
    this.insert.run(idHash, userId, randomToken(), now, now, now + this.policy.absoluteMs);
    return { token, row: this.byHash.get(idHash) as SessionRow };
  }

  /** The live session for a cookie token, or undefined when unknown, ended, idle or expired. */
  resolve(token: string, now = Date.now()): SessionRow | undefined {
    const row = this.byHash.get(hashToken(token)) as SessionRow | undefined;
    if (!row || !this.isLive(row, now)) return undefined;
    return row;
  }

  getByHash(idHash: string): SessionRow | undefined {
    return this.byHash.get(idHash) as SessionRow | undefined;
  }

  isLive(row: SessionRow, now = Date.now()): boolean {
    return row.ended_at === null && now < row.expires_at && now - row.last_seen_at < this.policy.idleMs;
  }

  touch(row: SessionRow, now = Date.now()): void {
    // Writing on every request would cost a commit each; a minute of resolution is plenty.
    if (now - row.last_seen_at > 60_000 || this.policy.idleMs < 120_000) this.touchStmt.run(now, row.id_hash);
  }

  end(idHash: string): void {
    this.endStmt.run(Date.now(), idHash);
  }

  endAllForUser(userId: string): void {
    this.endUserStmt.run(Date.now(), userId);
  }
}
